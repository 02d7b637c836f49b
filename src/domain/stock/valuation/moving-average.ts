import { Money } from '../../../kernel/money/decimal';
import { settle, toStockPlaces } from './numbers';
import { copyQueue } from './queue';
import type { StockState, Valuation, ValuationOptions } from './types';

/**
 * Moving Average: one running rate, re-averaged by receipts, unchanged by plain issues
 * (update_entries_after.get_moving_average_values in erpnext/stock/stock_ledger.py);
 * stock_value = qty * rate. The stock_queue is carried over from the previous SLE untouched.
 */
export const movingAverageValuation: Valuation = {
  receive(prev, qty, incomingRate, opts) {
    return afterMove(prev, qty, movingAverageRate(prev, qty, incomingRate, new Money(0), new Money(0)), opts);
  },

  issue(prev, qty, outgoingRate, fallbackRate, opts) {
    return afterMove(prev, qty.neg(), movingAverageRate(prev, qty.neg(), new Money(0), outgoingRate, fallbackRate), opts);
  },

  reconciledQueue(prev) {
    return copyQueue(prev.queue);
  },

  /** erpnext/stock/utils.py get_incoming_rate: an issue leaves at the current valuation rate. */
  outgoingRate(prev) {
    return prev.rate;
  },
};

/**
 * get_moving_average_values: the rate after a move of actualQty (signed).
 * - the balance stays >= 0: a receipt averages in its rate (or sets it, when the stock was 0 or
 *   negative); an issue with an outgoing rate (returns) averages it out; other issues keep the rate;
 * - the balance goes negative: an issue with an outgoing rate from a non-negative stock takes that
 *   rate; a rate still 0 becomes the receipt's rate, else the fallback rate.
 */
function movingAverageRate(prev: StockState, actualQty: Money, incomingRate: Money, outgoingRate: Money, fallbackRate: Money): Money {
  const newQty = prev.qty.add(actualQty);
  const prevValue = prev.qty.mul(prev.rate);
  if (newQty.gte(0)) {
    if (actualQty.gt(0)) return prev.qty.lte(0) ? incomingRate : prevValue.add(actualQty.mul(incomingRate)).div(newQty);
    if (outgoingRate.isZero()) return prev.rate;
    return newQty.isZero() ? outgoingRate : prevValue.add(actualQty.mul(outgoingRate)).div(newQty);
  }
  let rate = prev.qty.gte(0) && !outgoingRate.isZero() ? outgoingRate : prev.rate;
  if (rate.isZero() && actualQty.gt(0)) rate = incomingRate;
  if (rate.isZero()) rate = fallbackRate;
  return rate;
}

/** qty and stock_value = qty * rate (the rate as stored, 9 places, so that value == qty*rate holds). */
function afterMove(prev: StockState, actualQty: Money, rate: Money, opts: ValuationOptions): StockState {
  const qty = prev.qty.add(actualQty);
  const storedRate = toStockPlaces(rate, opts);
  return settle(qty, storedRate, qty.mul(storedRate), copyQueue(prev.queue), opts);
}
