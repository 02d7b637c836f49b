import { Redis } from 'ioredis';
import { BullJobQueue } from '../../src/jobs/bull-job-queue';
import { JobQueue } from '../../src/jobs/job-queue';
import { keyPrefix } from '../../src/kernel/cache/cache';
import { RedisConnection } from '../../src/kernel/cache/redis-connection';
import { ChangeFeed } from '../../src/kernel/db/change-feed';
import { Database } from '../../src/kernel/db/database';
import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { RedisServer } from '../harness/redis-server';

const LIMIT = 5;
/** The answer time every request must keep while Redis is down (normal speed is a few ms). */
const FAST_MS = 200;

/** Resolves once `ready()` holds, polled every 20 ms; fails after `timeoutMs`. */
async function until(ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await ready())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/**
 * The app on a Redis of its own, which the test kills with SIGKILL and starts again on the
 * same port: while it is down requests keep their normal speed, auth still holds, rate limits
 * fall back to per-process counting, caches are bypassed and events wait in the outbox; once it is
 * back, limits are counted in Redis and caches serve again. On either database engine.
 */
describe('Redis outage: fail fast, limit per process, recover at once', () => {
  let redis: RedisServer;
  let t: TestApp;
  let admin: string;
  let customer: string;

  const apiKeyOf = (token: string) => token.replace(/^token /, '').split(':')[0];
  const counterKey = (token: string) => `${keyPrefix(t.config)}throttle:default:key:${apiKeyOf(token)}`;
  /** Reads the shared Redis directly, as another process would. */
  const inRedis = async (key: string): Promise<string | null> => {
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      return await probe.get(key);
    } finally {
      probe.disconnect();
    }
  };
  const customerName = async () =>
    (await t.http.get(`/api/resource/Customer/${customer}`).set('Authorization', admin).expect(200)).body.data.customer_name as string;
  /** Renames the customer behind Docket's back (straight through the driver): only a cache can still show the old name. */
  const renameBehindTheBack = (name: string) => t.app.get(Database).dataSource.query('UPDATE `tabCustomer` SET customer_name = ? WHERE name = ?', [name, customer]);
  const jobs = () => t.app.get(JobQueue) as BullJobQueue;
  /** Events committed and not yet handed to the job queue. */
  const unrelayed = async () => Number((await t.app.get(Database).pool.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM `__Outbox` WHERE status = 'pending'"))[0].n);

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await bootApp({ REDIS_URL: redis.url, RATE_LIMIT_ROLE_SALES_USER: `${LIMIT}/60` });
    admin = await t.token('Administrator');
    customer = (await t.http.post('/api/resource/Customer').set('Authorization', admin).send({ customer_name: 'Outage Co' }).expect(200)).body.data.name;
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('with Redis up: counts rate limits in Redis and serves get-by-name from the cache', async () => {
    expect(jobs()).toBeInstanceOf(BullJobQueue);
    const sales = await t.token(demoUserEmail('Sales User'));
    await t.http.get('/api/resource/Item').set('Authorization', sales).expect(200);
    expect(await inRedis(counterKey(sales))).toBe('1');
    expect(await customerName()).toBe('Outage Co');
    await renameBehindTheBack('Renamed while cached');
    expect(await customerName()).toBe('Outage Co');
  });

  it(`with Redis killed: 100 sequential requests, reads and writes, each answer within ${FAST_MS} ms`, async () => {
    await redis.kill();
    const feed = t.app.get(ChangeFeed);
    await until(() => !feed.live, 2_000);
    const times: number[] = [];
    const failures: string[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const res =
        i % 4 === 3
          ? await t.http.post('/api/resource/Customer').set('Authorization', admin).send({ customer_name: `Outage write ${i}` })
          : i % 2
            ? await t.http.get('/api/resource/Customer').query({ fields: '["name","customer_name"]' }).set('Authorization', admin)
            : await t.http.get(`/api/resource/Customer/${customer}`).set('Authorization', admin);
      times.push(performance.now() - started);
      if (res.status !== 200) failures.push(`${i}: ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(times).toHaveLength(100);
    expect(Math.max(...times)).toBeLessThan(FAST_MS);
    // Every write committed and answered; the cache is bypassed (the name changed behind its back shows).
    const written = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Customer', filters: '[["customer_name","like","Outage write %"]]' }).set('Authorization', admin).expect(200);
    expect(written.body.message).toBe(25);
    expect(await customerName()).toBe('Renamed while cached');
    // The writes' events wait in the outbox for Redis.
    expect(await unrelayed()).toBeGreaterThanOrEqual(25);
  });

  it('with Redis killed: the readiness probe says so at once (503, redis down)', async () => {
    const started = performance.now();
    const res = await t.http.get('/api/health/ready').expect(503);
    expect(performance.now() - started).toBeLessThan(FAST_MS);
    expect(res.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'down' } });
  });

  it('with Redis killed: auth is still enforced (a bad key and a revoked key get 401)', async () => {
    await t.http.get('/api/resource/Customer').set('Authorization', 'token nosuchkey:nosuchsecret').expect(401);
    const user = demoUserEmail('Stock User');
    const token = await t.token(user);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', token).expect(200);
    await t.http.post('/api/method/docket.auth.revoke_keys').set('Authorization', admin).send({ user }).expect(200);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', token).expect(401);
  });

  it('with Redis killed: a limited role still gets 429, counted in this process', async () => {
    await t.http.post('/api/resource/User').set('Authorization', admin).send({ email: 'outage-limited@demo.docket', first_name: 'Limited', roles: [{ role: 'Sales User' }] }).expect(200);
    const limited = await t.token('outage-limited@demo.docket');
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await t.http.get('/api/resource/Item').set('Authorization', limited)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);
  });

  it('once Redis is back: rate limits are counted in Redis again, caches serve again, the outbox is relayed', async () => {
    await redis.restart();
    const feed = t.app.get(ChangeFeed);
    const connection = t.app.get(RedisConnection);
    const recoveredMs = await until(() => connection.ready && feed.live, 5_000);
    expect(recoveredMs).toBeLessThan(2_000);

    const limited = await t.token('outage-limited@demo.docket');
    await t.http.get('/api/resource/Item').set('Authorization', limited).expect(200);
    expect(await inRedis(counterKey(limited))).toBe('1');

    await renameBehindTheBack('Outage Co');
    expect(await customerName()).toBe('Outage Co');
    await renameBehindTheBack('Renamed while cached again');
    expect(await customerName()).toBe('Outage Co');

    // Woken by the queue's reconnection, not the periodic sweep (30 s).
    await until(async () => (await unrelayed()) === 0, 5_000);
  });
});
