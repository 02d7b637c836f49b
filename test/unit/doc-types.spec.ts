import { DocOf } from '../../src/kernel/metadata/types';
import { Money } from '../../src/kernel/money/decimal';
import { TestOrder, TestOrderItem } from '../fixtures/test-order';

/**
 * Document types inferred from the definitions. `npm run typecheck` compiles this file: each
 * `@ts-expect-error` fails the typecheck if the line below it ever compiles.
 */
type Order = DocOf<typeof TestOrder, { items: typeof TestOrderItem }>;
type Row = DocOf<typeof TestOrderItem>;

function row(qty: string, rate: string): Row {
  return {
    name: 'r1', owner: 'Administrator', creation: '', modified: '', modified_by: 'Administrator', docstatus: 0, idx: 1,
    item_code: 'ITEM-1', qty: new Money(qty), rate: new Money(rate), amount: new Money(0),
  };
}

/** Never called: it only has to (not) compile. */
export function typeErrors(order: Order, r: Row): unknown[] {
  return [
    // @ts-expect-error Float and Currency fields are decimals: no float arithmetic on them
    r.qty * r.rate,
    // @ts-expect-error a Percent field is a decimal too
    order.discount_percentage + 1,
    // @ts-expect-error a Currency field takes a decimal, not a number
    ((r.amount = 59.97), r),
    // @ts-expect-error Select fields take their options only
    (order.status = 'Shipped'),
    // @ts-expect-error docstatus is 0, 1 or 2
    (order.docstatus = 3),
  ];
}

describe('DocOf', () => {
  it('types decimals as Money, so arithmetic is exact: 19.99 × 3 = 59.97', () => {
    const r = row('3', '19.99');
    r.amount = r.qty.mul(r.rate);
    expect(r.amount.toString()).toBe('59.97');
  });

  it('types child tables from the definitions given', () => {
    const order = { items: [row('0.1', '1'), row('0.2', '1')] } as Pick<Order, 'items'>;
    const qty = order.items.reduce((sum, i) => sum.plus(i.qty), new Money(0));
    expect(qty.toString()).toBe('0.3');
  });
});
