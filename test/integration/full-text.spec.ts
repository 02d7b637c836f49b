import { Database } from '../../src/kernel/db/database';
import { fullTextMatch, fullTextRank, searchTableName } from '../../src/kernel/db/full-text';
import { migrate } from '../../src/kernel/db/migrate';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { PLAIN_SEARCH_EXTENSIONS, SEARCH_EXTENSIONS } from '../fixtures/test-search';
import { bootApp, TestApp } from '../harness/app';

/** Full-text search over a doctype's search_fields, on the engine the tests run on: rows written through REST, found by fullTextMatch. */
describe('full-text search', () => {
  let t: TestApp;
  let admin: string;
  let db: Database;
  const DT = 'Test Search Item';

  const post = (body: Record<string, unknown>) => t.http.post(`/api/resource/${DT}`).set('Authorization', admin).send(body).expect(200);
  const put = (name: string, body: Record<string, unknown>) => t.http.put(`/api/resource/${DT}/${encodeURIComponent(name)}`).set('Authorization', admin).send(body).expect(200);
  const del = (name: string) => t.http.delete(`/api/resource/${DT}/${encodeURIComponent(name)}`).set('Authorization', admin).expect(202);
  /** The names of the rows a term finds (a tiny test-only query around fullTextMatch); null when no word is left. */
  const search = async (term: string): Promise<string[] | null> => {
    const meta = t.app.get(MetaRegistry).get(DT)!;
    const match = fullTextMatch(db.engine, meta, 't', term);
    if (!match) return null;
    const rows = await db.pool.query<{ name: string }>(`SELECT t.name FROM \`tabTest Search Item\` t WHERE ${match.sql} ORDER BY t.name`, match.params);
    return rows.map((r) => r.name);
  };

  beforeAll(async () => {
    t = await bootApp({}, { extensions: SEARCH_EXTENSIONS });
    admin = await t.token('Administrator');
    db = t.app.get(Database);
    await post({ item_code: 'FT-LAPTOP-15', item_name: 'Blue Laptop', description: 'A light notebook computer with a 15 inch screen' });
    await post({ item_code: 'FT-MOUSE', item_name: 'Wireless Mouse', description: 'Ergonomic mouse, blue LED' });
    await post({ item_code: 'FT-DESK', item_name: 'Oak Desk', description: 'Solid oak writing desk for the home office' });
    await post({ item_code: 'FT-CAFE', item_name: 'Café Crème Mug', description: 'Straße edition' });
  });
  afterAll(async () => t?.close());

  it('finds by word prefix in any search field, every word required', async () => {
    expect(await search('lap')).toEqual(['FT-LAPTOP-15']);
    expect(await search('blue')).toEqual(['FT-LAPTOP-15', 'FT-MOUSE']);
    expect(await search('blue ergo')).toEqual(['FT-MOUSE']);
    expect(await search('notebook comp')).toEqual(['FT-LAPTOP-15']);
    expect(await search('oak desk')).toEqual(['FT-DESK']);
    expect(await search('desk')).toEqual(['FT-DESK']);
    expect(await search('mouse')).toEqual(['FT-MOUSE']);
    expect(await search('café')).toEqual(['FT-CAFE']);
    expect(await search('CAFE crem')).toEqual(['FT-CAFE']);
    expect(await search('zebra')).toEqual([]);
  });

  it('finds short words and stopwords (MariaDB: by REGEXP) as word prefixes too', async () => {
    expect(await search('15')).toEqual(['FT-LAPTOP-15']);
    expect(await search('laptop 15 inch')).toEqual(['FT-LAPTOP-15']);
    expect(await search('ft desk')).toEqual(['FT-DESK']);
    expect(await search('oa')).toEqual(['FT-DESK']);
    expect(await search('5')).toEqual([]);
    // "ou" starts no word (it is inside "mouse"): not a substring match
    expect(await search('ou')).toEqual([]);
  });

  it('finds the start of a stopword (MariaDB keeps no "with" in its index, so "wit" goes by REGEXP)', async () => {
    expect(await search('wit')).toEqual(['FT-LAPTOP-15']);
    expect(await search('laptop wit')).toEqual(['FT-LAPTOP-15']);
    expect(await search('wi')).toEqual(['FT-LAPTOP-15', 'FT-MOUSE']);
  });

  it('orders by relevance with fullTextRank', async () => {
    await post({ item_code: 'FT-RANK-1', item_name: 'Walnut shelf', description: 'shelf' });
    await post({ item_code: 'FT-RANK-2', item_name: 'Walnut walnut walnut', description: 'walnut veneer, walnut legs, walnut top' });
    const meta = t.app.get(MetaRegistry).get(DT)!;
    const match = fullTextMatch(db.engine, meta, 't', 'walnut')!;
    const rank = fullTextRank(db.engine, meta, 't', 'walnut')!;
    const rows = await db.pool.query<{ name: string }>(`SELECT t.name FROM \`tabTest Search Item\` t WHERE ${match.sql} ORDER BY ${rank.sql}, t.name`, [
      ...match.params,
      ...rank.params,
    ]);
    expect(rows.map((r) => r.name)).toEqual(['FT-RANK-2', 'FT-RANK-1']);
    expect(fullTextRank(db.engine, meta, 't', '**')).toBeNull();
    // short words only (no FULLTEXT score on MariaDB): still a valid ORDER BY
    const short = fullTextMatch(db.engine, meta, 't', 'ft oa')!;
    const shortRank = fullTextRank(db.engine, meta, 't', 'ft oa')!;
    const found = await db.pool.query<{ name: string }>(`SELECT t.name FROM \`tabTest Search Item\` t WHERE ${short.sql} ORDER BY ${shortRank.sql}, t.name`, [
      ...short.params,
      ...shortRank.params,
    ]);
    expect(found.map((r) => r.name)).toEqual(['FT-DESK']);
    await del('FT-RANK-1');
    await del('FT-RANK-2');
  });

  it('follows updates and deletes', async () => {
    await post({ item_code: 'FT-L1', item_name: 'Desk Lamp', description: 'Warm light' });
    expect(await search('lamp')).toEqual(['FT-L1']);
    await put('FT-L1', { item_name: 'Floor Light', description: 'Tall standing light' });
    expect(await search('lamp')).toEqual([]);
    expect(await search('standing')).toEqual(['FT-L1']);
    expect(await search('desk')).toEqual(['FT-DESK']);
    await del('FT-L1');
    expect(await search('standing')).toEqual([]);
    expect(await search('light')).toEqual(['FT-LAPTOP-15']);
  });

  it.each(["'; DROP TABLE x; --", '+a -b', '"quoted"', '*', 'a* OR 1=1', 'NEAR(a b)', 'col:word', '-blue', 'blue -mouse', '"blue" OR "oak"', 'desk)', '@oak'])(
    'a term with operators, %j, neither fails nor matches everything',
    async (term) => {
      const found = await search(term);
      if (found) expect(found.length).toBeLessThan(4);
    },
  );

  it('reads operators as words: "blue -mouse" still needs mouse, "blue OR oak" needs both', async () => {
    expect(await search('blue -mouse')).toEqual(['FT-MOUSE']);
    expect(await search('"blue" OR "oak"')).toEqual([]);
    expect(await search('*')).toBeNull();
  });

  it('refuses an over-long term with a ValidationError', async () => {
    await expect(search('x'.repeat(201))).rejects.toMatchObject({ httpStatus: 417 });
  });

  it('migrates again without changes or drift, and rebuilds a missing SQLite search table', async () => {
    const again = await migrate(db, { dryRun: true });
    expect(again.drift).toEqual([]);
    expect(again.statements).toEqual([]);
    if (db.engine === 'sqlite') {
      const fts = searchTableName(t.app.get(MetaRegistry).get(DT)!);
      await db.dataSource.query(`DROP TABLE \`${fts}\``);
      await db.dataSource.query(`DROP TRIGGER IF EXISTS \`${fts}_au\``);
      const report = await migrate(db);
      expect(report.statements.some((s) => s.startsWith('CREATE VIRTUAL TABLE'))).toBe(true);
      expect(await search('oak')).toEqual(['FT-DESK']);
      expect((await migrate(db, { dryRun: true })).statements).toEqual([]);
    } else {
      const [idx] = await db.pool.query(
        "SELECT COUNT(*) AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tabTest Search Item' AND INDEX_TYPE = 'FULLTEXT'",
      );
      expect(Number(idx.n)).toBe(3);
    }
  });

  it('is added to an existing table by the next migrate (boot), its rows searchable at once', async () => {
    const before = await bootApp({}, { extensions: PLAIN_SEARCH_EXTENSIONS });
    try {
      const token = await before.token('Administrator');
      await before.http.post(`/api/resource/${DT}`).set('Authorization', token).send({ item_code: 'OLD-1', item_name: 'Vintage Radio' }).expect(200);
      const after = await bootApp({}, { extensions: SEARCH_EXTENSIONS, databaseOf: before });
      try {
        const db2 = after.app.get(Database);
        const match = fullTextMatch(db2.engine, after.app.get(MetaRegistry).get(DT)!, 't', 'radio vint')!;
        const rows = await db2.pool.query<{ name: string }>(`SELECT t.name FROM \`tabTest Search Item\` t WHERE ${match.sql}`, match.params);
        expect(rows.map((r) => r.name)).toEqual(['OLD-1']);
        const report = await migrate(db2, { dryRun: true });
        expect(report.drift).toEqual([]);
        expect(report.statements).toEqual([]);
      } finally {
        await after.close();
      }
    } finally {
      await before.close();
    }
  });
});
