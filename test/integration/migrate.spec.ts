import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TableColumn } from 'typeorm';
import { DOCTYPES } from '../../src/doctypes';
import { Database } from '../../src/kernel/db/database';
import { internalTables } from '../../src/kernel/db/internal-tables';
import { migrate, MigrationReport } from '../../src/kernel/db/migrate';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { FieldDef } from '../../src/kernel/metadata/types';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestOrder, TestOrderItem } from '../fixtures/test-order';
import { freshDbUrl, onMariaDb, TestApp } from '../harness/app';

const TABLE = 'tabTest Order';
const maria = onMariaDb();

/** Runs `fn` on a second Database on the test app's database, whose Test Order has other fields. */
async function withTestOrderFields<T>(t: TestApp, change: (fields: FieldDef[]) => FieldDef[], fn: (db: Database) => Promise<T>): Promise<T> {
  const registry = new MetaRegistry([...DOCTYPES, { ...TestOrder, fields: change([...TestOrder.fields]) }, TestOrderItem]);
  const db = new Database(t.config, registry);
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.onApplicationShutdown();
  }
}

async function columns(db: Database): Promise<TableColumn[]> {
  const runner = db.dataSource.createQueryRunner();
  try {
    return (await runner.getTable(TABLE))!.columns;
  } finally {
    await runner.release();
  }
}

/**
 * A trigger on the table: SQLite drops it with the table, so it is still there only if migrate
 * changed the table in place (TypeORM's SQLite runner copies a table whole to change it).
 */
async function addProbeTrigger(db: Database): Promise<void> {
  if (!maria) await db.pool.write(TABLE, `CREATE TRIGGER probe AFTER UPDATE ON \`${TABLE}\` BEGIN SELECT 1; END`);
}

async function probeTriggerKept(db: Database): Promise<boolean> {
  if (maria) return true;
  return (await db.pool.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'probe'")).length === 1;
}

const noChange = (r: MigrationReport) => ({ statements: r.statements, drift: r.drift });

describe('migrate: additive, through TypeORM\'s schema builder', () => {
  let s: FixtureSuite;
  let db: Database;
  let orderName: string;
  beforeAll(async () => {
    s = await bootFixtureSuite();
    db = s.t.app.get(Database);
    const res = await s.t.http.post('/api/resource/Test Order').set('Authorization', s.admin).send(order(s.m.customers[0], [s.m.items[0]], { remarks: 'kept as it was' })).expect(200);
    orderName = res.body.data.name;
    await addProbeTrigger(db);
  });
  afterAll(() => s.t.close());

  it('has nothing pending on the database it has just built', async () => {
    expect(noChange(await migrate(db, { dryRun: true }))).toEqual({ statements: [], drift: [] });
  });

  it('adds exactly the fields added to a definition, with their index, in place and keeping the rows', async () => {
    const added: FieldDef[] = [
      { fieldname: 'tracking_note', fieldtype: 'Data', index: true },
      { fieldname: 'freight', fieldtype: 'Currency' },
    ];
    await withTestOrderFields(s.t, (f) => [...f, ...added], async (db2) => {
      const dry = await migrate(db2, { dryRun: true });
      expect([...dry.addedColumns].sort()).toEqual([`${TABLE}.freight`, `${TABLE}.tracking_note`]);
      expect(dry.addedIndexes).toEqual([`${TABLE}.idx_test_order_tracking_note`]);
      expect(dry.createdTables).toEqual([]);
      expect(dry.drift).toEqual([]);
      expect(dry.statements).toHaveLength(3);
      for (const sql of dry.statements) expect(sql).toMatch(/^(ALTER TABLE [`"]tabTest Order[`"] ADD |CREATE INDEX )/);
      expect((await columns(db2)).map((c) => c.name)).not.toContain('freight');

      const report = await migrate(db2);
      expect(report).toEqual(dry);
      const freight = (await columns(db2)).find((c) => c.name === 'freight')!;
      expect({ type: freight.type, isNullable: freight.isNullable }).toEqual(maria ? { type: 'decimal', isNullable: false } : { type: 'text', isNullable: false });
      const [row] = await db2.pool.query<{ remarks: string; freight: unknown }>(`SELECT remarks, freight FROM \`${TABLE}\` WHERE name = ?`, [orderName]);
      expect(row.remarks).toBe('kept as it was');
      expect(String(row.freight)).toMatch(/^0(\.0+)?$/);
      expect(await probeTriggerKept(db2)).toBe(true);
      expect(noChange(await migrate(db2, { dryRun: true }))).toEqual({ statements: [], drift: [] });
    });
  });

  it('adds back a column dropped behind its back and keeps, reporting it, a column no definition has', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.dropColumn(TABLE, 'remarks');
      await runner.addColumn(TABLE, new TableColumn({ name: 'legacy_note', type: 'varchar', length: '140', isNullable: true }));
    } finally {
      await runner.release();
    }
    const dry = await migrate(db, { dryRun: true });
    expect(dry.addedColumns).toEqual([`${TABLE}.remarks`]);
    const report = await migrate(db);
    expect(report.addedColumns).toEqual([`${TABLE}.remarks`]);
    expect(report.drift).toContain(`${TABLE}.legacy_note: column no longer defined (kept)`);
    const again = await migrate(db);
    expect(again.statements).toEqual([]);
    expect((await columns(db)).map((c) => c.name)).toEqual(expect.arrayContaining(['remarks', 'legacy_note']));
  });
});

describe('migrate: a changed type or a removed field is drift, never dropped or narrowed', () => {
  let s: FixtureSuite;
  let db: Database;
  let orderName: string;
  const longName = 'A customer name well over forty characters long';
  beforeAll(async () => {
    s = await bootFixtureSuite();
    db = s.t.app.get(Database);
    const res = await s.t.http.post('/api/resource/Test Order').set('Authorization', s.admin).send(order(s.m.customers[0], [s.m.items[0]], { remarks: 'still here' })).expect(200);
    orderName = res.body.data.name;
    await db.pool.write(TABLE, `UPDATE \`${TABLE}\` SET customer_name = ?, set_warehouse = 'Old Stores' WHERE name = ?`, [longName, orderName]);
    await addProbeTrigger(db);
  });
  afterAll(() => s.t.close());

  // set_warehouse goes and ship_from, of the same column type, comes: TypeORM would rename the column
  const renamed = (fields: FieldDef[]): FieldDef[] => [...fields.filter((f) => f.fieldname !== 'set_warehouse'), { fieldname: 'ship_from', fieldtype: 'Link', options: 'Warehouse' }];

  it('adds a field that replaces another and keeps the other, never renaming it', async () => {
    await withTestOrderFields(s.t, renamed, async (db2) => {
      const report = await migrate(db2);
      expect(report.addedColumns).toEqual([`${TABLE}.ship_from`]);
      expect(report.drift).toEqual([`${TABLE}.set_warehouse: column no longer defined (kept)`]);
      const [row] = await db2.pool.query<Record<string, string>>(`SELECT set_warehouse, ship_from FROM \`${TABLE}\` WHERE name = ?`, [orderName]);
      expect(row).toEqual({ set_warehouse: 'Old Stores', ship_from: null });
    });
  });

  it('reports narrowing, retyping, removed fields and indexes as drift, and changes nothing', async () => {
    const before = await columns(db);
    const change = (fields: FieldDef[]): FieldDef[] =>
      renamed(fields)
        .filter((f) => f.fieldname !== 'remarks')
        .map((f): FieldDef => {
          if (f.fieldname === 'customer_name') return { ...f, length: 40 };
          if (f.fieldname === 'status') return { fieldname: 'status', fieldtype: 'Int' };
          if (f.fieldname === 'customer') return { ...f, index: false };
          return f;
        });
    await withTestOrderFields(s.t, change, async (db2) => {
      const report = await migrate(db2);
      const int = maria ? 'int NOT NULL DEFAULT 0' : 'integer NOT NULL DEFAULT 0';
      expect([...report.drift].sort()).toEqual(
        [
          `${TABLE}.customer_name: is varchar(140) NULL, definition says varchar(40) NULL`,
          `${TABLE}.status: is varchar(140) NULL, definition says ${int}`,
          `${TABLE}.remarks: column no longer defined (kept)`,
          `${TABLE}.set_warehouse: column no longer defined (kept)`,
          `${TABLE}: index idx_test_order_customer is not in the definitions (kept)`,
        ].sort(),
      );
      expect(report.statements).toEqual([]);
      const shape = (cols: TableColumn[]) => cols.map((c) => [c.name, c.type, c.length, c.isNullable, c.default]);
      expect(shape(await columns(db2))).toEqual(shape(before));
      const [row] = await db2.pool.query<Record<string, string>>(`SELECT customer_name, status, remarks FROM \`${TABLE}\` WHERE name = ?`, [orderName]);
      expect(row).toEqual({ customer_name: longName, status: 'Draft', remarks: 'still here' });
      expect(await probeTriggerKept(db2)).toBe(true);
    });
  });
});

describe('docket migrate --dry-run', () => {
  const root = join(__dirname, '..', '..');
  const cli = (env: Record<string, string>, ...args: string[]) =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', join(root, 'src', 'cli.ts'), 'migrate', ...args], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent', DOCKET_DEMO: '0' },
    });

  it('prints the CREATEs on a fresh database and nothing pending once it is migrated', async () => {
    const fresh = freshDbUrl();
    const env = { DB_URL: fresh.url, ADMIN_PASSWORD: 'cli-test-pass' };
    try {
      const dry = (await cli(env, '--dry-run')).stdout;
      const creates = dry.split('\n').filter((l) => /^CREATE TABLE [`"]/.test(l));
      const tables = creates.map((l) => /^CREATE TABLE [`"]([^`"]+)/.exec(l)![1]);
      expect(tables).toEqual(expect.arrayContaining(['tabItem', 'tabUser', '__Auth', '__Sessions', 'tabSeries']));
      expect(new Set(tables).size).toBe(new MetaRegistry(DOCTYPES).all().length + internalTables(onMariaDb() ? 'mariadb' : 'sqlite').length);
      expect(dry).not.toMatch(/DROP|temporary_/);
      expect((await cli(env)).stdout).toContain(`tables created: ${tables.length}`);
      expect((await cli(env, '--dry-run')).stdout.trim()).toBe('-- nothing pending');
    } finally {
      await fresh.drop();
    }
  });
});
