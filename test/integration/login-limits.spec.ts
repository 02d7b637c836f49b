import request from 'supertest';
import { HousekeepingService } from '../../src/kernel/db/housekeeping.service';
import { Database } from '../../src/kernel/db/database';
import { ADMIN_PASSWORD, bootApp, DEMO_PASSWORD, demoUserEmail, onMariaDb, TestApp } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';

const ATTEMPTS = 10; // LOGIN_ATTEMPTS' default
const TOKEN_URL = '/api/method/frappe.integrations.oauth2.get_token';

/**
 * Failed logins are limited per account, whatever address they come from: after
 * LOGIN_ATTEMPTS failures in a row the account answers 429 (Retry-After) for
 * LOGIN_LOCKOUT_SECONDS, even to the right password. An unknown account answers alike.
 * The harness talks from loopback, a trusted proxy by default: X-Forwarded-For sets the client.
 */
describe('login attempts per account', () => {
  let t: TestApp;
  let ip = 0;
  /** Each request from another client address, so only the per-account rule can refuse it. */
  const login = (usr: string, pwd: string) =>
    t.http
      .post('/api/method/login')
      .set('X-Forwarded-For', `198.51.100.${++ip % 250}`)
      .send({ usr, pwd });
  const grant = (username: string, password: string) =>
    t.http
      .post(TOKEN_URL)
      .set('X-Forwarded-For', `198.51.100.${++ip % 250}`)
      .type('form')
      .send({ grant_type: 'password', username, password, client_id: 'docket-storefront' });
  const statuses = async (n: number, send: () => Promise<{ status: number }>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await send()).status);
    return out;
  };
  const waitOut = (res: { headers: Record<string, string> }) => new Promise((r) => setTimeout(r, Number(res.headers['retry-after']) * 1000));

  beforeAll(async () => {
    t = await bootApp({ LOGIN_LOCKOUT_SECONDS: '2' });
  });
  afterAll(() => t.close());

  it('20 wrong passwords from 20 addresses: 10 answer 401, then 429 with Retry-After, the right password too, until the lockout ends', async () => {
    const user = demoUserEmail('Sales User');
    const seen = await statuses(20, () => login(user, 'wrong-password'));
    expect(seen).toEqual([...Array(ATTEMPTS).fill(401), ...Array(20 - ATTEMPTS).fill(429)]);
    const locked = await login(user, DEMO_PASSWORD).expect(429);
    expect(locked.body.exc_type).toBe('TooManyRequestsError');
    expect(locked.body.exception).toMatch(/Too many failed logins/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(2);
    await waitOut(locked);
    await login(user, DEMO_PASSWORD).expect(200);
  });

  it('a successful login starts the count again', async () => {
    const user = demoUserEmail('Stock User');
    expect(await statuses(ATTEMPTS - 1, () => login(user, 'wrong-password'))).toEqual(Array(ATTEMPTS - 1).fill(401));
    await login(user, DEMO_PASSWORD).expect(200);
    expect(await statuses(ATTEMPTS - 1, () => login(user, 'wrong-password'))).toEqual(Array(ATTEMPTS - 1).fill(401));
    await login(user, DEMO_PASSWORD).expect(200);
  });

  it('an unknown account answers exactly as a known one, 401s then the same 429', async () => {
    const answers = async (usr: string) => {
      const out: Array<{ status: number; body: unknown; retry?: string }> = [];
      for (let i = 0; i <= ATTEMPTS; i++) {
        const res = await login(usr, 'wrong-password');
        out.push({ status: res.status, body: JSON.stringify(res.body).replace(/\d+ seconds/, 'N seconds'), retry: res.headers['retry-after'] });
      }
      return out;
    };
    const known = await answers(demoUserEmail('Item Manager'));
    const unknown = await answers('nobody.here@demo.docket');
    expect(known.map((a) => a.status)).toEqual([...Array(ATTEMPTS).fill(401), 429]);
    expect(unknown.map(({ retry: _r, ...a }) => a)).toEqual(known.map(({ retry: _r, ...a }) => a));
    expect(unknown[ATTEMPTS].retry).toBeDefined();
  });

  it('the OAuth password grant counts on the same account: failures there lock the login, and the grant refuses while locked', async () => {
    const user = 'customer2@demo.docket';
    const seen = await statuses(ATTEMPTS, () => grant(user, 'wrong-password'));
    expect(seen).toEqual(Array(ATTEMPTS).fill(400));
    await login(user, DEMO_PASSWORD).expect(429);
    const refused = await grant(user, DEMO_PASSWORD).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    await waitOut(refused);
    await grant(user, DEMO_PASSWORD).expect(200);
  });

  it('parallel guesses cannot outrun the count: of 25 at once, at most 10 get their password checked', async () => {
    const user = demoUserEmail('Accounts User');
    const all = await Promise.all(Array.from({ length: 25 }, () => login(user, 'wrong-password')));
    const codes = all.map((r) => r.status);
    expect(codes.filter((c) => c === 401)).toHaveLength(ATTEMPTS);
    expect(codes.filter((c) => c === 429)).toHaveLength(25 - ATTEMPTS);
  });

  it('housekeeping forgets streaks a day old whose lockout is over', async () => {
    const db = t.app.get(Database);
    const old = Date.now() - 25 * 3600_000;
    await db.pool.write('__Login_Attempts', 'INSERT INTO `__Login_Attempts` (account_hash, failures, locked_until, updated) VALUES (?, 3, NULL, ?), (?, 10, ?, ?)', [
      'old-streak',
      old,
      'still-locked',
      Date.now() + 3600_000,
      old,
    ]);
    const removed = await t.app.get(HousekeepingService).run();
    expect(removed.loginAttempts).toBe(1);
    const left = await db.pool.query<{ account_hash: string }>("SELECT account_hash FROM `__Login_Attempts` WHERE account_hash IN ('old-streak', 'still-locked')");
    expect(left.map((r) => r.account_hash)).toEqual(['still-locked']);
  });
});

/**
 * The count lives in the database: a second process, without Redis, refuses an account that
 * failed through the first. (Only MariaDB serves several processes.)
 */
(onMariaDb() ? describe : describe.skip)('login attempts across processes, one without Redis', () => {
  let t: TestApp;
  let second: ServerProcess;

  beforeAll(async () => {
    t = await bootApp({ LOGIN_LOCKOUT_SECONDS: '60' });
    second = await startServerProcess({ DB_URL: t.config.dbUrl, REDIS_URL: '', ADMIN_PASSWORD, DOCKET_DEMO: '0' });
  });
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  it('10 failures through one process lock the account in the other', async () => {
    const user = demoUserEmail('Sales Manager');
    for (let i = 0; i < ATTEMPTS; i++) await t.http.post('/api/method/login').send({ usr: user, pwd: 'wrong-password' }).expect(401);
    const res = await request(second.url).post('/api/method/login').send({ usr: user, pwd: DEMO_PASSWORD }).expect(429);
    expect(res.body.exc_type).toBe('TooManyRequestsError');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
  });
});
