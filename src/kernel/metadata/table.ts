import { EntitySchemaColumnOptions, EntitySchemaIndexOptions } from 'typeorm';
import { DbEngine } from '../../config/config';
import { DocTypeMeta } from './meta';
import { FieldDef } from './types';

/**
 * The column a field compiles to on each engine (ERPNext's types on MariaDB). Defaults are
 * values, as TypeORM compares them with the live schema: a number for numeric columns (MariaDB
 * reports a DECIMAL(21,9) default as 0.000000000), a string for SQLite's text decimals.
 */
export function columnFor(meta: DocTypeMeta, f: FieldDef, engine: DbEngine): EntitySchemaColumnOptions {
  const maria = engine === 'mariadb';
  const base = { name: f.fieldname, nullable: true };
  if (f.fieldname === 'name') return { ...base, type: 'varchar', length: 140, primary: true, nullable: false };
  if (meta.isDecimal(f)) {
    return maria
      ? { ...base, type: 'decimal', precision: 21, scale: 9, nullable: false, default: 0 }
      : // SQLite keeps decimals as text so they read back exactly (REAL would round them).
        { ...base, type: 'text', nullable: false, default: '0' };
  }
  switch (f.fieldtype) {
    case 'Int':
    case 'Check':
      return { ...base, type: maria ? 'int' : 'integer', nullable: false, default: f.default !== undefined ? Number(f.default) : 0 };
    case 'Date':
      return { ...base, type: maria ? 'date' : 'text' };
    case 'Datetime':
      return { ...base, type: maria ? 'datetime' : 'text', ...(maria ? { precision: 6 } : {}) };
    case 'Time':
      return { ...base, type: maria ? 'time' : 'text', ...(maria ? { precision: 6 } : {}) };
    case 'Text':
    case 'Small Text':
      return { ...base, type: 'text' };
    case 'Long Text':
    case 'JSON':
      return { ...base, type: maria ? 'longtext' : 'text' };
    default:
      return { ...base, type: 'varchar', length: f.length ?? 140 };
  }
}

export function indexName(table: string, columns: string[], unique = false): string {
  const raw = `${unique ? 'uq' : 'idx'}_${table.replace(/^tab/, '')}_${columns.join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return raw.length <= 64 ? raw : raw.slice(0, 55) + '_' + hash(raw);
}

/** The name of a doctype's FULLTEXT index (one per table). */
export function fullTextIndexName(table: string): string {
  return indexName(table, ['search']).replace(/^idx_/, 'ft_');
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** The indexes a doctype's table has: declared ones, unique fields, and the standard ones. */
export function indexesFor(meta: DocTypeMeta, engine: DbEngine = 'mariadb'): EntitySchemaIndexOptions[] {
  const t = meta.tableName;
  const index = (columns: string[], unique = false): EntitySchemaIndexOptions => ({ name: indexName(t, columns, unique), columns, ...(unique ? { unique } : {}) });
  // Lists sort by modified or creation (Frappe's defaults): both are indexed everywhere.
  const out = ['modified', 'creation'].map((c) => index([c]));
  if (meta.isChild) out.push(index(['parent']));
  for (const f of meta.storedColumns) {
    if (f.fieldname === 'name') continue;
    if (f.unique) out.push(index([f.fieldname], true));
    else if (f.index) out.push(index([f.fieldname]));
  }
  for (const cols of meta.def.indexes ?? []) out.push(index(cols));
  for (const cols of meta.def.unique_keys ?? []) out.push(index(cols, true));
  // full-text search: MariaDB's FULLTEXT index (SQLite's FTS5 table is made by migrate, full-text.ts)
  if (engine === 'mariadb' && meta.searchFields.length) out.push({ name: fullTextIndexName(t), columns: [...meta.searchFields], fulltext: true });
  return out;
}
