import { Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { DbEngine } from '../../config/config';
import { DocTypeMeta } from './meta';
import { FieldDef } from './types';

/** The column a field compiles to on each engine (ERPNext's types on MariaDB). */
export function columnFor(meta: DocTypeMeta, f: FieldDef, engine: DbEngine): TableColumnOptions {
  const maria = engine === 'mariadb';
  const base = { name: f.fieldname, isNullable: true };
  if (f.fieldname === 'name') return { ...base, type: 'varchar', length: '140', isPrimary: true, isNullable: false };
  if (meta.isDecimal(f)) {
    return maria
      ? { ...base, type: 'decimal', precision: 21, scale: 9, isNullable: false, default: '0' }
      : // SQLite keeps decimals as text so they read back exactly (REAL would round them).
        { ...base, type: 'text', isNullable: false, default: "'0'" };
  }
  switch (f.fieldtype) {
    case 'Int':
    case 'Check':
      return { ...base, type: maria ? 'int' : 'integer', isNullable: false, default: f.default !== undefined ? String(Number(f.default)) : '0' };
    case 'Date':
      return { ...base, type: maria ? 'date' : 'text' };
    case 'Datetime':
      return { ...base, type: maria ? 'datetime' : 'text', ...(maria ? { precision: 6 } : {}) };
    case 'Text':
    case 'Small Text':
      return { ...base, type: maria ? 'text' : 'text' };
    case 'Long Text':
    case 'JSON':
      return { ...base, type: maria ? 'longtext' : 'text' };
    default:
      return { ...base, type: 'varchar', length: String(f.length ?? 140) };
  }
}


export function indexName(table: string, columns: string[], unique = false): string {
  const raw = `${unique ? 'uq' : 'idx'}_${table.replace(/^tab/, '')}_${columns.join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return raw.length <= 64 ? raw : raw.slice(0, 55) + '_' + hash(raw);
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** The indexes a doctype's table has: declared ones, unique fields, and the standard ones. */
export function indexesFor(meta: DocTypeMeta): TableIndex[] {
  const t = meta.tableName;
  // Lists sort by modified or creation (Frappe's defaults): both are indexed everywhere.
  const out: TableIndex[] = ['modified', 'creation'].map((c) => new TableIndex({ name: indexName(t, [c]), columnNames: [c] }));
  if (meta.isChild) out.push(new TableIndex({ name: indexName(t, ['parent']), columnNames: ['parent'] }));
  for (const f of meta.storedColumns) {
    if (f.fieldname === 'name') continue;
    if (f.unique) out.push(new TableIndex({ name: indexName(t, [f.fieldname], true), columnNames: [f.fieldname], isUnique: true }));
    else if (f.index) out.push(new TableIndex({ name: indexName(t, [f.fieldname]), columnNames: [f.fieldname] }));
  }
  for (const cols of meta.def.indexes ?? []) out.push(new TableIndex({ name: indexName(t, cols), columnNames: cols }));
  for (const cols of meta.def.unique_keys ?? []) out.push(new TableIndex({ name: indexName(t, cols, true), columnNames: cols, isUnique: true }));
  return out;
}

export function tableFor(meta: DocTypeMeta, engine: DbEngine): Table {
  return new Table({
    name: meta.tableName,
    columns: meta.storedColumns.map((f) => new TableColumn(columnFor(meta, f, engine))),
    indices: indexesFor(meta),
  });
}
