import Decimal from 'decimal.js';
import { isLosslessNumber } from 'lossless-json';
import { DataError } from '../errors/errors';
import { DECIMAL_LIMIT, MAX_SCALE, Money, wireNumber } from '../money/decimal';
import { DocTypeMeta, MetaRegistry } from './meta';
import type { Doc } from '../document/types';
import { FieldDef } from './types';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** HH:MM[:SS][.ffffff] of a day (Frappe's Time fields). */
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(\.\d{1,6})?$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d{1,6})?(Z|[+-]00:?00)?$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** MariaDB's INT. */
const INT_MAX = 2147483647;

const NUMERIC_TYPES = new Set(['Int', 'Check']);

function label(meta: DocTypeMeta, f: FieldDef): string {
  return `${meta.name}: ${f.label ?? f.fieldname}`;
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Parses a client-supplied value into its in-memory form, or throws DataError naming the field.
 * Decimals become Money exactly as written: a JSON number keeps its digits (the body parser
 * hands over the ones a double would change as ExactNumber), and a string may carry any.
 */
export function coerceInput(meta: DocTypeMeta, f: FieldDef, given: unknown): unknown {
  // A number a double could not hold: its digits for decimals and text, a number for the rest.
  const v = isLosslessNumber(given) ? (meta.isDecimal(f) || !NUMERIC_TYPES.has(f.fieldtype) ? given.toString() : Number(given)) : given;
  if (meta.isDecimal(f)) {
    if (isEmpty(v)) return new Money(0);
    if (v instanceof Decimal) return v;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (typeof v === 'number' && !Number.isFinite(v)) throw new DataError(`${label(meta, f)} must be a number`);
    if (!NUMBER_RE.test(s)) throw new DataError(`${label(meta, f)} must be a number, got ${JSON.stringify(v)}`);
    return new Money(s);
  }
  switch (f.fieldtype) {
    case 'Int': {
      if (isEmpty(v)) return 0;
      const n = typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new DataError(`${label(meta, f)} must be a whole number`);
      if (Math.abs(n) > INT_MAX) throw new DataError(`${label(meta, f)} must be between -${INT_MAX} and ${INT_MAX}`);
      return n;
    }
    case 'Check': {
      if (isEmpty(v) || v === false || v === 0 || v === '0') return 0;
      if (v === true || v === 1 || v === '1') return 1;
      throw new DataError(`${label(meta, f)} must be 0 or 1`);
    }
    case 'Date': {
      if (isEmpty(v)) return null;
      const s = String(v).slice(0, 10);
      if (!DATE_RE.test(s) || Number.isNaN(Date.parse(s))) throw new DataError(`${label(meta, f)} must be a date YYYY-MM-DD`);
      return s;
    }
    case 'Datetime': {
      if (isEmpty(v)) return null;
      const m = DATETIME_RE.exec(String(v));
      if (!m || Number.isNaN(Date.parse(m[1]))) throw new DataError(`${label(meta, f)} must be a datetime YYYY-MM-DD HH:MM:SS`);
      const time = m[2].length === 5 ? `${m[2]}:00` : m[2];
      return `${m[1]} ${time}${(m[3] ?? '.').padEnd(7, '0')}`;
    }
    case 'Time': {
      if (isEmpty(v)) return null;
      const m = TIME_RE.exec(String(v).trim());
      if (!m) throw new DataError(`${label(meta, f)} must be a time HH:MM:SS`);
      return `${m[1]}:${m[2]}:${m[3] ?? '00'}${(m[4] ?? '.').padEnd(7, '0')}`;
    }
    case 'JSON':
      if (isEmpty(v)) return null;
      if (typeof v === 'string') {
        try {
          return JSON.parse(v);
        } catch {
          throw new DataError(`${label(meta, f)} must be JSON`);
        }
      }
      return v;
    case 'Table':
      if (isEmpty(v)) return [];
      if (!Array.isArray(v)) throw new DataError(`${label(meta, f)} must be a list of rows`);
      return v;
    default: {
      if (isEmpty(v)) return null;
      if (typeof v === 'object') throw new DataError(`${label(meta, f)} must be text`);
      const s = String(v);
      const max = f.fieldtype === 'Text' || f.fieldtype === 'Small Text' || f.fieldtype === 'Long Text' ? Infinity : f.length ?? 140;
      if (s.length > max) throw new DataError(`${label(meta, f)} is longer than ${max} characters`);
      return s;
    }
  }
}

/** A database value (mysql2 or better-sqlite3) into its in-memory form. */
export function fromDb(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) return new Money(v === null || v === undefined || v === '' ? 0 : (v as string | number));
  switch (f.fieldtype) {
    case 'Int':
    case 'Check':
      return v === null || v === undefined ? 0 : Number(v);
    case 'JSON':
      if (v === null || v === undefined || v === '') return null;
      return typeof v === 'string' ? JSON.parse(v) : v;
    case 'Datetime':
      if (v === null || v === undefined) return null;
      return String(v).length === 19 ? `${v}.000000` : String(v);
    case 'Time':
      return v === null || v === undefined ? null : String(v);
    default:
      return v === undefined ? null : v;
  }
}

/**
 * An in-memory value into a SQL parameter. Decimals outside DECIMAL(21,9) are refused with a
 * DataError (417), on SQLite as on MariaDB (which would fail the statement).
 */
export function toDb(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) {
    const d = new Money((v as Decimal.Value | null | undefined) ?? 0);
    if (!d.isFinite() || d.abs().toDecimalPlaces(MAX_SCALE, Decimal.ROUND_HALF_EVEN).gte(DECIMAL_LIMIT)) {
      throw new DataError(`${label(meta, f)}: ${d.toString()} is out of range (at most 12 digits before the decimal point)`);
    }
    return d.toFixed(MAX_SCALE);
  }
  if (f.fieldtype === 'JSON') return v === null || v === undefined ? null : JSON.stringify(v);
  if (f.fieldtype === 'Int' || f.fieldtype === 'Check') return v ?? 0;
  return v === undefined ? null : v;
}

/**
 * An in-memory value as it goes on the wire: decimals as JSON numbers with exactly their
 * digits (stored values are already at their precision, see roundDecimals), never through
 * float arithmetic.
 */
export function toWire(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) return wireNumber(v instanceof Decimal ? v : new Money((v as Decimal.Value | null | undefined) ?? 0));
  return v ?? null;
}

/** A field's value rounded to its precision with the System Settings method (ERPNext's flt(x, precision)). */
export function roundField(meta: DocTypeMeta, f: FieldDef, v: unknown, doc?: Doc, parent?: Doc): Decimal {
  return meta.numbers.flt(v, meta.precision(f, doc, parent));
}

/**
 * Rounds every decimal of a document and of its child rows to its precision, in place: what
 * the store does before it writes (a child row's Currency fields may take the parent's currency).
 */
export function roundDecimals(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, parent?: Doc): void {
  for (const f of meta.decimalColumns) doc[f.fieldname] = roundField(meta, f, doc[f.fieldname], doc, parent);
  for (const tf of meta.tableFields) {
    const child = registry.get(tf.options!)!;
    for (const row of (doc[tf.fieldname] as Doc[] | undefined) ?? []) roundDecimals(registry, child, row, doc);
  }
}

/** Equality of two in-memory values (for Version diffs and allow_on_submit checks). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Decimal || b instanceof Decimal) {
    try {
      return new Money((a as Decimal.Value) ?? 0).eq(new Money((b as Decimal.Value) ?? 0));
    } catch {
      return false;
    }
  }
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
