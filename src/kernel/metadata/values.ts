import Decimal from 'decimal.js';
import { DataError } from '../errors/errors';
import { DocTypeMeta } from './meta';
import { FieldDef } from './types';

// Money and quantities: 30 significant digits, ERPNext's half-up at a field's precision.
Decimal.set({ precision: 30, rounding: Decimal.ROUND_HALF_UP });

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d{1,6})?(Z|[+-]00:?00)?$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function label(meta: DocTypeMeta, f: FieldDef): string {
  return `${meta.name}: ${f.label ?? f.fieldname}`;
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Parses a client-supplied value into its in-memory form, or throws DataError naming the field. */
export function coerceInput(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) {
    if (isEmpty(v)) return new Decimal(0);
    if (v instanceof Decimal) return v;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (typeof v === 'number' && !Number.isFinite(v)) throw new DataError(`${label(meta, f)} must be a number`);
    if (!NUMBER_RE.test(s)) throw new DataError(`${label(meta, f)} must be a number, got ${JSON.stringify(v)}`);
    return new Decimal(s);
  }
  switch (f.fieldtype) {
    case 'Int': {
      if (isEmpty(v)) return 0;
      const n = typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new DataError(`${label(meta, f)} must be a whole number`);
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
  if (meta.isDecimal(f)) return new Decimal(v === null || v === undefined || v === '' ? 0 : (v as string | number));
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
    default:
      return v === undefined ? null : v;
  }
}

/** An in-memory value into a SQL parameter. */
export function toDb(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) return (v instanceof Decimal ? v : new Decimal((v as string | number) ?? 0)).toFixed(9);
  if (f.fieldtype === 'JSON') return v === null || v === undefined ? null : JSON.stringify(v);
  if (f.fieldtype === 'Int' || f.fieldtype === 'Check') return v ?? 0;
  return v === undefined ? null : v;
}

/** An in-memory value as it goes on the wire: decimals as JSON numbers at the field's precision. */
export function toWire(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
  if (meta.isDecimal(f)) {
    const d = v instanceof Decimal ? v : new Decimal((v as string | number) ?? 0);
    return Number(d.toDecimalPlaces(meta.precision(f), Decimal.ROUND_HALF_UP).toFixed(meta.precision(f)));
  }
  return v ?? null;
}

/** Rounds a decimal to the field's precision (ERPNext's flt(x, precision)). */
export function roundTo(meta: DocTypeMeta, f: FieldDef, v: Decimal): Decimal {
  return v.toDecimalPlaces(meta.precision(f), Decimal.ROUND_HALF_UP);
}

/** Equality of two in-memory values (for Version diffs and allow_on_submit checks). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Decimal || b instanceof Decimal) {
    try {
      return new Decimal((a as Decimal.Value) ?? 0).eq(new Decimal((b as Decimal.Value) ?? 0));
    } catch {
      return false;
    }
  }
  if ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === '')) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
