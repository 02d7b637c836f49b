import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { compareTimings, Send, timePairs } from '../harness/timing';
import { hashPassword } from '../../src/kernel/auth/passwords';

/**
 * A credential check must not tell an attacker whether the account exists: an unknown API key
 * costs what a known key with a wrong secret costs (the same SQL round trip and one digest
 * comparison), and a login to an unknown account what a wrong password costs (the same
 * queries and a scrypt). Interleaved tries are compared by the median of their paired
 * differences, against what the spread of the same measurements can explain.
 */
describe('credential checks take the same time whether the account exists or not', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ LOGIN_ATTEMPTS: '1000' }); // many wrong passwords, no lockout
  });
  afterAll(() => t.close());

  const compare = async (label: string, n: number, unknown: Send, wrong: Send, status: number, minToleranceMs?: number) => {
    await timePairs(Math.ceil(n / 5), unknown, wrong); // warm-up: JIT, statement caches, connections
    const { a, b, statuses } = await timePairs(n, unknown, wrong);
    expect([...statuses].sort()).toEqual([`a:${status}`, `b:${status}`]);
    const c = compareTimings(a, b, minToleranceMs);
    process.stdout.write(`${label}: median(unknown - wrong) ${c.medianDiffMs.toFixed(3)} ms, IQR ${c.iqrMs.toFixed(3)} ms, tolerance ${c.toleranceMs.toFixed(3)} ms\n`);
    expect(Math.abs(c.medianDiffMs)).toBeLessThan(c.toleranceMs);
  };

  const medianMs = async (n: number, run: () => Promise<unknown>): Promise<number> => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = process.hrtime.bigint();
      await run();
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return ms.sort((x, y) => x - y)[n >> 1];
  };

  it('API keys: an unknown key and a wrong secret for a known key, 200 tries each', async () => {
    const key = (await t.token('Administrator')).slice(6).split(':')[0];
    const url = '/api/method/frappe.auth.get_logged_user';
    const unknown = () => t.http.get(url).set('Authorization', `token ${'x'.repeat(key.length)}:wrong-secret-1`);
    const wrong = () => t.http.get(url).set('Authorization', `token ${key}:wrong-secret-1`);
    await compare('API key', 200, unknown, wrong, 401);
  });

  it('logins: an unknown account and a wrong password for a known one', async () => {
    const login = (usr: string) => () => t.http.post('/api/method/login').send({ usr, pwd: 'wrong-password' });
    // A login costs a scrypt (tens of ms, more on a loaded machine): what must not differ is
    // that, and skipping it would move the median by a whole scrypt, so half of one measured
    // here and now is the margin (a busy CI machine spreads logins by more than 2 ms).
    const scryptMs = await medianMs(11, () => hashPassword('wrong-password'));
    await compare('login', 40, login('nobody.here@demo.docket'), login(demoUserEmail('Sales User')), 401, Math.max(2, scryptMs / 2));
  });
});
