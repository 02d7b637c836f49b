import fc from 'fast-check';
import { Money } from '../../src/kernel/money/decimal';
import { ROUNDING_METHODS } from '../../src/kernel/money/rounding';
import { ApplyDiscountOn, calculateTaxesAndTotals, TaxDocumentInput, TaxesAndTotalsInput, TaxItemInput, TaxRowInput } from '../../src/domain/tax';

/**
 * Properties of the calculation over random documents with exclusive charges: the totals add up
 * exactly at the currency's precision, whatever the rows, rates, discount and rounding method.
 */
const ACCOUNTS = ['VAT', 'Excise', 'Cess', 'Freight'];

const item: fc.Arbitrary<TaxItemInput> = fc
  .record({
    qty: fc.integer({ min: 1, max: 100_000 }),
    rate: fc.integer({ min: 1, max: 10_000_000 }),
    discount: fc.integer({ min: 0, max: 99 }),
    fromPriceList: fc.boolean(),
    template: fc.option(fc.record({ account: fc.constantFrom(...ACCOUNTS), rate: fc.integer({ min: 0, max: 3000 }) }), { nil: undefined }),
  })
  .map(({ qty, rate, discount, fromPriceList, template }) => ({
    item_code: `ITEM-${rate % 7}`,
    qty: new Money(qty).div(1000),
    price_list_rate: new Money(rate).div(100),
    rate: fromPriceList ? undefined : new Money(rate).div(100),
    discount_percentage: fromPriceList ? new Money(discount) : undefined,
    item_tax_rate: template ? { [template.account]: new Money(template.rate).div(100) } : undefined,
  }));

/** a row spec: the row it refers to is picked among the earlier ones */
const rowSpec = fc.record({
  kind: fc.constantFrom('On Net Total', 'Actual', 'On Previous Row Amount', 'On Previous Row Total', 'On Item Quantity'),
  account: fc.constantFrom(...ACCOUNTS),
  rate: fc.integer({ min: 0, max: 3000 }),
  amount: fc.integer({ min: 0, max: 1_000_000 }),
  ref: fc.nat(),
});

type RowSpec = typeof rowSpec extends fc.Arbitrary<infer T> ? T : never;

function toRows(specs: RowSpec[]): TaxRowInput[] {
  return specs.map((r, i) => {
    const previous = r.kind === 'On Previous Row Amount' || r.kind === 'On Previous Row Total';
    const kind: TaxRowInput['charge_type'] = previous && i === 0 ? 'On Net Total' : r.kind;
    return {
      charge_type: kind,
      account_head: r.account,
      rate: kind === 'Actual' ? undefined : new Money(r.rate).div(100),
      tax_amount: kind === 'Actual' ? new Money(r.amount).div(100) : undefined,
      row_id: previous && i > 0 ? (r.ref % i) + 1 : undefined,
    };
  });
}

const discount = fc.option(
  fc.record({
    on: fc.constantFrom<ApplyDiscountOn>('Net Total', 'Grand Total'),
    percent: fc.boolean(),
    value: fc.integer({ min: 1, max: 5000 }),
  }),
  { nil: undefined },
);

const documents = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 6 }),
  rows: fc.array(rowSpec, { maxLength: 6 }),
  discount,
  precision: fc.constantFrom(0, 2, 3),
  method: fc.constantFrom(...ROUNDING_METHODS),
  fraction: fc.constantFrom(undefined, '0.05', '0.01', '1'),
  conversion: fc.constantFrom('1', '50', '0.0123', '83.456789'),
});

type Plan = typeof documents extends fc.Arbitrary<infer T> ? T : never;

function inputOf(plan: Plan, withDiscount = true): TaxesAndTotalsInput {
  const doc: TaxDocumentInput = {
    currency: 'XXX',
    company_currency: 'CCC',
    conversion_rate: new Money(plan.conversion),
    precision: plan.precision,
    rounding_method: plan.method,
    smallest_currency_fraction_value: plan.fraction === undefined ? undefined : new Money(plan.fraction),
  };
  const d = withDiscount ? plan.discount : undefined;
  if (d) {
    doc.apply_discount_on = d.on;
    if (d.percent) doc.additional_discount_percentage = new Money(d.value).div(100);
    else doc.discount_amount = new Money(d.value).div(10);
  }
  return { doc, items: plan.items, taxes: toRows(plan.rows) };
}

/** The discount's amount: given, or its percentage of the undiscounted net or grand total (which includes fixed charges). */
function discountAmount(plan: Plan): Money {
  const d = plan.discount!;
  if (!d.percent) return new Money(d.value).div(10);
  const plain = calculateTaxesAndTotals(inputOf(plan, false)).doc;
  const base = d.on === 'Net Total' ? plain.net_total : plain.grand_total;
  return base.mul(new Money(d.value).div(100)).div(100);
}

/** What a discount comes off: the net total, or the grand total less fixed charges (Actual, On Item Quantity and rows charged on them). */
function discountBase(plan: Plan): Money {
  const plain = calculateTaxesAndTotals(inputOf(plan, false));
  if (plan.discount?.on === 'Net Total') return plain.doc.net_total;
  const rows = toRows(plan.rows);
  const fixed = new Map<number, Money>();
  plain.taxes.forEach((t, i) => {
    const refersTo = rows[i].row_id;
    if (t.charge_type === 'Actual' || t.charge_type === 'On Item Quantity') fixed.set(t.idx, t.tax_amount);
    else if (refersTo !== undefined && fixed.has(Number(refersTo))) fixed.set(t.idx, fixed.get(Number(refersTo))!.mul(t.rate).div(100));
  });
  return [...fixed.values()].reduce((sum, v) => sum.sub(v), plain.doc.grand_total);
}

describe('taxes and totals: properties', () => {
  it('grand total = net total + taxes (+ the adjustment a grand-total discount makes); rounded total = grand total + its rounding', () => {
    fc.assert(
      fc.property(documents, (plan) => {
        let r: ReturnType<typeof calculateTaxesAndTotals>;
        try {
          r = calculateTaxesAndTotals(inputOf(plan));
        } catch (e) {
          // refused only when the discount exceeds what it comes off
          expect(String(e)).toMatch(/Discount Amount .* cannot be greater than the/);
          // (a percentage's amount is rounded by the plan's method: within one unit of what is computed here)
          const unit = new Money(10).pow(-plan.precision);
          expect(plan.discount && discountAmount(plan).plus(plan.discount.percent ? unit : 0).gt(discountBase(plan))).toBe(true);
          return;
        }
        // ERPNext spreads a discount over the items' net amounts: one above the net total (e.g. a
        // grand-total discount on a document that is mostly Actual charges) has nowhere to go
        if (plan.discount) fc.pre(r.doc.discount_amount.lte(calculateTaxesAndTotals(inputOf(plan, false)).doc.net_total));
        const d = r.doc;
        const p = plan.precision;
        const atPrecision = (x: Money) => x.eq(x.toDecimalPlaces(p));
        for (const x of [d.net_total, d.total_taxes_and_charges, d.grand_total, d.rounding_adjustment, d.rounded_total]) expect(atPrecision(x)).toBe(true);

        // what rounding to the rounded total added to the adjustment
        const rounding = d.rounded_total.sub(d.grand_total);
        // what was there before it: nonzero only for a discount on the grand total
        const before = d.rounding_adjustment.sub(rounding);
        expect(d.rounded_total.eq(d.grand_total.add(d.rounding_adjustment).sub(before))).toBe(true);
        expect(d.grand_total.eq(d.net_total.add(d.total_taxes_and_charges).add(before))).toBe(true);

        const grandTotalDiscount = plan.discount?.on === 'Grand Total' && !d.discount_amount.isZero();
        if (!grandTotalDiscount) {
          expect(before.isZero()).toBe(true);
          expect(d.grand_total.eq(d.net_total.add(d.total_taxes_and_charges))).toBe(true);
          expect(d.rounded_total.eq(d.grand_total.add(d.rounding_adjustment))).toBe(true);
        } else {
          // the discount comes off the undiscounted grand total exactly
          const undiscounted = calculateTaxesAndTotals(inputOf(plan, false)).doc.grand_total;
          expect(d.grand_total.eq(undiscounted.sub(d.discount_amount))).toBe(true);
        }

        // the taxes' total is the rows' amounts after discount, the last row's running total the grand total
        const rows = r.taxes.reduce((s, t) => s.add(t.tax_amount_after_discount_amount), new Money(0));
        expect(rows.eq(d.total_taxes_and_charges)).toBe(true);
        if (r.taxes.length) expect(r.taxes[r.taxes.length - 1].total.add(before).eq(d.grand_total)).toBe(true);
        // exclusive charges: the items' net amounts add up to the net total
        const net = r.items.reduce((s, i) => s.add(i.net_amount), new Money(0));
        expect(net.eq(d.net_total)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
