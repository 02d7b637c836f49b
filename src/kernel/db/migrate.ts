import { Table, TableColumn } from 'typeorm';
import { MetaRegistry } from '../metadata/meta';
import { tableFor } from '../metadata/table';
import { Database } from './database';
import { internalTables } from './internal-tables';

export interface MigrationReport {
  createdTables: string[];
  addedColumns: string[];
  addedIndexes: string[];
  /** Differences migrate will not fix by itself (type changes, columns no longer defined). */
  drift: string[];
}

/**
 * Frappe-style additive sync: creates missing tables, columns and indexes from the doctype
 * definitions. It never drops or retypes anything: such differences are reported as drift
 * for a reviewed, versioned patch.
 */
export async function migrate(db: Database, registry: MetaRegistry, opts: { dryRun?: boolean } = {}): Promise<MigrationReport> {
  const report: MigrationReport = { createdTables: [], addedColumns: [], addedIndexes: [], drift: [] };
  const wanted = [...internalTables(db.engine), ...registry.all().map((m) => tableFor(m, db.engine))];
  const runner = db.dataSource.createQueryRunner();
  try {
    const existing = new Map((await runner.getTables(wanted.map((t) => t.name))).map((t) => [t.name, t]));
    for (const want of wanted) {
      const have = existing.get(want.name);
      if (!have) {
        report.createdTables.push(want.name);
        if (!opts.dryRun) await runner.createTable(want, true, false, true);
        continue;
      }
      await syncTable(runner, want, have, report, !!opts.dryRun);
    }
  } finally {
    await runner.release();
  }
  return report;
}

async function syncTable(
  runner: ReturnType<Database['dataSource']['createQueryRunner']>,
  want: Table,
  have: Table,
  report: MigrationReport,
  dryRun: boolean,
): Promise<void> {
  const haveCols = new Map(have.columns.map((c) => [c.name, c]));
  const missing: TableColumn[] = [];
  for (const col of want.columns) {
    const h = haveCols.get(col.name);
    if (!h) missing.push(col);
    else if (normaliseType(h.type) !== normaliseType(col.type)) {
      report.drift.push(`${want.name}.${col.name}: is ${h.type}, definition says ${col.type}`);
    }
  }
  for (const h of have.columns) {
    if (!want.columns.some((c) => c.name === h.name)) report.drift.push(`${want.name}.${h.name}: column no longer defined (kept)`);
  }
  for (const col of missing) {
    report.addedColumns.push(`${want.name}.${col.name}`);
    if (!dryRun) await runner.addColumn(want.name, col);
  }
  const haveIdx = new Set(have.indices.map((i) => i.name));
  for (const idx of want.indices) {
    if (idx.name && haveIdx.has(idx.name)) continue;
    report.addedIndexes.push(`${want.name}.${idx.name}`);
    if (!dryRun) await runner.createIndex(want.name, idx);
  }
}

function normaliseType(t: string): string {
  const s = t.toLowerCase();
  if (s === 'integer' || s === 'int' || s === 'bigint') return 'int';
  return s;
}
