import { Money } from '../../../kernel/money/decimal';
import type { RoundingMethod } from '../../../kernel/money/rounding';

/** The valuation methods an Item or Stock Settings may name (ERPNext's `valuation_method`). */
export type ValuationMethod = 'FIFO' | 'Moving Average';

/** One FIFO layer: [qty, rate] (ERPNext's stock_queue row). */
export type Layer = [Money, Money];

/** The running state of one (item, warehouse) after an SLE: what the next SLE starts from. */
export interface StockState {
  /** qty_after_transaction */
  qty: Money;
  /** valuation_rate (9 places) */
  rate: Money;
  /** stock_value (currency precision) */
  value: Money;
  /** stock_queue: FIFO layers; Moving Average carries the previous SLE's queue unchanged, as ERPNext does */
  queue: Layer[];
}

/** The state before the first SLE of an (item, warehouse). */
export const EMPTY_STATE: StockState = Object.freeze({ qty: new Money(0), rate: new Money(0), value: new Money(0), queue: Object.freeze([]) as unknown as Layer[] });

/** One stock move as the ledger sees it. */
export type StockMove =
  | {
      kind: 'receipt';
      /** > 0 */
      qty: Money;
      incomingRate: Money;
    }
  | {
      kind: 'issue';
      /** > 0 */
      qty: Money;
      /** ERPNext's SLE outgoing_rate, set by returns (consumes the FIFO layer of that rate first); usually absent */
      outgoingRate?: Money;
      /** the rate ERPNext's get_fallback_rate gives when nothing is left to value the issue at (default 0) */
      fallbackRate?: Money;
    }
  | {
      kind: 'reconcile';
      /** >= 0, the new quantity */
      qty: Money;
      /** the new valuation rate */
      rate: Money;
    };

/** The SLE fields a move produces. */
export interface ValuedMove {
  /** the state after (-> qty_after_transaction, valuation_rate, stock_value, stock_queue) */
  state: StockState;
  /** the SLE's actual_qty: +qty for a receipt, -qty for an issue, 0 for a reconcile (ERPNext's Stock Reconciliation SLE carries none) */
  actualQty: Money;
  /** state.qty - prev.qty: what the move changed the balance by (for a reconcile, ERPNext's qty shift of later SLEs) */
  qtyChange: Money;
  /** the SLE's incoming_rate: a receipt's rate, else 0 */
  incomingRate: Money;
  /** the SLE's outgoing_rate: the issue's given outgoingRate (returns), else 0, as ERPNext stores it */
  outgoingRate: Money;
  /**
   * |stock_value_difference| / |actual_qty| (9 places; 0 for a reconcile): the rate ERPNext writes back onto
   * the voucher row (Stock Entry Detail basic_rate, Delivery Note Item incoming_rate) after posting.
   */
  rowRate: Money;
  /** state.value - prev.value */
  stockValueDifference: Money;
}

/** How the valuation rounds: the company currency's precision for stock_value, and Frappe's rounding method. */
export interface ValuationOptions {
  currencyPrecision: number;
  rounding?: RoundingMethod;
}

/**
 * One valuation method (DESIGN.md "Strategies at the edges"): how a receipt, an issue and a
 * reconciliation change the state of an (item, warehouse), and what an issue would be valued at.
 */
export interface Valuation {
  receive(prev: StockState, qty: Money, incomingRate: Money, opts: ValuationOptions): StockState;
  issue(prev: StockState, qty: Money, outgoingRate: Money, fallbackRate: Money, opts: ValuationOptions): StockState;
  /** the stock_queue a Stock Reconciliation row leaves */
  reconciledQueue(prev: StockState, qty: Money, rate: Money): Layer[];
  /** the rate an issue of `qty` (> 0) would leave at now */
  outgoingRate(prev: StockState, qty: Money, opts: ValuationOptions): Money;
}
