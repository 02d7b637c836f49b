import { bootApp, TestApp } from '../harness/app';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  url?: string;
  route?: string;
  user?: string;
  status?: number;
  durationMs?: number;
  remoteAddress?: string;
}

/** One JSON line per request, with the fields an operator searches by; no secrets. */
describe('request log', () => {
  let t: TestApp;
  const lines: Line[] = [];
  const requestLines = () => lines.filter((l) => l.msg === 'request completed');

  beforeAll(async () => {
    const destination = { write: (chunk: string) => void lines.push(...chunk.trim().split('\n').map((l) => JSON.parse(l) as Line)) };
    t = await bootApp({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });
  afterAll(() => t.close());
  beforeEach(() => lines.splice(0));

  it('logs requestId, method, route, user, status and durationMs, and echoes the request id', async () => {
    const res = await t.http.get('/api/method/ping').set('X-Request-Id', 'trace-42').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    const admin = await t.token('Administrator');
    const item = await t.http.get('/api/resource/Item').query({ limit_page_length: 1 }).set('Authorization', admin).expect(200);
    const generated = item.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const ping = requestLines().find((l) => l.url === '/api/method/ping')!;
    const list = requestLines().find((l) => l.url?.startsWith('/api/resource/Item'))!;
    expect(ping).toMatchObject({ requestId: 'trace-42', method: 'GET', route: '/api/method/:path', user: 'Guest', status: 200 });
    expect(typeof ping.durationMs).toBe('number');
    expect(list).toMatchObject({ requestId: generated, route: '/api/resource/:doctype', user: 'Administrator', status: 200 });
  });

  it('takes the client address from X-Forwarded-For sent by a trusted proxy (TRUST_PROXY, loopback by default)', async () => {
    await t.http.get('/api/method/ping').set('X-Forwarded-For', '203.0.113.7').expect(200);
    expect(requestLines()[0].remoteAddress).toBe('203.0.113.7');
  });

  it('logs refused requests as warnings, replaces unsafe request ids, and keeps secrets and probes out', async () => {
    const bad = await t.http.get('/api/resource/Item').set('Authorization', 'token nope:nope').set('X-Request-Id', 'has spaces; drop').expect(401);
    expect(bad.headers['x-request-id']).not.toBe('has spaces; drop');
    await t.http.get('/api/method/login').query({ usr: 'Administrator', pwd: 'hunter2' });
    await t.http.get('/api/health/live').expect(200);

    const logged = requestLines();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 40, route: '/api/resource/:doctype', status: 401, requestId: bad.headers['x-request-id'] });
    expect(logged[1].url).toBe('/api/method/login?usr=Administrator&pwd=[Redacted]');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(JSON.stringify(lines)).not.toContain('nope:nope');
  });
});
