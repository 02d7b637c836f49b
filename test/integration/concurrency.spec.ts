import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { balances, bootFixtureSuite, FixtureSuite, order, testAccounts, transfer } from '../fixtures/builders';
import { bootWithFixtures, onMariaDb, TestApp } from '../harness/app';

/**
 * Runs on both engines; the figures that matter are the MariaDB ones (CI runs both): SQLite's
 * transactions are serial, so there these tests pass whatever the locks do.
 */
describe(`concurrency (${onMariaDb() ? 'MariaDB' : 'SQLite'})`, () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    await testAccounts(t, admin, ['World'], true);
    await testAccounts(t, admin, ['Shop', 'Sink', 'First', 'LOCK-A', 'LOCK-B']);
  });
  afterAll(() => t.close());

  it('200 concurrent inserts on one naming series get 200 distinct names', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[i % 3], [m.items[0]], { naming_series: 'TST-WEB-.YYYY.-' })),
      ),
    );
    expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const names = new Set(replies.map((r) => r.body.data.name));
    expect(names.size).toBe(200);
    for (const n of names) expect(n).toMatch(/^TST-WEB-\d{4}-\d{5}$/);
  });

  it('lockKeys in opposite orders neither deadlock-fails nor loses a read-modify-write', async () => {
    const db = t.app.get(Database);
    const keys = [{ account: 'LOCK-A', currency: 'USD' }, { account: 'LOCK-B', currency: 'USD' }];
    const bump = (order: typeof keys) =>
      db.runAsSystem(SYSTEM, async (ctx) => {
        for (const row of await ctx.lockKeys('Test Balance', order)) {
          await new Promise((r) => setTimeout(r, 2)); // widen the read-modify-write window
          await ctx.updateWhere('Test Balance', { balance: Number(row.balance) + 1 }, { name: row.name });
        }
      });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => bump(i % 2 ? keys : [...keys].reverse())));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { balance, rows } = await balances(t, admin, ['LOCK-A', 'LOCK-B']);
    expect(balance).toEqual({ 'LOCK-A': 40, 'LOCK-B': 40 });
    expect(rows).toEqual({ 'LOCK-A': 1, 'LOCK-B': 1 });
  });

  it('50 concurrent first receipts into a new key create exactly one balance row, and the balance is exact', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, () => transfer(t, admin, 'World', 'First', '1.10')));
    expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const { balance, rows } = await balances(t, admin, ['First']);
    expect(rows).toEqual({ First: 1 });
    expect(balance).toEqual({ First: 55 });
  });

  it('200 concurrent submits decrementing one balance through updateWhere never take it below zero', async () => {
    await transfer(t, admin, 'World', 'Shop', 100).expect(200);
    const replies = await Promise.all(Array.from({ length: 200 }, () => transfer(t, admin, 'Shop', 'Sink', 1)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(100);
    expect(new Set(refused.map((r) => r.body.exc_type))).toEqual(new Set(['ValidationError']));
    expect(refused[0].body.exception).toContain('Insufficient balance in Test Account Shop');
    const { balance } = await balances(t, admin, ['Shop', 'Sink']);
    expect(balance).toEqual({ Shop: 0, Sink: 100 });
    const lines = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Ledger Line', filters: JSON.stringify({ account: 'Sink' }) }).set('Authorization', admin).expect(200);
    expect(lines.body.message).toBe(100);
  });

  it('a tiny main pool cannot deadlock naming: series numbers come from a pool of their own', async () => {
    const small = await bootWithFixtures({ DB_POOL_SIZE: '2' });
    try {
      const token = await small.token('Administrator');
      const replies = await Promise.all(
        Array.from({ length: 30 }, () => small.http.post('/api/resource/Test Order').set('Authorization', token).send(order(m.customers[0], [m.items[0]]))),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(replies.map((r) => r.body.data.name)).size).toBe(30);
    } finally {
      await small.close();
    }
  });
});
