import { ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';
import { ShippingRuleConditionShape, shippingTaxRow, ShippingRuleShape, validateShippingConditions } from '../../src/domain/tax/shipping-rule';

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

/** ERPNext's test_shipping_rule.py on its test record "_Test Shipping Rule" (bands 0–100: 50, 101–200: 100, 201–: 0). */
describe("ERPNext's TestShippingRule", () => {
  const record = (): ShippingRuleConditionShape[] => [
    { from_value: m(0), to_value: m(100), shipping_amount: m(50) },
    { from_value: m(101), to_value: m(200), shipping_amount: m(100) },
    { from_value: m(201), to_value: null, shipping_amount: m(0) },
  ];
  const testRule: ShippingRuleShape = { label: '_Test Shipping Rule', account: 'Shipping Charges', calculate_based_on: 'Net Total', conditions: record() };

  it("the record's bands: 50 up to 100, 100 up to 200, nothing above", () => {
    expect(() => validateShippingConditions(record())).not.toThrow();
    const amount = (net: number) => shippingTaxRow(testRule, { net_total: m(net), shipping_country: null }).tax_amount.toFixed();
    expect([amount(50), amount(100), amount(150), amount(200), amount(250)]).toEqual(['50', '50', '100', '100', '0']);
  });

  it('test_from_greater_than_to: from 101 in the first row (to 100) is refused', () => {
    const c = record();
    c[0] = { ...c[0], from_value: m(101) };
    expect(() => validateShippingConditions(c)).toThrow(new ValidationError('From value must be less than to value in row 1'));
  });

  it('test_many_zero_to_values: a second open-ended row (to 0) is refused', () => {
    const c = record();
    c[0] = { ...c[0], to_value: m(0) };
    expect(() => validateShippingConditions(c)).toThrow(new ValidationError('There can only be one Shipping Rule Condition with 0 or blank value for "To Value"'));
  });

  it.each([
    [[50, 150], [0, 100]],
    [[50, 150], [100, 200]],
    [[50, 150], [75, 125]],
    [[50, 150], [25, 175]],
    [[50, 150], [50, 150]],
  ])('test_overlapping_conditions: %j and %j overlap', (a, b) => {
    const c = record();
    c[0] = { ...c[0], from_value: m(a[0]), to_value: m(a[1]) };
    c[1] = { ...c[1], from_value: m(b[0]), to_value: m(b[1]) };
    expect(() => validateShippingConditions(c)).toThrow(/Overlapping conditions found between: row 1 and row 2/);
  });
});
