import { ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';
import { chooseItemTaxRow } from '../../src/domain/tax/item-tax';
import { matchTaxRule, TaxParty, TaxRuleShape, validateNoConflict, validateTaxRuleDates } from '../../src/domain/tax/tax-rule';

const party: TaxParty = {
  company: 'Docket Demo',
  customer: 'Alice',
  customer_group_lineage: ['Retail', 'Individual', 'All Customer Groups'],
  billing_country: 'France',
  shipping_country: 'France',
  tax_category: null,
  posting_date: '2026-06-15',
};

const rule = (name: string, extra: Partial<TaxRuleShape>): TaxRuleShape => ({
  name, tax_type: 'Sales', sales_tax_template: `T-${name}`, priority: 1, company: 'Docket Demo', ...extra,
});

describe('matchTaxRule', () => {
  it('returns null when nothing matches, and ignores rules with a differing set field', () => {
    expect(matchTaxRule([rule('a', { customer: 'Bob' })], party)).toBeNull();
    expect(matchTaxRule([rule('a', { billing_country: 'Spain' }), rule('b', {})], party)?.name).toBe('b');
  });

  it('a rule requiring a tax category does not match a party without one', () => {
    expect(matchTaxRule([rule('a', { tax_category: 'EU' })], party)).toBeNull();
    expect(matchTaxRule([rule('a', { tax_category: 'EU' })], { ...party, tax_category: 'EU' })?.name).toBe('a');
  });

  it('matches a rule on an ancestor customer group', () => {
    expect(matchTaxRule([rule('a', { customer_group: 'Individual' })], party)?.name).toBe('a');
    expect(matchTaxRule([rule('a', { customer_group: 'Commercial' })], party)).toBeNull();
  });

  it('honours from/to dates', () => {
    const rules = [rule('old', { to_date: '2026-01-31' }), rule('future', { from_date: '2026-07-01' })];
    expect(matchTaxRule(rules, party)).toBeNull();
    expect(matchTaxRule(rules, { ...party, posting_date: '2026-01-10' })?.name).toBe('old');
    expect(matchTaxRule(rules, { ...party, posting_date: '2026-07-01' })?.name).toBe('future');
  });

  it('prefers more matched fields, then higher priority, then the first by name', () => {
    expect(matchTaxRule([rule('a', { priority: 5 }), rule('b', { priority: 1, customer: 'Alice' })], party)?.name).toBe('b');
    expect(matchTaxRule([rule('a', { priority: 1 }), rule('b', { priority: 2 })], party)?.name).toBe('b');
    expect(matchTaxRule([rule('b', {}), rule('a', {})], party)?.name).toBe('a');
  });

  it('filters on use_for_shopping_cart when the caller asks', () => {
    const rules = [rule('cart', { use_for_shopping_cart: 1 }), rule('desk', { use_for_shopping_cart: 0, customer: 'Alice' })];
    expect(matchTaxRule(rules, { ...party, use_for_shopping_cart: 1 })?.name).toBe('cart');
    expect(matchTaxRule(rules, party)?.name).toBe('desk');
  });
});

describe('Tax Rule validation', () => {
  it('refuses from_date after to_date', () => {
    expect(() => validateTaxRuleDates(rule('a', { from_date: '2026-02-01', to_date: '2026-01-01' }))).toThrow(ValidationError);
    expect(() => validateTaxRuleDates(rule('a', { from_date: '2026-01-01', to_date: '2026-01-01' }))).not.toThrow();
  });
  it('refuses a rule with the same conditions and priority overlapping in dates', () => {
    const existing = rule('ACC-TAX-RULE-2026-00001', { from_date: '2026-01-01', to_date: '2026-06-30' });
    expect(() => validateNoConflict(rule('new', { from_date: '2026-06-01' }), [existing])).toThrow(
      new ValidationError('Tax Rule Conflicts with ACC-TAX-RULE-2026-00001'),
    );
    expect(() => validateNoConflict(rule('new', { from_date: '2026-07-01' }), [existing])).not.toThrow();
    expect(() => validateNoConflict(rule('new', { priority: 2 }), [existing])).not.toThrow();
    expect(() => validateNoConflict(rule('new', { customer: 'Alice' }), [existing])).not.toThrow();
  });
});

describe('chooseItemTaxRow', () => {
  const rows = [
    { item_tax_template: 'old', valid_from: '2025-01-01' },
    { item_tax_template: 'new', valid_from: '2026-01-01' },
    { item_tax_template: 'eu', tax_category: 'EU' },
    { item_tax_template: 'cheap', valid_from: '2026-03-01', maximum_net_rate: 10 },
  ];
  it('takes the latest valid row of the category within the net-rate band', () => {
    expect(chooseItemTaxRow(rows, { posting_date: '2025-06-01' })).toBe('old');
    expect(chooseItemTaxRow(rows, { posting_date: '2026-06-01', net_rate: new Money(50) })).toBe('new');
    expect(chooseItemTaxRow(rows, { posting_date: '2026-06-01', net_rate: new Money(5) })).toBe('cheap');
    expect(chooseItemTaxRow(rows, { posting_date: '2026-06-01', tax_category: 'EU' })).toBe('eu');
    expect(chooseItemTaxRow(rows, { posting_date: '2020-01-01' })).toBeNull();
  });
});
