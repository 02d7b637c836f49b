import Decimal from 'decimal.js';
import { DbEngine } from '../../config/config';
import { FieldCondition } from '../db/context';
import { DataError } from '../errors/errors';
import { DocTypeMeta } from '../metadata/meta';
import { FieldDef } from '../metadata/types';
import { coerceInput, fromDb, toDb } from '../metadata/values';

const OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'like', 'in', 'not in']);
type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'not in';

/**
 * Field conditions compiled for the facade's reads and conditional updates (alias `t`). A
 * decimal compared on SQLite, whose decimals are text, is checked exactly in JS (`test`) on
 * the rows the SQL part returns (SQLite transactions are serial, so that is still atomic);
 * on MariaDB it is compared as DECIMAL in SQL.
 */
export interface CompiledWhere {
  sql: string[];
  params: unknown[];
  /** the conditions SQL cannot check exactly, or null when there are none */
  test: ((row: Record<string, unknown>) => boolean) | null;
}

export function storedField(meta: DocTypeMeta, fieldname: string): FieldDef {
  const f = meta.storedColumns.find((c) => c.fieldname === fieldname);
  if (!f) throw new DataError(`${meta.name} has no field ${fieldname}`);
  return f;
}

function split(cond: FieldCondition): [Operator, unknown] {
  if (Array.isArray(cond) && cond.length === 2 && typeof cond[0] === 'string' && OPERATORS.has(cond[0])) return [cond[0] as Operator, cond[1]];
  return ['=', cond];
}

/** A DECIMAL(21,9) parameter on MariaDB: a string compared with a DECIMAL column would be compared as a double. */
export function decimalMark(meta: DocTypeMeta, f: FieldDef, engine: DbEngine): string {
  return meta.isDecimal(f) && engine === 'mariadb' ? 'CAST(? AS DECIMAL(21,9))' : '?';
}

function compare(a: Decimal, op: Exclude<Operator, 'like' | 'in' | 'not in'>, b: Decimal): boolean {
  const c = a.cmp(b);
  return op === '=' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

export function compileWhere(meta: DocTypeMeta, where: Record<string, FieldCondition>, engine: DbEngine): CompiledWhere {
  const out: CompiledWhere = { sql: [], params: [], test: null };
  const tests: ((row: Record<string, unknown>) => boolean)[] = [];
  for (const [fieldname, cond] of Object.entries(where)) {
    const f = storedField(meta, fieldname);
    const [op, value] = split(cond);
    const col = `t.\`${f.fieldname}\``;
    if (op === 'in' || op === 'not in') {
      if (!Array.isArray(value)) throw new DataError(`${fieldname}: "${op}" needs a list`);
      if (!value.length) {
        out.sql.push(op === 'in' ? '1 = 0' : '1 = 1');
        continue;
      }
      out.sql.push(`${col} ${op.toUpperCase()} (${value.map(() => decimalMark(meta, f, engine)).join(', ')})`);
      out.params.push(...value.map((v) => toDb(meta, f, coerceInput(meta, f, v))));
      continue;
    }
    if ((value === null || value === undefined) && (op === '=' || op === '!=')) {
      out.sql.push(`${col} IS ${op === '=' ? '' : 'NOT '}NULL`);
      continue;
    }
    if (op === 'like') {
      out.sql.push(`${col} LIKE ? ESCAPE '!'`);
      out.params.push(String(value));
      continue;
    }
    const v = coerceInput(meta, f, value);
    if (meta.isDecimal(f) && engine === 'sqlite') {
      tests.push((row) => compare(fromDb(meta, f, row[f.fieldname]) as Decimal, op, v as Decimal));
      continue;
    }
    out.sql.push(`${col} ${op} ${decimalMark(meta, f, engine)}`);
    out.params.push(toDb(meta, f, v));
  }
  if (tests.length) out.test = (row) => tests.every((t) => t(row));
  return out;
}
