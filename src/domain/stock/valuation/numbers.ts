import Decimal from 'decimal.js';
import { Money } from '../../../kernel/money/decimal';
import { flt } from '../../../kernel/money/rounding';
import type { Layer, StockState, ValuationOptions } from './types';

/** Places of qty_after_transaction and valuation_rate: DECIMAL(21,9), rounded as flt(x, 9). */
export const STOCK_PLACES = 9;

/** flt(x, 9) with the options' rounding method: a rate or quantity as the SLE stores it. */
export function toStockPlaces(x: Decimal.Value, opts: ValuationOptions): Money {
  return flt(new Money(x), STOCK_PLACES, opts.rounding);
}

/** ERPNext's round_off_if_near_zero (erpnext/stock/valuation.py): |x| below 1e-7 counts as 0. */
export function roundOffIfNearZero(x: Money): Money {
  return x.abs().lt(NEAR_ZERO) ? new Money(0) : x;
}
const NEAR_ZERO = new Money('1e-7');

/** The first non-zero value of a list (Python's `a or b or c` on numbers), 0 when all are 0. */
export function firstNonZero(...values: Money[]): Money {
  return values.find((v) => !v.isZero()) ?? new Money(0);
}

/**
 * The state an SLE stores, from the computed qty, rate and (unrounded) value: the rate at 9
 * places, stock_value at currency precision and 0 when no quantity is left
 * (update_entries_after.process_sle: `flt(stock_value, currency_precision)`, `if not qty: stock_value = 0`).
 */
export function settle(qty: Money, rate: Money, rawValue: Money, queue: Layer[], opts: ValuationOptions): StockState {
  const value = qty.isZero() ? new Money(0) : flt(rawValue, opts.currencyPrecision, opts.rounding);
  return { qty: toStockPlaces(qty, opts), rate: toStockPlaces(rate, opts), value, queue };
}
