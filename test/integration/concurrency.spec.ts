import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { bootWithFixtures, onMariaDb, TestApp } from '../harness/app';

/** Runs on both engines; the figures that matter are the MariaDB ones (CI runs both). */
describe(`concurrency (${onMariaDb() ? 'MariaDB' : 'SQLite'})`, () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
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

  it('transactions locking the same rows in opposite orders neither deadlock-fail nor lose an update', async () => {
    const db = t.app.get(Database);
    await db.runAsSystem(SYSTEM, async (ctx) => {
      await ctx.db.execute("INSERT INTO `tabSeries` (name, current) VALUES ('LOCK-A', 0), ('LOCK-B', 0)");
    });
    const bump = (keys: string[]) =>
      db.runAsSystem(SYSTEM, async (ctx) => {
        for (const k of await db.lockRows(ctx, 'tabSeries', keys)) {
          const [row] = await ctx.db.query<{ current: number }>('SELECT current FROM `tabSeries` WHERE name = ?', [k]);
          await new Promise((r) => setTimeout(r, 2)); // widen the read-modify-write window
          await ctx.db.execute('UPDATE `tabSeries` SET current = ? WHERE name = ?', [Number(row.current) + 1, k]);
        }
      });
    const runs = Array.from({ length: 40 }, (_, i) => bump(i % 2 ? ['LOCK-A', 'LOCK-B'] : ['LOCK-B', 'LOCK-A']));
    const results = await Promise.allSettled(runs);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await db.pool.query<{ name: string; current: number }>("SELECT name, current FROM `tabSeries` WHERE name IN ('LOCK-A', 'LOCK-B') ORDER BY name");
    expect(rows.map((r) => Number(r.current))).toEqual([40, 40]);
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
