import { Table, TableColumn } from 'typeorm';
import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { DocumentService } from '../../src/kernel/document/document.service';
import { Row } from '../../src/kernel/metadata/entity';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { bootWithFixtures, onMariaDb, TestApp } from '../harness/app';

const maria = onMariaDb();

/** What a column is, as TypeORM reads it from the database or would create it from an entity. */
function shape(c: TableColumn) {
  return {
    name: c.name,
    type: c.type,
    length: c.length || undefined,
    precision: c.precision ?? undefined,
    scale: c.scale ?? undefined,
    nullable: c.isNullable,
    primary: c.isPrimary,
    // MariaDB reports literal defaults quoted, the entity's normalised default may be either way
    default: c.default == null ? undefined : String(c.default).replace(/^'+|'+$/g, ''),
  };
}

const indexes = (t: Table) => t.indices.map((i) => ({ name: i.name, columns: i.columnNames, unique: !!i.isUnique })).sort((a, b) => a.name!.localeCompare(b.name!));

describe('TypeORM entities of the doctypes', () => {
  let t: TestApp;
  let db: Database;
  beforeAll(async () => {
    t = await bootWithFixtures();
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  it('registers an entity of table tab<DocType> for every doctype, fixtures included, with its stored fields as columns', () => {
    const metas = t.app.get(MetaRegistry).all();
    expect(metas.map((m) => m.name)).toEqual(expect.arrayContaining(['Item', 'User', 'Test Order', 'Test Order Item']));
    for (const meta of metas) {
      const entity = db.dataSource.getMetadata(meta.name);
      expect(entity.tableName).toBe(`tab${meta.name}`);
      expect(entity.columns.map((c) => c.databaseName)).toEqual(meta.storedColumns.map((f) => f.fieldname));
    }
  });

  it('describes the tables migrate built exactly: columns, types, nullability, defaults and indexes, kernel tables included', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      const metas = db.dataSource.entityMetadatas;
      expect(metas.map((m) => m.tableName)).toEqual(expect.arrayContaining(['__Auth', '__Sessions', '__Idempotency', 'tabSeries', 'tabItem']));
      const live = new Map((await runner.getTables(metas.map((m) => m.tableName))).map((tb) => [tb.name, tb]));
      expect(live.size).toBe(metas.length);
      for (const meta of metas) {
        const want = Table.create(meta, db.dataSource.driver);
        const have = live.get(meta.tableName)!;
        expect({ table: have.name, columns: have.columns.map(shape) }).toEqual({ table: meta.tableName, columns: want.columns.map(shape) });
        expect({ table: have.name, indexes: indexes(have) }).toEqual({ table: meta.tableName, indexes: indexes(want) });
      }
    } finally {
      await runner.release();
    }
  });

  /** The columns of `table` as the engine's own catalog describes them. */
  async function catalog(table: string): Promise<Map<string, string>> {
    const rows = maria
      ? await db.pool.query<{ name: string; type: string; nullable: string; dflt: string | null }>(
          'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
          [table],
        )
      : (await db.pool.query<{ name: string; type: string; notnull: number; dflt_value: string | null }>(`PRAGMA table_info(\`${table}\`)`)).map((c) => ({
          name: c.name,
          type: c.type.toLowerCase(),
          nullable: c.notnull ? 'NO' : 'YES',
          dflt: c.dflt_value,
        }));
    // MariaDB says NULL for "no default" where SQLite has none
    return new Map(rows.map((c) => [c.name, `${c.type} ${c.nullable === 'NO' ? 'NOT NULL' : 'NULL'}${c.dflt != null && c.dflt !== 'NULL' ? ` DEFAULT ${c.dflt}` : ''}`]));
  }

  it('stores each field type as migrate always has: DECIMAL(21,9) for Currency, Float and Percent on MariaDB, exact text on SQLite', async () => {
    const expected: [string, string, string, string][] = [
      // table, column (field type), MariaDB, SQLite
      ['tabTest Order', 'grand_total', 'decimal(21,9) NOT NULL DEFAULT 0.000000000', "text NOT NULL DEFAULT '0'"], // Currency
      ['tabTest Order', 'total_qty', 'decimal(21,9) NOT NULL DEFAULT 0.000000000', "text NOT NULL DEFAULT '0'"], // Float
      ['tabTest Order', 'discount_percentage', 'decimal(21,9) NOT NULL DEFAULT 0.000000000', "text NOT NULL DEFAULT '0'"], // Percent
      ['tabTest Order', 'name', 'varchar(140) NOT NULL', 'varchar(140) NOT NULL'],
      ['tabTest Order', 'customer', 'varchar(140) NULL', 'varchar(140) NULL'], // Link
      ['tabTest Order', 'docstatus', 'int(11) NOT NULL DEFAULT 0', 'integer NOT NULL DEFAULT 0'], // Int
      ['tabTest Order', 'modified', 'datetime(6) NULL', 'text NULL'], // Datetime
      ['tabTest Order', 'transaction_date', 'date NULL', 'text NULL'], // Date
      ['tabTest Order', 'remarks', 'text NULL', 'text NULL'], // Small Text
      ['tabUOM', 'enabled', 'int(11) NOT NULL DEFAULT 1', 'integer NOT NULL DEFAULT 1'], // Check, default 1
      ['tabUOM', 'common_code', 'varchar(3) NULL', 'varchar(3) NULL'], // Data of length 3
      ['tabCompany', 'company_description', 'longtext NULL', 'text NULL'], // Long Text
    ];
    const tables = new Map<string, Map<string, string>>();
    for (const [table] of expected) if (!tables.has(table)) tables.set(table, await catalog(table));
    expect(expected.map(([table, column]) => [table, column, tables.get(table)!.get(column)])).toEqual(expected.map(([table, column, m, s]) => [table, column, maria ? m : s]));
  });

  it('keeps unique fields unique in the database', async () => {
    const unique = maria
      ? await db.pool.query<{ name: string }>("SELECT INDEX_NAME AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'tabCompany' AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'")
      : (await db.pool.query<{ name: string; unique: number }>('PRAGMA index_list(`tabCompany`)')).filter((i) => i.unique && !i.name.startsWith('sqlite_autoindex'));
    expect(unique.map((i) => i.name).sort()).toEqual(['uq_company_abbr', 'uq_company_company_name']);
  });

  it('reads through a typed repository and the query builder inside a Docket transaction, seeing its uncommitted writes', async () => {
    const docs = t.app.get(DocumentService);
    type UomRow = Row & { name: string; uom_name: string; enabled: number };
    const rolledBack = new Error('roll back');
    const seen = await db
      .runAsSystem(SYSTEM, async (ctx) => {
        await docs.insert(ctx, 'UOM', { uom_name: 'Pallet Of Twelve' });
        const manager = db.entityManager(ctx);
        const row = await manager.getRepository<UomRow>('UOM').findOneBy({ name: 'Pallet Of Twelve' });
        const count = await manager.createQueryBuilder().select('COUNT(*)', 'n').from('UOM', 'u').where('u.uom_name LIKE :p', { p: 'Pallet%' }).getRawOne<{ n: number | string }>();
        throw Object.assign(rolledBack, { seen: { enabled: row?.enabled, uom_name: row?.uom_name, n: Number(count?.n) } });
      })
      .catch((err: Error & { seen?: unknown }) => (err === rolledBack ? err.seen : Promise.reject(err)));
    expect(seen).toEqual({ enabled: 1, uom_name: 'Pallet Of Twelve', n: 1 });
    // outside a transaction the same calls read the committed state: the row was rolled back
    const after = await db.run(SYSTEM, {}, { write: false }, (ctx) => db.entityManager(ctx).getRepository<UomRow>('UOM').findOneBy({ name: 'Pallet Of Twelve' }));
    expect(after).toBeNull();
  });
});
