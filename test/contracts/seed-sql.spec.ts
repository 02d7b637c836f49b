import { Database } from '../../src/kernel/db/database';
import { bootApp, onMariaDb, TestApp } from '../harness/app';

/**
 * The guide's audit SQL (shared/contract/seed-sql.md) that concerns what exists so far runs
 * verbatim on Docket's tables. The queries on commerce tables join this file as their
 * doctypes arrive.
 */
describe('the guide\'s audit SQL runs verbatim', () => {
  let t: TestApp;
  let db: Database;
  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  it('Q1: item_code is unique (no rows)', async () => {
    expect(await db.pool.query('SELECT item_code, COUNT(*) FROM `tabItem` GROUP BY item_code HAVING COUNT(*) > 1;')).toEqual([]);
  });

  it('Q10: the permission matrix, one row per (doctype, role) rule', async () => {
    const rows = await db.pool.query<{ parent: string; role: string }>('SELECT parent, role FROM `tabDocPerm` ORDER BY parent;');
    expect(rows).toContainEqual({ parent: 'Item', role: 'Item Manager' });
    expect(rows.every((r) => r.parent && r.role)).toBe(true);
  });

  (onMariaDb() ? it : it.skip)('Q19: table sizes (MariaDB only)', async () => {
    const rows = await db.pool.query<{ table_name: string }>(
      'SELECT table_name, ROUND((data_length + index_length) / 1024 / 1024, 2) AS size_mb FROM information_schema.tables WHERE table_schema = DATABASE();',
    );
    expect(rows.map((r) => r.table_name ?? (r as Record<string, string>).TABLE_NAME)).toContain('tabItem');
  });
});
