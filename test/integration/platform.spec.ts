import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';

describe('platform: docs, health, metrics, same-company links', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
  });
  afterAll(() => t.close());

  it('serves the API reference from local assets, and the spec as JSON and YAML, to Guest', async () => {
    const page = await t.http.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
    const spec = await t.http.get('/api/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(spec.body.paths)).toContain('/api/resource/Item');
    await t.http.get('/api/openapi.yaml').expect(200);
    const css = await t.http.get('/api/docs/assets/swagger-ui.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['cache-control']).toMatch(/max-age=\d+/);
    await t.http.get('/api/docs/assets/package.json').expect(404);
  });

  it('serves a docs page that works under its CSP: no inline script or style, every file it loads from here', async () => {
    const page = await t.http.get('/api/docs').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/(^|;)script-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;)connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="[^"]+"/);
      expect(body.trim()).toBe('');
    }
    expect(page.text).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const files = [...page.text.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const types: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, png: /^image\/png/ };
    for (const file of files) {
      expect(file).toMatch(/^\/api\/docs\/assets\/[\w.-]+\.(js|css|png)$/);
      const res = await t.http.get(file).expect(200);
      expect(res.headers['content-type']).toMatch(types[file.split('.').pop()!]);
    }
    // the init script loads the spec from this origin and shows no validator badge (an image from elsewhere)
    const init = await t.http.get('/api/docs/assets/docket-init.js').expect(200);
    expect(init.text).toContain('validatorUrl: null');
    await t.http.get(/url: '([^']+)'/.exec(init.text)![1]).expect(200);
  });

  it('answers liveness and readiness (database) and Prometheus metrics', async () => {
    await t.http.get('/api/health/live').expect(200);
    const ready = await t.http.get('/api/health/ready').expect(200);
    expect(JSON.stringify(ready.body)).toContain('database');
    await t.http.get('/api/method/ping').expect(200);
    const metrics = await t.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_requests_total');
    expect(metrics.text).toContain('http_request_duration_seconds');
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/api\/method\/:path",status="200"\} \d+/);
  });

  it('answers malformed bodies, unknown routes and long names in Frappe\'s error shape', async () => {
    const bad = await t.http.post('/api/resource/Item').set('Authorization', admin).set('Content-Type', 'application/json').send('{"item_code": ').expect(400);
    expect(bad.body.exc_type).toBe('ValidationError');
    const big = await t.http.post('/api/resource/Item').set('Authorization', admin).send({ description: 'x'.repeat(1_100_000) }).expect(413);
    expect(big.body.exc_type).toBe('ValidationError');
    const route = await t.http.get('/api/nowhere').set('Authorization', admin).expect(404);
    expect(route.body.exc_type).toBe('DoesNotExistError');
    const long = `ITEM-${'é'.repeat(130)}`;
    const missing = await t.http.get(`/api/resource/Item/${encodeURIComponent(long)}`).set('Authorization', admin).expect(404);
    expect(missing.body.exception).toContain(long);
    await t.http.get('/api/resource/Item/').set('Authorization', admin).expect(200);
  });

  it('refuses a Link to a record of another company where the field says same_company', async () => {
    const other = await t.http.post('/api/resource/Company').set('Authorization', admin).send({ company_name: 'Other Co', abbr: 'OC', default_currency: 'USD', country: 'United States' }).expect(200);
    const wh = await t.http.post('/api/resource/Warehouse').set('Authorization', admin).send({ warehouse_name: 'Elsewhere', company: other.body.data.name }).expect(200);
    const res = await t.http
      .post('/api/resource/Test Order')
      .set('Authorization', admin)
      .send(order(m.customers[0], [m.items[0]], { company: m.company, set_warehouse: wh.body.data.name }))
      .expect(417);
    expect(res.body.exc_type).toBe('LinkValidationError');
    const own = await t.http.get('/api/resource/Warehouse').query({ filters: JSON.stringify({ company: m.company, is_group: 0 }) }).set('Authorization', admin).expect(200);
    await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[0], [m.items[0]], { company: m.company, set_warehouse: own.body.data[0].name })).expect(200);
  });
});
