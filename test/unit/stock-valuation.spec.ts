import { Money } from '../../src/kernel/money/decimal';
import {
  EMPTY_STATE,
  Layer,
  outgoingRateOf,
  queueFromJson,
  queueToJson,
  queueValue,
  StockMove,
  StockState,
  ValuationMethod,
  valueMove,
  ValuedMove,
} from '../../src/domain/stock/valuation';
import { addLayer, takeLayers } from '../../src/domain/stock/valuation/fifo';
import { roundOffIfNearZero } from '../../src/domain/stock/valuation/numbers';

/**
 * The pure valuation core of the stock ledger, held to ERPNext's own expectations
 * (erpnext/stock/tests/test_valuation.py, erpnext/stock/doctype/stock_entry/test_stock_entry.py)
 * and to ERPNext's update_entries_after (erpnext/stock/stock_ledger.py) for the SLE fields.
 */
const OPTS = { currencyPrecision: 2 };
const m = (x: number | string) => new Money(x);
const layers = (rows: [number | string, number | string][]): Layer[] => rows.map(([q, r]) => [m(q), m(r)]);
const plain = (queue: Layer[]) => queue.map(([q, r]) => [q.toNumber(), r.toNumber()]);
const receipt = (qty: number | string, rate: number | string): StockMove => ({ kind: 'receipt', qty: m(qty), incomingRate: m(rate) });
const issue = (qty: number | string, outgoingRate?: number | string): StockMove => ({
  kind: 'issue',
  qty: m(qty),
  ...(outgoingRate === undefined ? {} : { outgoingRate: m(outgoingRate) }),
});
const reconcile = (qty: number | string, rate: number | string): StockMove => ({ kind: 'reconcile', qty: m(qty), rate: m(rate) });

/** Posts the moves in order, each from the state the one before left; returns every ValuedMove. */
function post(method: ValuationMethod, moves: StockMove[], from: StockState = EMPTY_STATE): ValuedMove[] {
  const out: ValuedMove[] = [];
  let state = from;
  for (const move of moves) {
    const valued = valueMove(method, state, move, OPTS);
    out.push(valued);
    state = valued.state;
  }
  return out;
}
const last = (method: ValuationMethod, moves: StockMove[], from?: StockState) => post(method, moves, from).at(-1)!.state;
const summary = (s: StockState) => ({ qty: s.qty.toFixed(), rate: s.rate.toFixed(), value: s.value.toFixed(), queue: plain(s.queue) });

/** A queue driven directly through FIFOValuation's add_stock/remove_stock, as test_valuation.py does. */
class Queue {
  queue: Layer[] = [];
  add(qty: number | string, rate: number | string) {
    this.queue = addLayer(this.queue, m(qty), m(rate));
  }
  remove(qty: number | string, rate: number | string = 0) {
    const { queue, taken } = takeLayers(this.queue, m(qty), m(rate), m(0));
    this.queue = queue;
    return plain(taken);
  }
  get qty() {
    return this.queue.reduce((s, [q]) => s.add(q), m(0)).toNumber();
  }
}

describe('FIFO queue (follows erpnext/stock/tests/test_valuation.py TestFIFOValuation)', () => {
  let q: Queue;
  beforeEach(() => (q = new Queue()));

  it('follows TestFIFOValuation.test_simple_addition and test_simple_removal', () => {
    q.add(1, 10);
    expect(q.qty).toBe(1);
    q.remove(1);
    expect(q.qty).toBe(0);
  });

  it('follows TestFIFOValuation.test_merge_new_stock: an equal-rate receipt joins the last layer', () => {
    q.add(1, 10);
    q.add(1, 10);
    expect(plain(q.queue)).toEqual([[2, 10]]);
  });

  it('follows TestFIFOValuation.test_adding_negative_stock_keeps_rate', () => {
    q.queue = layers([[-5, 100]]);
    q.add(1, 10);
    expect(plain(q.queue)).toEqual([[-4, 100]]);
  });

  it('follows TestFIFOValuation.test_adding_negative_stock_updates_rate', () => {
    q.queue = layers([[-5, 100]]);
    q.add(6, 10);
    expect(plain(q.queue)).toEqual([[1, 10]]);
  });

  it('follows TestFIFOValuation.test_negative_stock: running out leaves a negative layer', () => {
    q.remove(1, 5);
    expect(plain(q.queue)).toEqual([[-1, 5]]);
    q.remove(1);
    expect(plain(q.queue)).toEqual([[-2, 5]]);
    q.add(2, 10);
    expect(q.qty).toBe(0);
    expect(queueValue(q.queue).toNumber()).toBe(0);
  });

  it('follows TestFIFOValuation.test_removing_specified_rate', () => {
    q.add(1, 10);
    q.add(1, 20);
    q.remove(1, 20);
    expect(plain(q.queue)).toEqual([[1, 10]]);
  });

  it('follows TestFIFOValuation.test_remove_multiple_bins: oldest layers first', () => {
    q.add(1, 10);
    q.add(2, 20);
    q.add(1, 20);
    q.add(5, 20);
    expect(plain(q.queue)).toEqual([[1, 10], [8, 20]]);
    expect(q.remove(4)).toEqual([[1, 10], [3, 20]]);
    expect(plain(q.queue)).toEqual([[5, 20]]);
  });

  it('follows TestFIFOValuation.test_remove_multiple_bins_with_rate', () => {
    q.add(1, 10);
    q.add(2, 20);
    q.add(1, 20);
    q.add(5, 20);
    q.remove(3, 20);
    expect(plain(q.queue)).toEqual([[1, 10], [5, 20]]);
  });

  it('follows TestFIFOValuation.test_queue_with_unknown_rate: an outgoing rate no layer has consumes FIFO', () => {
    for (const rate of [1, 2, 3, 4]) q.add(1, rate);
    expect(queueValue(q.queue).toNumber()).toBe(10);
    q.remove(3, 1);
    expect(plain(q.queue)).toEqual([[1, 4]]);
  });

  it('follows TestFIFOValuation.test_rounding_off and test_rounding_off_near_zero', () => {
    q.add('1', '1');
    q.remove('0.999999999');
    expect(q.qty).toBe(0);
    expect(roundOffIfNearZero(m('1e-8')).toNumber()).toBe(0);
    expect(roundOffIfNearZero(m('-1e-8')).toNumber()).toBe(0);
    expect(roundOffIfNearZero(m(-1)).toNumber()).toBe(-1);
  });

  it('follows TestFIFOValuation.test_totals', () => {
    q.add(1, 10);
    q.add(2, 13);
    q.add(1, 17);
    q.remove(1);
    q.remove(1);
    q.remove(1);
    q.add(5, 17);
    q.add(8, 11);
    expect(plain(q.queue)).toEqual([[6, 17], [8, 11]]);
    expect(queueValue(q.queue).toNumber()).toBe(6 * 17 + 8 * 11);
  });
});

describe('FIFO SLEs (follows erpnext/stock/doctype/stock_entry/test_stock_entry.py TestStockEntry.test_fifo)', () => {
  it('reconciles to 0 @ 100, then receives, goes negative and back as the test expects', () => {
    const sles = post('FIFO', [reconcile(0, 100), receipt(1, 10), issue(2), issue(1), receipt(3, 20), receipt(1, 30)]);
    expect(sles.map((s) => plain(s.state.queue))).toEqual([[[0, 100]], [[1, 10]], [[-1, 10]], [[-2, 10]], [[1, 20]], [[1, 20], [1, 30]]]);
    expect(sles.map((s) => s.state.qty.toNumber())).toEqual([0, 1, -1, -2, 1, 2]);
    // stock_value follows the queue's change in value; 0 when no quantity is left
    expect(sles.map((s) => s.state.value.toNumber())).toEqual([0, 10, -10, -20, 20, 50]);
    expect(sles.map((s) => s.state.rate.toNumber())).toEqual([100, 10, 10, 10, 20, 25]);
    expect(sles.map((s) => s.stockValueDifference.toNumber())).toEqual([0, 10, -20, -10, 40, 30]);
  });

  it('values an issue across layers and keeps the rate as stock_value / qty', () => {
    const [, , out] = post('FIFO', [receipt(10, 10), receipt(10, 20), issue(15)]);
    expect(summary(out.state)).toEqual({ qty: '5', rate: '20', value: '100', queue: [[5, 20]] });
    expect(out.actualQty.toNumber()).toBe(-15);
    expect(out.stockValueDifference.toNumber()).toBe(-200);
    expect(out.rowRate.toFixed()).toBe('13.333333333');
    expect(out.outgoingRate.toNumber()).toBe(0);
  });

  it('issuing everything leaves qty 0, stock_value 0 and the last rate (update_queue_values)', () => {
    const out = last('FIFO', [receipt(2, '10.5'), issue(2)]);
    expect(summary(out)).toEqual({ qty: '0', rate: '10.5', value: '0', queue: [[0, 10.5]] });
  });

  it('an issue from an empty queue takes the fallback rate and leaves a negative layer', () => {
    const out = valueMove('FIFO', EMPTY_STATE, { kind: 'issue', qty: m(3), fallbackRate: m(7) }, OPTS);
    expect(summary(out.state)).toEqual({ qty: '-3', rate: '7', value: '-21', queue: [[-3, 7]] });
  });

  it('rounds stock_value to the currency precision, rates to 9 places', () => {
    const out = last('FIFO', [receipt(3, '0.333333333'), receipt(1, '0.123456789')]);
    expect(out.value.toFixed()).toBe('1.12');
    expect(out.rate.toFixed()).toBe('0.280864197');
    expect(queueValue(out.queue).toFixed()).toBe('1.123456788');
  });
});

describe('Moving Average (follows erpnext/stock/stock_ledger.py get_moving_average_values)', () => {
  it('a receipt averages in its rate, an issue leaves at the current rate', () => {
    const sles = post('Moving Average', [receipt(10, 100), receipt(5, 130), issue(6), receipt(9, 90)]);
    expect(sles.map((s) => s.state.rate.toFixed())).toEqual(['100', '110', '110', '100']);
    expect(sles.map((s) => s.state.qty.toNumber())).toEqual([10, 15, 9, 18]);
    expect(sles.map((s) => s.state.value.toNumber())).toEqual([1000, 1650, 990, 1800]);
    expect(sles[2].stockValueDifference.toNumber()).toBe(-660);
    expect(sles[2].rowRate.toNumber()).toBe(110);
    // the stock_queue of Moving Average is carried over untouched (empty from the start)
    expect(sles.every((s) => s.state.queue.length === 0)).toBe(true);
  });

  it('an average that does not divide evenly keeps 9 places; stock_value is qty * rate at currency precision', () => {
    const out = last('Moving Average', [receipt(3, 10), receipt(4, 11)]);
    expect(out.rate.toFixed()).toBe('10.571428571');
    expect(out.value.toFixed()).toBe('74');
  });

  it('a receipt onto zero or negative stock takes the incoming rate', () => {
    const sles = post('Moving Average', [receipt(5, 10), issue(8), receipt(2, 40), receipt(4, 25)]);
    expect(sles.map((s) => s.state.qty.toNumber())).toEqual([5, -3, -1, 3]);
    // still negative after a receipt: the rate stays; back to >= 0 from a negative balance: the incoming rate
    expect(sles.map((s) => s.state.rate.toNumber())).toEqual([10, 10, 10, 25]);
    expect(sles.map((s) => s.state.value.toNumber())).toEqual([50, -30, -10, 75]);
  });

  it('an issue with an outgoing rate (a return) averages it out', () => {
    const out = valueMove('Moving Average', last('Moving Average', [receipt(10, 100)]), issue(4, 130), OPTS);
    expect(out.state.rate.toNumber()).toBe(80);
    expect(out.state.value.toNumber()).toBe(480);
    expect(out.outgoingRate.toNumber()).toBe(130);
  });

  it('an issue into negative stock from nothing takes the fallback rate', () => {
    const out = valueMove('Moving Average', EMPTY_STATE, { kind: 'issue', qty: m(2), fallbackRate: m(15) }, OPTS);
    expect(summary(out.state)).toEqual({ qty: '-2', rate: '15', value: '-30', queue: [] });
  });
});

describe('Stock Reconciliation rows (follows erpnext/stock/stock_ledger.py process_sle, Stock Reconciliation)', () => {
  it('FIFO: the queue becomes [[qty, rate]] and stock_value qty * rate', () => {
    const prev = last('FIFO', [receipt(10, 10), receipt(10, 20)]);
    const out = valueMove('FIFO', prev, reconcile(12, '15.5'), OPTS);
    expect(summary(out.state)).toEqual({ qty: '12', rate: '15.5', value: '186', queue: [[12, 15.5]] });
    expect(out.actualQty.toNumber()).toBe(0);
    expect(out.qtyChange.toNumber()).toBe(-8);
    expect(out.stockValueDifference.toNumber()).toBe(186 - 300);
    expect(out.incomingRate.toNumber()).toBe(0);
  });

  it('Moving Average: the rate and qty are set, the stock_queue is left as it was', () => {
    const prev = last('Moving Average', [receipt(10, 10)]);
    const out = valueMove('Moving Average', prev, reconcile(4, 12), OPTS);
    expect(summary(out.state)).toEqual({ qty: '4', rate: '12', value: '48', queue: [] });
  });

  it('a reconciliation to 0 keeps the rate and zeroes the value', () => {
    const out = valueMove('FIFO', last('FIFO', [receipt(3, 9)]), reconcile(0, 9), OPTS);
    expect(summary(out.state)).toEqual({ qty: '0', rate: '9', value: '0', queue: [[0, 9]] });
  });
});

describe('outgoingRateOf (follows erpnext/stock/utils.py get_incoming_rate / get_fifo_rate)', () => {
  it('FIFO: the average rate of the layers the issue would take', () => {
    const prev = last('FIFO', [receipt(10, 10), receipt(10, 20)]);
    expect(outgoingRateOf('FIFO', prev, m(15), OPTS).toFixed()).toBe('13.333333333');
    expect(outgoingRateOf('FIFO', prev, m(25), OPTS).toNumber()).toBe(16);
    expect(outgoingRateOf('FIFO', EMPTY_STATE, m(1), OPTS).toNumber()).toBe(0);
  });

  it('Moving Average: the current valuation rate', () => {
    const prev = last('Moving Average', [receipt(10, 100), receipt(5, 130)]);
    expect(outgoingRateOf('Moving Average', prev, m(3), OPTS).toNumber()).toBe(110);
  });
});

describe('stock_queue JSON', () => {
  it('round-trips every digit, numbers not strings', () => {
    const queue = layers([[1, 10], ['0.5', '19.99'], ['123456789012.123456789', '0.000000001']]);
    const text = queueToJson(queue);
    expect(text).toBe('[[1,10],[0.5,19.99],[123456789012.123456789,1e-9]]');
    expect(queueFromJson(text).map(([q, r]) => [q.toFixed(), r.toFixed()])).toEqual([
      ['1', '10'],
      ['0.5', '19.99'],
      ['123456789012.123456789', '0.000000001'],
    ]);
  });

  it('reads null, empty and [] as the empty queue and refuses what is not a queue', () => {
    expect(queueFromJson(null)).toEqual([]);
    expect(queueFromJson('')).toEqual([]);
    expect(queueFromJson('[]')).toEqual([]);
    expect(() => queueFromJson('{"a":1}')).toThrow(/not a list/);
    expect(() => queueFromJson('[[1]]')).toThrow(/\[qty, rate\]/);
  });
});

describe('refused moves', () => {
  it('refuses a non-positive receipt or issue and a negative reconciliation', () => {
    expect(() => valueMove('FIFO', EMPTY_STATE, receipt(0, 1), OPTS)).toThrow(/must be positive/);
    expect(() => valueMove('Moving Average', EMPTY_STATE, issue(-1), OPTS)).toThrow(/must be positive/);
    expect(() => valueMove('FIFO', EMPTY_STATE, reconcile(-1, 1), OPTS)).toThrow(/Negative quantity/);
    expect(() => valueMove('LIFO' as ValuationMethod, EMPTY_STATE, receipt(1, 1), OPTS)).toThrow(/Unknown Valuation Method/);
  });

  it('never changes the state it is given', () => {
    const prev = last('FIFO', [receipt(10, 10), receipt(10, 20)]);
    const before = summary(prev);
    valueMove('FIFO', prev, issue(15), OPTS);
    valueMove('FIFO', prev, receipt(1, 20), OPTS);
    expect(summary(prev)).toEqual(before);
  });
});
