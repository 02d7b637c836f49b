import Decimal from 'decimal.js';
import { MAX_SCALE, Money } from './decimal';

/** The part of a better-sqlite3 connection used here (the package ships no types). */
interface SqliteConnection {
  function(name: string, options: { deterministic: boolean }, fn: (...args: never[]) => unknown): unknown;
  aggregate(name: string, options: Record<string, unknown>): unknown;
}

/**
 * SQL functions that let SQLite compare, order and aggregate decimals exactly. SQLite keeps
 * decimal columns as text ('0.100000000'); CAST(… AS REAL) would make 0.1 + 0.2 come out as
 * 0.30000000000000004. Registered on the connection when it opens.
 *
 * - dec_cmp(a, b): −1, 0 or 1 (NULL when either is NULL), for filters;
 * - dec_key(a): text that sorts like the number, for ORDER BY;
 * - dec_sum, dec_avg, dec_min, dec_max: exact aggregates, as text.
 */
export function registerDecimalFunctions(db: SqliteConnection): void {
  const opts = { deterministic: true };
  db.function('dec_cmp', opts, (a: unknown, b: unknown) => (a === null || b === null ? null : money(a).cmp(money(b))));
  db.function('dec_key', opts, (a: unknown) => (a === null ? null : decimalSortKey(money(a))));
  const aggregate = (name: string, step: (acc: Decimal, v: Decimal) => Decimal, result: (acc: Decimal, n: number) => Decimal = (acc) => acc) =>
    db.aggregate(name, {
      ...opts,
      start: () => null as { acc: Decimal; n: number } | null,
      step: (state: { acc: Decimal; n: number } | null, v: unknown) =>
        v === null ? state : state ? { acc: step(state.acc, money(v)), n: state.n + 1 } : { acc: money(v), n: 1 },
      result: (state: { acc: Decimal; n: number } | null) => (state ? result(state.acc, state.n).toFixed() : null),
    });
  aggregate('dec_sum', (acc, v) => acc.plus(v));
  aggregate('dec_min', (acc, v) => Money.min(acc, v));
  aggregate('dec_max', (acc, v) => Money.max(acc, v));
  // MariaDB's AVG of a DECIMAL(21,9) has 4 more places, rounded half up: the same here.
  aggregate('dec_avg', (acc, v) => acc.plus(v), (sum, n) => sum.div(n).toDecimalPlaces(MAX_SCALE + 4, Decimal.ROUND_HALF_UP));
}

function money(v: unknown): Decimal {
  return new Money(typeof v === 'string' && v.trim() === '' ? 0 : (v as Decimal.Value));
}

/** |values| below 10^30 shifted to positive, fixed width: text order is numeric order. */
const KEY_OFFSET = new Money('1e30');
const KEY_WIDTH = 31 + 1 + MAX_SCALE;

export function decimalSortKey(d: Decimal): string {
  return new Money(d).plus(KEY_OFFSET).toFixed(MAX_SCALE).padStart(KEY_WIDTH, '0');
}

/** Whether a value can equal a stored one (its key is then exact). */
export function storable(d: Decimal): boolean {
  return d.decimalPlaces() <= MAX_SCALE && d.abs().lt(KEY_OFFSET);
}
