import Decimal from 'decimal.js';
import { isSafeNumber, LosslessNumber } from 'lossless-json';

/**
 * The decimal constructor for money and quantities: a clone of decimal.js, so nothing here
 * changes the library's global settings. 40 significant digits hold any DECIMAL(21,9) value
 * shifted by 10^30 (the SQLite sort key) and the product of two such values to 9 places;
 * rounding to a field's precision always names its method (see rounding.ts).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
/** A Money value (clones share decimal.js's prototype: `instanceof Decimal` holds for them). */
export type Money = Decimal;

/** DECIMAL(21,9): 12 integer digits and 9 places, what MariaDB stores and SQLite is held to. */
export const MAX_SCALE = 9;
export const DECIMAL_LIMIT = new Money('1e12');

/** How many ExactNumbers JSON.stringify has written so far (stringifyExactJson tells from it whether the fast path was exact). */
export const exactNumbersWritten = { count: 0 };

/** A JSON number written out as JSON text (a request or response number that a double would change). */
export class ExactNumber extends LosslessNumber {
  /** What JSON.stringify writes (Version rows, logs): the nearest double, the best it can do. */
  toJSON(): number {
    exactNumbersWritten.count++;
    return Number(this.value);
  }

  /** Never throws (LosslessNumber's does on overflow): Number(x) gives what JSON.parse would have. */
  override valueOf(): number {
    return Number.parseFloat(this.value);
  }
}

/** Significant digits a double carries through JSON.stringify unchanged. */
const DOUBLE_DIGITS = 15;

/** A decimal as a JSON number with exactly its digits: a plain number when a double keeps them. */
export function wireNumber(d: Decimal): number | ExactNumber {
  const text = d.toFixed();
  return d.sd() <= DOUBLE_DIGITS ? Number(text) : new ExactNumber(text);
}

/** A number read from JSON text: a plain number when a double keeps its digits, else an ExactNumber. */
export function jsonNumber(text: string): number | ExactNumber {
  return isSafeNumber(text) ? Number(text) : new ExactNumber(text);
}
