import fc from 'fast-check';
import { Money } from '../../src/kernel/money/decimal';
import { flt } from '../../src/kernel/money/rounding';
import { EMPTY_STATE, queueFromJson, queueToJson, queueValue, StockMove, StockState, ValuationMethod, valueMove } from '../../src/domain/stock/valuation';

/**
 * Properties of the valuation core over random receipts and issues that never take the stock
 * negative (the invariants the stock ledger's integrity check relies on, and what
 * erpnext/stock/tests/test_valuation.py test_fifo_qty_value_nonneg_hypothesis checks of FIFOValuation).
 */
const OPTS = { currencyPrecision: 2 };

/** A step: a receipt (qty, rate) or an issue of a share (per mille) of what is in stock. */
type Step = { kind: 'receipt'; qty: number; rate: number } | { kind: 'issue'; share: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('receipt' as const), qty: fc.integer({ min: 1, max: 10_000_000 }), rate: fc.integer({ min: 0, max: 100_000_000 }) }),
  fc.record({ kind: fc.constant('issue' as const), share: fc.integer({ min: 1, max: 1000 }) }),
);
const steps = fc.array(step, { minLength: 1, maxLength: 40 });

/** Quantities with 3 places and rates with 4, as a shop's documents carry them. */
function toMove(s: Step, state: StockState): StockMove | null {
  if (s.kind === 'receipt') return { kind: 'receipt', qty: new Money(s.qty).div(1000), incomingRate: new Money(s.rate).div(10_000) };
  const qty = state.qty.mul(s.share).div(1000).toDecimalPlaces(3, Money.ROUND_DOWN);
  return qty.gt(0) ? { kind: 'issue', qty } : null;
}

function plainQueue(queue: StockState['queue']): string[][] {
  return queue.map(([q, r]) => [q.toFixed(), r.toFixed()]);
}

function run(method: ValuationMethod, plan: Step[], check: (state: StockState, prev: StockState) => void): void {
  let state = EMPTY_STATE;
  for (const s of plan) {
    const move = toMove(s, state);
    if (!move) continue;
    const valued = valueMove(method, state, move, OPTS);
    expect(valued.stockValueDifference.eq(valued.state.value.sub(state.value))).toBe(true);
    check(valued.state, state);
    state = valued.state;
  }
}

describe('stock valuation properties', () => {
  it('FIFO: qty == sum of layer qty, layers never negative, stock_value moves by the queue change rounded', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        let sinceZero = 0;
        run('FIFO', plan, (state, prev) => {
          expect(state.qty.gte(0)).toBe(true);
          const layerQty = state.queue.reduce((sum, [q]) => sum.add(q), new Money(0));
          expect(layerQty.eq(state.qty)).toBe(true);
          expect(state.queue.every(([q]) => q.gte(0))).toBe(true);
          if (state.qty.isZero()) {
            expect(state.value.isZero()).toBe(true);
            sinceZero = 0;
            return;
          }
          // ERPNext: stock_value = flt(prev stock_value + change in the queue's value, currency precision)
          const change = queueValue(state.queue).sub(queueValue(prev.queue));
          expect(state.value.toFixed()).toBe(flt(prev.value.add(change), 2).toFixed());
          // so it equals queueValue at currency precision up to half a cent per SLE since stock was last 0
          sinceZero += 1;
          expect(state.value.sub(queueValue(state.queue)).abs().lte(new Money('0.005').mul(sinceZero))).toBe(true);
          expect(plainQueue(queueFromJson(queueToJson(state.queue)))).toEqual(plainQueue(state.queue));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('FIFO: whole units at whole-cent rates: stock_value == queueValue(queue) exactly', () => {
    const wholeUnits = fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 10_000_000 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(wholeUnits, (plan) => {
        let state = EMPTY_STATE;
        for (const [isReceipt, qty, cents] of plan) {
          const units = new Money(isReceipt ? qty : Math.min(qty, state.qty.toNumber()));
          if (units.isZero()) continue;
          const move: StockMove = isReceipt ? { kind: 'receipt', qty: units, incomingRate: new Money(cents).div(100) } : { kind: 'issue', qty: units };
          state = valueMove('FIFO', state, move, OPTS).state;
          expect(state.value.toFixed()).toBe(queueValue(state.queue).toFixed());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('Moving Average: value == qty * rate at currency precision, and an issue never changes the rate', () => {
    fc.assert(
      fc.property(steps, (plan) =>
        run('Moving Average', plan, (state, prev) => {
          expect(state.qty.gte(0)).toBe(true);
          expect(state.value.toFixed()).toBe(flt(state.qty.mul(state.rate), 2).toFixed());
          if (state.qty.lt(prev.qty)) expect(state.rate.eq(prev.rate)).toBe(true);
        }),
      ),
      { numRuns: 300 },
    );
  });
});
