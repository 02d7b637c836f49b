import request from 'supertest';
import { ADMIN_PASSWORD, bootApp, demoUserEmail, TestApp } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';

const LIMIT = 5;

/**
 * The Sales User role gets 5 requests a minute; its freshly generated API key is a budget no
 * other test touches. A second server, a separate OS process on the same database (and the
 * same Redis, when set), shows whether the budget is shared between processes.
 */
describe(`rate limits (${process.env.REDIS_URL ? 'Redis store' : 'in-process store'})`, () => {
  let t: TestApp;
  let second: ServerProcess;
  const limits = { RATE_LIMIT_ROLE_SALES_USER: `${LIMIT}/60`, RATE_LIMIT_DEFAULT: '1000000/60', RATE_LIMIT_GUEST: '1000000/60' };

  beforeAll(async () => {
    t = await bootApp(limits);
    const dbUrl = t.config.engine === 'sqlite' ? `sqlite:${t.config.sqlitePath}` : t.config.dbUrl;
    second = await startServerProcess({ ...limits, DB_URL: dbUrl, REDIS_URL: process.env.REDIS_URL ?? '', ADMIN_PASSWORD, DOCKET_DEMO: '0' });
  });
  afterAll(async () => {
    await second?.stop();
    await t.close();
  });

  it('answers the N+1st request in the window with 429, Retry-After and X-RateLimit headers', async () => {
    const token = await t.token(demoUserEmail('Sales User'));
    for (let i = 0; i < LIMIT; i++) {
      const ok = await t.http.get('/api/resource/Item').set('Authorization', token).expect(200);
      expect(ok.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i - 1));
    }
    const over = await t.http.get('/api/resource/Item').set('Authorization', token).expect(429);
    expect(over.body.exc_type).toBe('TooManyRequestsError');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.headers['x-ratelimit-remaining']).toBe('0');
    // GraphQL spends the same budget
    const gql = await t.http.post('/graphql').set('Authorization', token).send({ query: '{ me { name } }' }).expect(429);
    expect(gql.body.errors[0].extensions.code).toBe('TooManyRequestsError');
    await t.http.post('/graphql/').set('Authorization', token).send({ query: '{ me { name } }' }).expect(429);
  });

  it(process.env.REDIS_URL ? 'shares one budget between two server processes' : 'keeps a separate budget per process without Redis', async () => {
    const admin = await t.token('Administrator');
    await t.http.post('/api/resource/User').set('Authorization', admin).send({ email: 'limited@demo.docket', first_name: 'Limited', roles: [{ role: 'Sales User' }] }).expect(200);
    const token = await t.token('limited@demo.docket');
    const other = request(second.url);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 2; i++) {
      const server = i % 2 ? other : t.http;
      statuses.push((await server.get('/api/resource/Item').set('Authorization', token)).status);
    }
    if (process.env.REDIS_URL) {
      expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    } else {
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
  });
});
