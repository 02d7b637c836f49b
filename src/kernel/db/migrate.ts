import { Driver, EntityMetadata, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { Database } from './database';
import { syncSqliteSearchTables } from './full-text';

export interface MigrationReport {
  createdTables: string[];
  addedColumns: string[];
  addedIndexes: string[];
  /** The statements run (with dryRun: pending), in order. */
  statements: string[];
  /** Differences migrate will not fix by itself (type changes, columns no longer defined). */
  drift: string[];
}

interface Step {
  kind: 'table' | 'column' | 'index';
  table: string;
  /** `table.column` or `table.index` (the table for a created table) */
  target: string;
  sql: string;
}

/** The statement forms TypeORM's schema builder writes (its own output, so quoting is fixed). */
const NAME = '[`"]([^`"]+)[`"]';
const CREATE_TABLE = new RegExp(`^CREATE TABLE ${NAME}`);
const CREATE_INDEX = new RegExp(`^CREATE (?:UNIQUE |FULLTEXT )?INDEX ${NAME} ON ${NAME}`);
const ADD_COLUMN = new RegExp(`^ALTER TABLE ${NAME} ADD (?:COLUMN )?${NAME}`);

/**
 * Frappe-style additive sync of the tables with the entities registered on the DataSource (the
 * kernel's tables and one per doctype). TypeORM's schema builder works out what would make the
 * database match them; of that, only what adds runs: new tables, columns and indexes. Whatever
 * else it would do (drop or retype a column, which it does by DROP + ADD on MariaDB and by
 * copying the whole table on SQLite; rename a column; drop an index) is reported as drift, for a
 * reviewed, versioned patch.
 */
export async function migrate(db: Database, opts: { dryRun?: boolean } = {}): Promise<MigrationReport> {
  const report = await migrateTables(db, opts);
  // SQLite's full-text search tables (virtual tables and triggers, which TypeORM does not know)
  if (db.engine === 'sqlite') report.statements.push(...(await syncSqliteSearchTables(db.dataSource, db.registry.all(), opts.dryRun)));
  return report;
}

async function migrateTables(db: Database, opts: { dryRun?: boolean }): Promise<MigrationReport> {
  const { dataSource } = db;
  const plan = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query.trim());
  // An empty plan: no table differs from its entity in any way TypeORM sees (the usual start).
  if (!plan.length) return { createdTables: [], addedColumns: [], addedIndexes: [], statements: [], drift: [] };
  const named = plan.map((sql) => namedTable(sql));
  const wanted = new Set(dataSource.entityMetadatas.map((m) => m.tableName));
  // only the tables the plan touches (all when a statement names none: SQLite's DROP INDEX)
  const metas = dataSource.entityMetadatas.filter((m) => named.includes(undefined) || named.includes(m.tableName));
  const runner = dataSource.createQueryRunner();
  try {
    const live = new Map((await runner.getTables(metas.map((m) => m.tableName))).map((t) => [t.name, t]));
    const steps: Step[] = [];
    const held = new Map<string, string[]>();
    for (const [i, sql] of plan.entries()) {
      const step = additiveStep(sql, live, wanted);
      if (step) steps.push(step);
      else {
        const table = named[i] ?? indexTable(sql, live);
        held.set(table, [...(held.get(table) ?? []), sql]);
      }
    }
    const drift: string[] = [];
    const explained = new Set<string>();
    for (const meta of metas) {
      const have = live.get(meta.tableName);
      if (!have) continue;
      const want = Table.create(meta, dataSource.driver);
      steps.push(...missingColumns(runner, want, have, steps, db.engine));
      const found = driftOf(dataSource.driver, meta, want, have);
      drift.push(...found);
      if (found.length || steps.some((s) => s.table === have.name)) explained.add(have.name);
    }
    // The statements held back for a table that changes, or drifts, are TypeORM's way of doing
    // that (SQLite copies a table whole even to add a column); any other is shown as it is.
    for (const [table, sqls] of held) if (!explained.has(table)) drift.push(...sqls.map((sql) => `${table}: not run: ${sql}`));
    const ordered = (['table', 'column', 'index'] as const).flatMap((kind) => steps.filter((s) => s.kind === kind));
    if (!opts.dryRun) for (const s of ordered) await runner.query(s.sql);
    return {
      createdTables: ordered.filter((s) => s.kind === 'table').map((s) => s.target),
      addedColumns: ordered.filter((s) => s.kind === 'column').map((s) => s.target),
      // indexes of the tables created here are theirs, not additions
      addedIndexes: ordered.filter((s) => s.kind === 'index' && live.has(s.table)).map((s) => s.target),
      statements: ordered.map((s) => s.sql),
      drift,
    };
  } finally {
    await runner.release();
  }
}

/** A statement of the plan that only adds: a table, a column or an index that is not there yet. */
function additiveStep(sql: string, live: Map<string, Table>, wanted: Set<string>): Step | undefined {
  let m = CREATE_TABLE.exec(sql);
  if (m) return wanted.has(m[1]) && !live.has(m[1]) ? { kind: 'table', table: m[1], target: m[1], sql } : undefined;
  m = CREATE_INDEX.exec(sql);
  if (m) {
    const [, index, table] = m;
    const absent = !live.get(table)?.indices.some((i) => i.name === index);
    return wanted.has(table) && absent ? { kind: 'index', table, target: `${table}.${index}`, sql } : undefined;
  }
  m = ADD_COLUMN.exec(sql);
  if (m) {
    const [, table, column] = m;
    // an ADD of a column that exists is the second half of a DROP + ADD retype
    const absent = live.get(table)?.columns.every((c) => c.name !== column);
    return absent ? { kind: 'column', table, target: `${table}.${column}`, sql } : undefined;
  }
  return undefined;
}

/** The table a statement of the plan is about (its copy's name on SQLite: temporary_<table>). */
function namedTable(sql: string): string | undefined {
  return /(?:TABLE|ON|INTO) [`"](?:temporary_)?([^`"]+)[`"]/.exec(sql)?.[1];
}

/** The table of SQLite's `DROP INDEX "name"`, which names only the index. */
function indexTable(sql: string, live: Map<string, Table>): string {
  const index = /^DROP INDEX [`"]([^`"]+)[`"]/.exec(sql)?.[1];
  return [...live.values()].find((t) => t.indices.some((i) => i.name === index))?.name ?? '';
}

/** TypeORM's column definition SQL (the one its CREATE TABLE uses); protected in its runners. */
interface ColumnSql {
  buildCreateColumnSql(column: TableColumn, skipPrimary: boolean): string;
}

/**
 * ADDs for the columns the plan adds another way: SQLite's runner copies the whole table to add
 * one, and the builder renames a column when one goes and one of the same type comes.
 */
function missingColumns(runner: QueryRunner, want: Table, have: Table, planned: Step[], engine: Database['engine']): Step[] {
  const [table, add] = engine === 'mariadb' ? [`\`${have.name}\``, 'ADD'] : [`"${have.name}"`, 'ADD COLUMN'];
  const steps: Step[] = [];
  for (const column of want.columns) {
    const target = `${have.name}.${column.name}`;
    if (have.findColumnByName(column.name) || planned.some((p) => p.target === target)) continue;
    const definition = (runner as unknown as ColumnSql).buildCreateColumnSql(column, true);
    steps.push({ kind: 'column', table: have.name, target, sql: `ALTER TABLE ${table} ${add} ${definition}` });
  }
  return steps;
}

/** What the live table has that the entity does not: changed and removed columns, other indexes. */
function driftOf(driver: Driver, meta: EntityMetadata, want: Table, have: Table): string[] {
  const t = have.name;
  const out: string[] = [];
  const describe = (c: TableColumn) =>
    `${driver.createFullType(c)}${c.isNullable ? ' NULL' : ' NOT NULL'}${c.default != null ? ` DEFAULT ${String(c.default).replace(/^'+|'+$/g, '')}` : ''}`;
  for (const changed of driver.findChangedColumns(have.columns, meta.columns)) {
    const [h, w] = [have, want].map((table) => describe(table.findColumnByName(changed.databaseName)!));
    // a difference in uniqueness alone shows as the index below
    if (h !== w) out.push(`${t}.${changed.databaseName}: is ${h}, definition says ${w}`);
  }
  for (const h of have.columns) {
    if (!want.findColumnByName(h.name)) out.push(`${t}.${h.name}: column no longer defined (kept)`);
  }
  for (const i of have.indices) {
    const w = want.indices.find((x) => x.name === i.name);
    if (!w) out.push(`${t}: index ${i.name} is not in the definitions (kept)`);
    else if (!sameIndex(i, w)) out.push(`${t}: index ${i.name} differs from the definitions (kept)`);
  }
  return out;
}

function sameIndex(a: TableIndex, b: TableIndex): boolean {
  return !!a.isUnique === !!b.isUnique && !!a.isFulltext === !!b.isFulltext && a.columnNames.join() === b.columnNames.join();
}
