import { ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';
import { shippingTaxRow, ShippingRuleShape, validateShippingConditions } from '../../src/domain/tax/shipping-rule';

const m = (v: number | string) => new Money(v);

const rule: ShippingRuleShape = {
  label: 'Standard Shipping',
  account: 'Freight and Forwarding Charges - DD',
  cost_center: 'Main - DD',
  calculate_based_on: 'Net Total',
  conditions: [
    { from_value: m(0), to_value: m(100), shipping_amount: m('9.50') },
    { from_value: m('100.01'), to_value: m(500), shipping_amount: m(5) },
    { from_value: m('500.01'), to_value: null, shipping_amount: m(0) },
  ],
  countries: [{ country: 'France' }, { country: 'Germany' }],
};

describe('shippingTaxRow', () => {
  it('gives an Actual row with the band amount of the net total', () => {
    const row = shippingTaxRow(rule, { net_total: m(50), shipping_country: 'France' });
    expect(row).toMatchObject({ charge_type: 'Actual', account_head: rule.account, description: 'Standard Shipping', cost_center: 'Main - DD' });
    expect(row.tax_amount.toFixed()).toBe('9.5');
    expect(shippingTaxRow(rule, { net_total: m(100), shipping_country: 'France' }).tax_amount.toFixed()).toBe('9.5');
    expect(shippingTaxRow(rule, { net_total: m(300), shipping_country: 'Germany' }).tax_amount.toFixed()).toBe('5');
    expect(shippingTaxRow(rule, { net_total: m(10000), shipping_country: 'Germany' }).tax_amount.toFixed()).toBe('0');
  });

  it('gives 0 for a value outside every band', () => {
    expect(shippingTaxRow(rule, { net_total: m('100.005'), shipping_country: 'France' }).tax_amount.toFixed()).toBe('0');
  });

  it('refuses a country the rule does not list, and a missing country', () => {
    expect(() => shippingTaxRow(rule, { net_total: m(50), shipping_country: 'Spain' })).toThrow(
      new ValidationError('Shipping rule not applicable for country Spain in Shipping Address'),
    );
    expect(() => shippingTaxRow(rule, { net_total: m(50), shipping_country: null })).toThrow(ValidationError);
  });

  it('applies anywhere when no country is listed; Fixed and Net Weight', () => {
    const fixed: ShippingRuleShape = { ...rule, countries: [], calculate_based_on: 'Fixed', shipping_amount: m(7) };
    expect(shippingTaxRow(fixed, { net_total: m(1), shipping_country: 'Spain' }).tax_amount.toFixed()).toBe('7');
    const weight: ShippingRuleShape = { ...rule, countries: [], calculate_based_on: 'Net Weight' };
    expect(shippingTaxRow(weight, { net_total: m(1000), total_net_weight: m(200) }).tax_amount.toFixed()).toBe('5');
  });
});

describe('validateShippingConditions', () => {
  it('accepts disjoint bands', () => {
    expect(() => validateShippingConditions(rule.conditions ?? [])).not.toThrow();
  });
  it('refuses from >= to', () => {
    expect(() => validateShippingConditions([{ from_value: m(10), to_value: m(10), shipping_amount: m(1) }])).toThrow(
      new ValidationError('From value must be less than to value in row 1'),
    );
  });
  it('refuses overlapping bands, open-ended ones included', () => {
    expect(() =>
      validateShippingConditions([
        { from_value: m(0), to_value: m(100), shipping_amount: m(1) },
        { from_value: m(100), to_value: m(200), shipping_amount: m(1) },
      ]),
    ).toThrow(/Overlapping conditions found between/);
    expect(() =>
      validateShippingConditions([
        { from_value: m(50), to_value: null, shipping_amount: m(1) },
        { from_value: m(0), to_value: m(60), shipping_amount: m(1) },
      ]),
    ).toThrow(/Overlapping conditions found between: row 1 and row 2/);
  });
});
