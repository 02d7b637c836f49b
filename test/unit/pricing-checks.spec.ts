import { Doc } from '../../src/kernel/document/types';
import { Money } from '../../src/kernel/money/decimal';
import { checkWindow, windowsOverlap } from '../../src/doctypes/pricing/pricing-checks';
import { checkPricingRule } from '../../src/doctypes/pricing/pricing-rule/pricing-rule-checks';

describe('price validity windows', () => {
  it.each([
    [{ valid_from: '2026-01-01', valid_upto: '2026-01-31' }, { valid_from: '2026-01-31', valid_upto: '2026-02-28' }, true],
    [{ valid_from: '2026-01-01', valid_upto: '2026-01-31' }, { valid_from: '2026-02-01', valid_upto: '2026-02-28' }, false],
    [{ valid_from: '2026-01-01', valid_upto: null }, { valid_from: '2027-06-01', valid_upto: null }, true],
    [{ valid_from: '2026-03-01', valid_upto: null }, { valid_from: '2026-01-01', valid_upto: '2026-02-28' }, false],
    [{ valid_from: null, valid_upto: '2026-01-01' }, { valid_from: '2026-01-01', valid_upto: null }, true],
    [{ valid_from: null, valid_upto: null }, { valid_from: '1990-01-01', valid_upto: '1990-01-01' }, true],
  ])('%j and %j overlap: %s', (a, b, expected) => {
    expect(windowsOverlap(a, b)).toBe(expected);
    expect(windowsOverlap(b, a)).toBe(expected);
  });

  it('a window may start and end on the same day, not end before it starts', () => {
    expect(() => checkWindow({ valid_from: '2026-01-01', valid_upto: '2026-01-01' }, 'bad')).not.toThrow();
    expect(() => checkWindow({ valid_from: '2026-01-02', valid_upto: '2026-01-01' }, 'bad')).toThrow('bad');
    expect(() => checkWindow({ valid_from: null, valid_upto: '2026-01-01' }, 'bad')).not.toThrow();
  });
});

describe('checkPricingRule', () => {
  const rule = (extra: Record<string, unknown> = {}) => ({
    apply_on: 'Item Group',
    price_or_product_discount: 'Price',
    items: [{ item_code: 'A' }],
    item_groups: [{ item_group: 'G' }],
    brands: [{ brand: 'B' }],
    selling: 1,
    buying: 0,
    applicable_for: 'Territory',
    customer: 'C',
    customer_group: 'CG',
    territory: 'T',
    rate_or_discount: 'Discount Amount',
    rate: new Money('4'),
    discount_percentage: new Money('10'),
    discount_amount: new Money('2.5'),
    min_qty: new Money(0),
    max_qty: new Money(0),
    min_amt: new Money(0),
    max_amt: new Money(0),
    ...extra,
  });

  it('clears the rows, party fields and values the choices do not use', () => {
    const doc: Doc = rule();
    checkPricingRule(doc);
    expect([doc.items, doc.item_groups, doc.brands]).toEqual([[], [{ item_group: 'G' }], []]);
    expect([doc.customer, doc.customer_group, doc.territory]).toEqual([null, null, 'T']);
    expect([doc.rate.toString(), doc.discount_percentage.toString(), doc.discount_amount.toString()]).toEqual(['0', '0', '2.5']);
  });

  it('compares min and max exactly, and only when both are set', () => {
    expect(() => checkPricingRule(rule({ min_qty: new Money('0.3'), max_qty: new Money('0.1').plus('0.2') }))).not.toThrow();
    expect(() => checkPricingRule(rule({ min_qty: new Money('0.300000001'), max_qty: new Money('0.3') }))).toThrow('Min Qty can not be greater than Max Qty');
    expect(() => checkPricingRule(rule({ min_amt: new Money('500'), max_amt: new Money(0) }))).not.toThrow();
  });

  it('takes 100% as the largest discount percentage', () => {
    expect(() => checkPricingRule(rule({ rate_or_discount: 'Discount Percentage', discount_percentage: new Money('100') }))).not.toThrow();
    expect(() => checkPricingRule(rule({ rate_or_discount: 'Discount Percentage', discount_percentage: new Money('100.000000001') }))).toThrow(
      'Discount Percentage can not be greater than 100',
    );
  });

  it('sets Has Priority when a priority is given', () => {
    const doc: Doc = rule({ priority: '4', has_priority: 0 });
    checkPricingRule(doc);
    expect(doc.has_priority).toBe(1);
  });
});
