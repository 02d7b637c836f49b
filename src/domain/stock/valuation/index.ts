import { ValidationError } from '../../../kernel/errors/errors';
import { Money } from '../../../kernel/money/decimal';
import { fifoValuation } from './fifo';
import { movingAverageValuation } from './moving-average';
import { settle, toStockPlaces } from './numbers';
import type { StockMove, StockState, Valuation, ValuationMethod, ValuationOptions, ValuedMove } from './types';

export * from './types';
export { queueFromJson, queueQty, queueToJson, queueValue } from './queue';

/** The strategy of each valuation method. */
const VALUATIONS: Record<ValuationMethod, Valuation> = { FIFO: fifoValuation, 'Moving Average': movingAverageValuation };

/** The strategy for a method, refusing a name it does not know. */
export function valuationFor(method: ValuationMethod): Valuation {
  const valuation = VALUATIONS[method];
  if (!valuation) throw new ValidationError(`Unknown Valuation Method: ${String(method)}`);
  return valuation;
}

/**
 * The SLE fields a stock move produces from the previous SLE's state of its (item, warehouse),
 * valued as ERPNext's update_entries_after.process_sle does (erpnext/stock/stock_ledger.py).
 */
export function valueMove(method: ValuationMethod, prev: StockState, move: StockMove, opts: ValuationOptions): ValuedMove {
  const valuation = valuationFor(method);
  const zero = new Money(0);
  const qty = toStockPlaces(move.qty, opts);
  let state: StockState;
  let actualQty = zero;
  let incomingRate = zero;
  let outgoingRate = zero;
  switch (move.kind) {
    case 'receipt':
      requirePositive(qty, 'received');
      incomingRate = toStockPlaces(move.incomingRate, opts);
      actualQty = qty;
      state = valuation.receive(prev, qty, incomingRate, opts);
      break;
    case 'issue':
      requirePositive(qty, 'issued');
      outgoingRate = toStockPlaces(move.outgoingRate ?? zero, opts);
      actualQty = qty.neg();
      state = valuation.issue(prev, qty, outgoingRate, toStockPlaces(move.fallbackRate ?? zero, opts), opts);
      break;
    case 'reconcile': {
      if (qty.isNegative()) throw new ValidationError(`Negative quantity is not allowed in a Stock Reconciliation: ${qty.toFixed()}`);
      const rate = toStockPlaces(move.rate, opts);
      state = settle(qty, rate, qty.mul(rate), valuation.reconciledQueue(prev, qty, rate), opts);
      break;
    }
    default:
      throw new ValidationError(`Unknown stock move: ${String((move as { kind: unknown }).kind)}`);
  }
  const stockValueDifference = state.value.sub(prev.value);
  const rowRate = actualQty.isZero() ? zero : toStockPlaces(stockValueDifference.abs().div(actualQty.abs()), opts);
  return { state, actualQty, qtyChange: state.qty.sub(prev.qty), incomingRate, outgoingRate, rowRate, stockValueDifference };
}

/** The valuation rate an issue of `qty` would leave at now (Stock Entry rows show it as basic_rate before posting). */
export function outgoingRateOf(method: ValuationMethod, prev: StockState, qty: Money, opts: ValuationOptions): Money {
  const issued = toStockPlaces(qty, opts);
  requirePositive(issued, 'issued');
  return valuationFor(method).outgoingRate(prev, issued, opts);
}

function requirePositive(qty: Money, what: string): void {
  if (!qty.gt(0)) throw new ValidationError(`Quantity ${what} must be positive: ${qty.toFixed()}`);
}
