import Decimal from 'decimal.js';
import { isLosslessNumber } from 'lossless-json';
import { Money } from './decimal';

/** Frappe's System Settings `rounding_method` options, spelled as Frappe spells them. */
export const ROUNDING_METHODS = ["Banker's Rounding (legacy)", "Banker's Rounding", 'Commercial Rounding'] as const;
export type RoundingMethod = (typeof ROUNDING_METHODS)[number];
/** Frappe's default when System Settings names none. */
export const DEFAULT_ROUNDING_METHOD: RoundingMethod = "Banker's Rounding (legacy)";

export function isRoundingMethod(v: unknown): v is RoundingMethod {
  return ROUNDING_METHODS.includes(v as RoundingMethod);
}

/**
 * Frappe's `rounded(num, precision, rounding_method)` (frappe/utils/data.py) on exact decimals:
 * - Banker's Rounding (legacy): the value scaled by 10^precision is first rounded to 8 places
 *   (Frappe's guard against float error, kept: 2.67499999999 counts as a tie), then a tie goes
 *   to the even neighbour at precision 0 and upwards (towards +∞) at any other precision:
 *   2.675 → 2.68, 2.665 → 2.67, −2.345 → −2.34, 2.5 → 2, 3.5 → 4.
 * - Banker's Rounding: ties to even at every precision (2.665 → 2.66, −2.345 → −2.34).
 * - Commercial Rounding: ties away from zero (2.5 → 3, −2.5 → −3, −2.345 → −2.35).
 * The last two are what Frappe's own tests hold them to: decimal's ROUND_HALF_EVEN and
 * ROUND_HALF_UP; their epsilons only recover the decimal a float stood for, which a decimal is.
 * A negative precision rounds to tens, hundreds…
 */
export function rounded(value: Decimal.Value, precision = 0, method: RoundingMethod = DEFAULT_ROUNDING_METHOD): Money {
  const scale = new Money(`1e${precision}`);
  const scaled = new Money(value).mul(scale);
  let whole: Decimal;
  switch (method) {
    case "Banker's Rounding (legacy)":
      whole = scaled.toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN).toDecimalPlaces(0, precision ? Decimal.ROUND_HALF_CEIL : Decimal.ROUND_HALF_EVEN);
      break;
    case "Banker's Rounding":
      whole = scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
      break;
    case 'Commercial Rounding':
      whole = scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      break;
    default:
      throw new Error(`Unknown Rounding Method: ${String(method)}`);
  }
  // −0 would print as "0" anyway; normalise it so that comparisons and is-zero checks agree.
  return whole.isZero() ? new Money(0) : whole.div(scale);
}

/**
 * Frappe's `flt(value, precision, rounding_method)`: a number from anything (null, "" and what
 * does not parse give 0; thousands commas are dropped), rounded when a precision is given.
 */
export function flt(value: unknown, precision?: number, method?: RoundingMethod): Money {
  const d = toMoney(value);
  return precision === undefined || precision === null ? d : rounded(d, precision, method);
}

function toMoney(value: unknown): Money {
  if (value instanceof Decimal) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Money(value) : new Money(0);
  if (typeof value === 'bigint' || isLosslessNumber(value)) return parse(String(value));
  if (typeof value === 'string') return parse(value.replace(/,/g, '').trim());
  return new Money(0);
}

function parse(text: string): Money {
  try {
    const d = new Money(text);
    return d.isFinite() ? d : new Money(0);
  } catch {
    return new Money(0);
  }
}
