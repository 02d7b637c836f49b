import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { SYSTEM } from '../../src/kernel/db/context';
import { Database, UnrecordedWriteError } from '../../src/kernel/db/database';
import { MetaRegistry } from '../../src/kernel/metadata/meta';

/**
 * The tables a write changes, which the document cache and the ChangeFeed are keyed on, are
 * the ones the write names (Queryable.write), never guessed from its SQL text; a statement
 * that changes rows through query() is refused.
 */
describe('written tables', () => {
  const file = join(tmpdir(), `docket-written-${process.pid}.sqlite`);
  const db = new Database(loadConfig({ NODE_ENV: 'test', DB_URL: `sqlite:${file}` }), new MetaRegistry([]));
  const heard: string[][] = [];

  beforeAll(async () => {
    await db.connect();
    await db.dataSource.query('CREATE TABLE `tabThing` (name TEXT PRIMARY KEY, qty INTEGER)');
    await db.dataSource.query("INSERT INTO `tabThing` VALUES ('a', 1)");
    db.onWrite((tables) => void heard.push([...tables].sort()));
  });
  beforeEach(() => (heard.length = 0));
  afterAll(async () => {
    await db.onApplicationShutdown();
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  });

  it('reports the tables a committed transaction named, once, after commit', async () => {
    await db.runAsSystem(SYSTEM, async (ctx) => {
      await ctx.db.write('tabThing', 'UPDATE `tabThing` SET qty = qty + 1 WHERE name = ?', ['a']);
      await ctx.db.write(['tabThing', 'tabOther'], 'UPDATE `tabThing` SET qty = qty + 1 WHERE name = ?', ['a']);
      expect(heard).toEqual([]);
    });
    expect(heard).toEqual([['tabOther', 'tabThing']]);
  });

  it('reports nothing for a rolled-back transaction', async () => {
    await expect(
      db.runAsSystem(SYSTEM, async (ctx) => {
        await ctx.db.write('tabThing', 'UPDATE `tabThing` SET qty = 100 WHERE name = ?', ['a']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(heard).toEqual([]);
    expect(await db.pool.query('SELECT qty FROM `tabThing`')).toEqual([{ qty: 3 }]);
  });

  it.each([
    ['an UPDATE', "UPDATE `tabThing` SET qty = 50 WHERE name = 'a'"],
    ['a CTE', "WITH x AS (SELECT 'a' AS n) UPDATE `tabThing` SET qty = 50 WHERE name IN (SELECT n FROM x)"],
    ['a DELETE', 'DELETE FROM `tabThing`'],
  ])('refuses %s sent through query() and rolls it back', async (_what, sql) => {
    await expect(db.runAsSystem(SYSTEM, (ctx) => ctx.db.query(sql))).rejects.toThrow(UnrecordedWriteError);
    expect(await db.pool.query('SELECT name, qty FROM `tabThing`')).toEqual([{ name: 'a', qty: 3 }]);
    expect(heard).toEqual([]);
  });

  it('reads, locking reads included, go through query()', async () => {
    expect(await db.runAsSystem(SYSTEM, (ctx) => ctx.db.query("SELECT qty FROM `tabThing` WHERE name = 'a'"))).toEqual([{ qty: 3 }]);
  });

  it('an autocommitted write is reported as soon as it is done', async () => {
    await db.pool.write('tabThing', "UPDATE `tabThing` SET qty = 3 WHERE name = 'a'");
    expect(heard).toEqual([['tabThing']]);
  });
});
