import fc from 'fast-check';
import {
  applicablePricingRules,
  applyRule,
  checkCoupon,
  chooseRule,
  InvalidCouponCode,
  MultiplePricingRuleConflict,
  price,
  type CouponCodeRow,
  type ItemPriceRow,
  type PriceQuery,
  type PricingRuleRow,
} from '../../src/domain/pricing';
import { ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';

/**
 * The price function against ERPNext's own expectations (erpnext/accounts/doctype/pricing_rule/
 * test_pricing_rule.py, the selling tests; each `describe` is named after the ERPNext test) and
 * Docket's tables for quantity and amount breaks, groups, territories, coupons and ties.
 */

let seq = 0;
/** ERPNext's make_pricing_rule defaults: Item Code '_Test Item', selling, USD, _Test Company, Discount Percentage. */
function rule(over: Partial<PricingRuleRow> = {}): PricingRuleRow {
  seq += 1;
  return {
    name: over.title ?? `PRLE-${String(seq).padStart(4, '0')}`,
    title: over.title ?? `_Test Pricing Rule ${seq}`,
    disable: 0,
    apply_on: 'Item Code',
    items: over.apply_on && over.apply_on !== 'Item Code' ? [] : [{ item_code: '_Test Item', uom: null }],
    item_groups: [],
    brands: [],
    selling: 1,
    buying: 0,
    applicable_for: '',
    customer: null,
    customer_group: null,
    territory: null,
    min_qty: 0,
    max_qty: 0,
    min_amt: 0,
    max_amt: 0,
    valid_from: null,
    valid_upto: null,
    company: '_Test Company',
    currency: 'USD',
    for_price_list: null,
    priority: '',
    rate_or_discount: 'Discount Percentage',
    rate: 0,
    discount_percentage: 0,
    discount_amount: 0,
    coupon_code_based: 0,
    apply_multiple_pricing_rules: 0,
    ...over,
  };
}

const itemPrice = (item_code: string, rate: number | string, over: Partial<ItemPriceRow> = {}): ItemPriceRow => ({
  name: `IP-${item_code}-${over.uom ?? 'Nos'}`,
  item_code,
  price_list: '_Test Price List',
  uom: 'Nos',
  customer: null,
  price_list_rate: rate,
  currency: 'USD',
  valid_from: null,
  valid_upto: null,
  ...over,
});

/** ERPNext's test args: _Test Item for _Test Customer in _Test Company, on _Test Price List. */
const args = (over: Partial<PriceQuery> = {}): PriceQuery => ({
  item_code: '_Test Item',
  item_group_ancestors: ['_Test Item Group', 'All Item Groups'],
  brand: null,
  variant_of: null,
  customer: '_Test Customer',
  customer_group_ancestors: ['_Test Customer Group', 'All Customer Groups'],
  territory_ancestors: ['_Test Territory', 'All Territories'],
  company: '_Test Company',
  price_list: '_Test Price List',
  currency: 'USD',
  uom: 'Nos',
  stock_uom: 'Nos',
  conversion_factor: 1,
  qty: 1,
  transaction_date: '2026-12-03',
  coupon_code: null,
  ...over,
});

const PRICES = [itemPrice('_Test Item', 100), itemPrice('_Test Item 2', 100)];

/** price() as plain strings, for the assertions */
function priced(rules: PricingRuleRow[], q: Partial<PriceQuery> = {}, prices: ItemPriceRow[] = PRICES, coupons: CouponCodeRow[] = []) {
  const r = price(args(q), { prices, rules, coupons }, { today: '2026-12-03' });
  if (!r) return null;
  return {
    price_list_rate: r.price_list_rate.toFixed(),
    rate: r.rate.toFixed(),
    discount_percentage: r.discount_percentage.toFixed(),
    discount_amount: r.discount_amount.toFixed(),
    margin_type: r.margin_type,
    margin_rate_or_amount: r.margin_rate_or_amount.toFixed(),
    rate_with_margin: r.rate_with_margin.toFixed(),
    pricing_rules: r.pricing_rules,
  };
}

describe('test_pricing_rule_for_discount', () => {
  const base = rule({ title: '_Test Pricing Rule', discount_percentage: 10 });
  const forCustomer = rule({ title: '_Test Pricing Rule for Customer', priority: '1', applicable_for: 'Customer', customer: '_Test Customer', discount_percentage: 20 });
  const forGroup = rule({ title: '_Test Pricing Rule for Item Group', apply_on: 'Item Group', item_groups: [{ item_group: 'All Item Groups', uom: null }], discount_percentage: 15 });
  // ERPNext's step uses a Campaign, which Docket does not model; a Territory rule stands in for it
  const forTerritory = rule({ title: '_Test Pricing Rule for Territory', applicable_for: 'Territory', territory: '_Test Territory', discount_percentage: 5, priority: '8' });

  it('an item rule of 10 % gives 10', () => {
    expect(priced([base])?.discount_percentage).toBe('10');
  });

  it("the customer's rule with priority 1 gives 20", () => {
    expect(priced([base, forCustomer])?.discount_percentage).toBe('20');
  });

  it('for another customer the item rule (10) hides the item-group rule (15)', () => {
    expect(priced([base, forCustomer, forGroup], { customer: '_Test Customer 1' })?.discount_percentage).toBe('10');
  });

  it('a matching rule with priority 8 gives 5', () => {
    expect(priced([base, forCustomer, forGroup, forTerritory], { customer: '_Test Customer 1' })?.discount_percentage).toBe('5');
  });

  it('with its priority removed: MultiplePricingRuleConflict naming both item rules', () => {
    const noPriority = { ...forTerritory, priority: '' };
    const run = () => priced([base, forCustomer, forGroup, noPriority], { customer: '_Test Customer 1' });
    expect(run).toThrow(MultiplePricingRuleConflict);
    expect(run).toThrow(
      'Multiple Price Rules exists with same criteria, please resolve conflict by assigning priority. Price Rules: _Test Pricing Rule for Territory\n_Test Pricing Rule',
    );
  });

  it('_Test Item 2 gets the item-group rule: 15', () => {
    const noPriority = { ...forTerritory, priority: '' };
    expect(priced([base, forCustomer, forGroup, noPriority], { customer: '_Test Customer 1', item_code: '_Test Item 2' })?.discount_percentage).toBe('15');
  });
});

describe('test_pricing_rule_for_variants', () => {
  const variant = { item_code: 'Test Variant PRT', variant_of: '_Test Variant Item' };
  const template = rule({ title: '_Test Pricing Rule 1', items: [{ item_code: '_Test Variant Item' }], discount_percentage: '7.5' });
  const own = rule({ title: '_Test Pricing Rule 2', items: [{ item_code: 'Test Variant PRT' }], discount_percentage: '17.5', priority: '1' });
  const prices = [itemPrice('_Test Variant Item', 100)];

  it("a template's rule applies to its variant: 7.5", () => {
    expect(priced([template], variant, prices)?.discount_percentage).toBe('7.5');
  });

  it("the variant's own rule with priority takes over: 17.5", () => {
    expect(priced([template, own], variant, prices)?.discount_percentage).toBe('17.5');
  });
});

describe('test_pricing_rule_for_stock_qty', () => {
  const r = rule({ title: '_Test Pricing Rule', min_qty: 5, max_qty: 7, discount_percentage: '17.5' });
  const box = [itemPrice('_Test Item', 100, { uom: 'Box' })];

  it('1 Box of 5 is 5 in stock: the rule applies (discount_amount 17.5, rate 82.5)', () => {
    expect(priced([r], { uom: 'Box', conversion_factor: 5, qty: 1 }, box)).toMatchObject({ discount_amount: '17.5', rate: '82.5' });
  });

  it('2 Boxes are 10 in stock, above max_qty 7: no rule (discount 0, rate 100)', () => {
    expect(priced([r], { uom: 'Box', conversion_factor: 5, qty: 2 }, box)).toMatchObject({ discount_percentage: '0', rate: '100', pricing_rules: [] });
  });
});

describe('test_pricing_rule_with_margin_and_discount', () => {
  it('margin 10 % and discount 10 % on a price list rate of 1000: rate_with_margin 1100, discount 110, rate 990', () => {
    const r = rule({ margin_type: 'Percentage', margin_rate_or_amount: 10, discount_percentage: 10 });
    expect(priced([r], {}, [itemPrice('_Test Item', 1000)])).toMatchObject({
      price_list_rate: '1000',
      margin_type: 'Percentage',
      margin_rate_or_amount: '10',
      rate_with_margin: '1100',
      discount_percentage: '10',
      discount_amount: '110',
      rate: '990',
    });
  });
});

describe('test_pricing_rule_with_margin_and_discount_amount', () => {
  it('margin 10 % and a discount amount of 110 on 1000: rate_with_margin 1100, rate 990', () => {
    const r = rule({ margin_type: 'Percentage', margin_rate_or_amount: 10, rate_or_discount: 'Discount Amount', discount_amount: 110 });
    expect(priced([r], {}, [itemPrice('_Test Item', 1000)])).toMatchObject({ margin_rate_or_amount: '10', rate_with_margin: '1100', discount_amount: '110', rate: '990' });
  });
});

describe('test_item_price_with_pricing_rule', () => {
  it('a Rate rule of 0 keeps the Item Price (100) and its 2 % margin gives 102', () => {
    const r = rule({ rate_or_discount: 'Rate', rate: 0, margin_type: 'Percentage', margin_rate_or_amount: 2 });
    expect(priced([r])).toMatchObject({ price_list_rate: '100', margin_rate_or_amount: '2', rate_with_margin: '102', rate: '102', discount_amount: '0' });
  });
});

describe('margins (Docket)', () => {
  it('an Amount margin adds to the price list rate (ERPNext test_sales_order_with_margin: 200 + 20 = 220)', () => {
    const r = rule({ margin_type: 'Amount', margin_rate_or_amount: 20, discount_percentage: 0, rate_or_discount: 'Discount Percentage' });
    expect(priced([r], {}, [itemPrice('_Test Item', 200)])).toMatchObject({ margin_type: 'Amount', rate_with_margin: '220', rate: '220', discount_amount: '0' });
  });

  it('no margin: rate_with_margin 0 and margin_type null, as ERPNext leaves them', () => {
    expect(priced([rule({ discount_percentage: 10 })])).toMatchObject({ margin_type: null, margin_rate_or_amount: '0', rate_with_margin: '0', rate: '90' });
  });

  it('a margin type without an amount is no margin', () => {
    expect(priced([rule({ margin_type: 'Percentage', margin_rate_or_amount: 0, discount_percentage: 10 })])).toMatchObject({ margin_type: null, rate: '90' });
  });
});

describe('test_multiple_pricing_rules', () => {
  it('20 % (priority 1) and 10 % (priority 2), both applying with others: discount_amount 30', () => {
    const rules = [
      rule({ title: '_Test Pricing Rule 1', discount_percentage: 20, priority: '1', apply_multiple_pricing_rules: 1 }),
      rule({ title: '_Test Pricing Rule 2', discount_percentage: 10, priority: '2', apply_multiple_pricing_rules: 1 }),
    ];
    expect(priced(rules, { customer: '_Test Customer 1' })).toEqual({
      price_list_rate: '100',
      rate: '70',
      discount_percentage: '30',
      discount_amount: '30',
      margin_type: null,
      margin_rate_or_amount: '0',
      rate_with_margin: '0',
      pricing_rules: ['_Test Pricing Rule 2', '_Test Pricing Rule 1'],
    });
  });
});

describe('test_multiple_pricing_rules_with_apply_discount_on_discounted_rate', () => {
  it('20 % then 10 % on the discounted rate: discount_amount 28', () => {
    const rules = [
      rule({ title: '_Test Pricing Rule 1', discount_percentage: 20, priority: '2', apply_multiple_pricing_rules: 1, apply_discount_on_rate: 1 }),
      rule({ title: '_Test Pricing Rule 2', discount_percentage: 10, priority: '3', apply_multiple_pricing_rules: 1, apply_discount_on_rate: 1 }),
    ];
    expect(priced(rules, { customer: '_Test Customer 1' })).toMatchObject({ discount_amount: '28', rate: '72', discount_percentage: '28' });
  });
});

describe('test_multiple_pricing_rules_with_min_qty', () => {
  const rules = [
    rule({ title: '_Test Pricing Rule with Min Qty - 1', discount_percentage: 20, priority: '1', min_qty: 4, apply_multiple_pricing_rules: 1 }),
    rule({ title: '_Test Pricing Rule with Min Qty - 2', discount_percentage: 10, priority: '2', min_qty: 4, apply_multiple_pricing_rules: 1 }),
  ];
  it('qty 1: no discount', () => {
    expect(priced(rules, { customer: '_Test Customer 1', qty: 1 })?.discount_percentage).toBe('0');
  });
  it('qty 5: discount_amount 30', () => {
    expect(priced(rules, { customer: '_Test Customer 1', qty: 5 })?.discount_amount).toBe('30');
  });
});

describe('test_item_price_with_pricing_rule', () => {
  it('a Rate rule with rate 0 keeps the Item Price (100; the margin of 2 is not modelled)', () => {
    const r = rule({ title: '_Test Water Flask Rule', items: [{ item_code: 'Water Flask' }], currency: 'INR', rate_or_discount: 'Rate', rate: 0 });
    const prices = [itemPrice('Water Flask', 100, { currency: 'INR' })];
    expect(priced([r], { item_code: 'Water Flask', currency: 'INR' }, prices)).toMatchObject({ price_list_rate: '100', rate: '100' });
  });
});

describe('test_item_price_with_blank_uom_pricing_rule', () => {
  const r = rule({ title: '_Test Item Blank UOM Rule', items: [{ item_code: 'Item Blank UOM' }], currency: 'INR', rate_or_discount: 'Rate', rate: 101 });
  const prices = [itemPrice('Item Blank UOM', 100, { currency: 'INR' })];
  it('Box of 10: 101 × 10 = 1010', () => {
    expect(priced([r], { item_code: 'Item Blank UOM', currency: 'INR', uom: 'Box', conversion_factor: 10 }, prices)).toMatchObject({ price_list_rate: '1010', rate: '1010' });
  });
  it('Nos: 101', () => {
    expect(priced([r], { item_code: 'Item Blank UOM', currency: 'INR', uom: 'Nos' }, prices)).toMatchObject({ price_list_rate: '101', rate: '101' });
  });
});

describe('test_item_price_with_selling_uom_pricing_rule', () => {
  const r = rule({ title: '_Test Item UOM other than Stock Rule', items: [{ item_code: 'Item UOM other than Stock', uom: 'Box' }], currency: 'INR', rate_or_discount: 'Rate', rate: 101 });
  const prices = [itemPrice('Item UOM other than Stock', 100, { currency: 'INR' })];
  const q = { item_code: 'Item UOM other than Stock', currency: 'INR' };
  it('Box: the rule is for Box, no conversion: 101', () => {
    expect(priced([r], { ...q, uom: 'Box', conversion_factor: 10 }, prices)).toMatchObject({ price_list_rate: '101', rate: '101' });
  });
  it('Nos: the rule does not apply, the Item Price does: 100', () => {
    expect(priced([r], { ...q, uom: 'Nos' }, prices)).toMatchObject({ price_list_rate: '100', rate: '100', pricing_rules: [] });
  });
});

describe('test_item_group_price_with_blank_uom_pricing_rule', () => {
  const r = rule({ title: '_Test Item with Group Blank UOM Rule', apply_on: 'Item Group', item_groups: [{ item_group: '_Test Pricing Rule Item Group' }], currency: 'INR', rate_or_discount: 'Rate', rate: 101 });
  const prices = [itemPrice('Item with Group Blank UOM', 100, { currency: 'INR' })];
  const q = { item_code: 'Item with Group Blank UOM', item_group_ancestors: ['_Test Pricing Rule Item Group', 'All Item Groups'], currency: 'INR' };
  it('Box of 10: 1010', () => {
    expect(priced([r], { ...q, uom: 'Box', conversion_factor: 10 }, prices)).toMatchObject({ price_list_rate: '1010', rate: '1010' });
  });
  it('Nos: 101', () => {
    expect(priced([r], { ...q, uom: 'Nos' }, prices)).toMatchObject({ price_list_rate: '101', rate: '101' });
  });
});

describe('test_item_group_price_with_selling_uom_pricing_rule', () => {
  const r = rule({ title: '_Test Item with Group UOM other than Stock Rule', apply_on: 'Item Group', item_groups: [{ item_group: '_Test Pricing Rule Item Group UOM', uom: 'Box' }], currency: 'INR', rate_or_discount: 'Rate', rate: 101 });
  const prices = [itemPrice('Item with Group UOM other than Stock', 100, { currency: 'INR' })];
  const q = { item_code: 'Item with Group UOM other than Stock', item_group_ancestors: ['_Test Pricing Rule Item Group UOM', 'All Item Groups'], currency: 'INR' };
  it('Box: 101', () => {
    expect(priced([r], { ...q, uom: 'Box', conversion_factor: 10 }, prices)).toMatchObject({ price_list_rate: '101', rate: '101' });
  });
  it('Nos: 100 from the Item Price', () => {
    expect(priced([r], { ...q, uom: 'Nos' }, prices)).toMatchObject({ price_list_rate: '100', rate: '100' });
  });
});

describe('test_pricing_rule_for_different_currency', () => {
  const inr = rule({ title: '_Test Sanitizer Rule', items: [{ item_code: 'Test Sanitizer Item' }], currency: 'INR', rate_or_discount: 'Rate', rate: 100, priority: '2' });
  const usd = rule({ title: '_Test Sanitizer Rule USD', items: [{ item_code: 'Test Sanitizer Item' }], currency: 'USD', rate_or_discount: 'Rate', rate: 2, priority: '1' });
  it('a USD line gets the USD rule: 2', () => {
    expect(priced([inr, usd], { item_code: 'Test Sanitizer Item', currency: 'USD' }, [])?.price_list_rate).toBe('2');
  });
  it('an INR line gets the INR rule: 100', () => {
    expect(priced([inr, usd], { item_code: 'Test Sanitizer Item', currency: 'INR' }, [])?.price_list_rate).toBe('100');
  });
});

describe('test_unset_group_condition', () => {
  it('a rule for All Territories does not apply to a customer without a territory', () => {
    const r = rule({ applicable_for: 'Territory', territory: 'All Territories', discount_percentage: 10 });
    expect(priced([r], { territory_ancestors: [] })?.discount_percentage).toBe('0');
    expect(priced([r])?.discount_percentage).toBe('10');
  });
});

describe('test_remove_pricing_rule', () => {
  it('20 % of 100: discount_amount 20, rate 80', () => {
    const r = rule({ title: '_Test Water Flask Rule', items: [{ item_code: 'Water Flask' }], discount_percentage: 20 });
    expect(priced([r], { item_code: 'Water Flask' }, [itemPrice('Water Flask', 100)])).toMatchObject({ price_list_rate: '100', discount_amount: '20', rate: '80' });
  });
});

describe('quantity and amount breaks', () => {
  const tiers = [
    rule({ title: 'Tier 10-49', min_qty: 10, max_qty: 49, discount_percentage: 5 }),
    rule({ title: 'Tier 50+', min_qty: 50, discount_percentage: 10 }),
  ];
  it.each([
    [1, '0', '100'],
    [9, '0', '100'],
    [10, '5', '95'],
    [49, '5', '95'],
    [50, '10', '90'],
    [1000, '10', '90'],
  ])('qty %p: %p %% off, rate %p', (qty, pct, rate) => {
    expect(priced(tiers, { qty })).toMatchObject({ discount_percentage: pct, rate });
  });

  const amountTiers = [rule({ title: 'Spend 500-999', min_amt: 500, max_amt: 999, rate_or_discount: 'Discount Amount', discount_amount: 7 }), rule({ title: 'Spend 1000+', min_amt: 1000, discount_percentage: 12 })];
  it.each([
    [4, '100', '0'],
    [5, '93', '7'],
    [9, '93', '7'],
    [10, '88', '12'],
  ])('qty %p of 100 each: rate %p, discount_amount %p', (qty, rate, off) => {
    expect(priced(amountTiers, { qty })).toMatchObject({ rate, discount_amount: off });
  });

  it("the query's amount, when given, decides the amount break", () => {
    expect(priced(amountTiers, { qty: 1, amount: 1200 })).toMatchObject({ rate: '88' });
  });

  it("a rule row in the line's UOM counts the line's quantity, not the stock quantity", () => {
    const r = rule({ items: [{ item_code: '_Test Item', uom: 'Box' }], min_qty: 2, discount_percentage: 10 });
    const box = [itemPrice('_Test Item', 100, { uom: 'Box' })];
    expect(priced([r], { uom: 'Box', conversion_factor: 12, qty: 1 }, box)?.rate).toBe('100');
    expect(priced([r], { uom: 'Box', conversion_factor: 12, qty: 2 }, box)?.rate).toBe('90');
  });

  it("an unmet item-code rule still hides the item-group rules (ERPNext's search stops at the first level)", () => {
    const item = rule({ title: 'Item 10+', min_qty: 10, discount_percentage: 10 });
    const group = rule({ title: 'Group', apply_on: 'Item Group', items: [], item_groups: [{ item_group: 'All Item Groups' }], discount_percentage: 3 });
    expect(priced([item, group], { qty: 1 })?.discount_percentage).toBe('0');
    expect(priced([group], { qty: 1 })?.discount_percentage).toBe('3');
    // a priority on the item rule lets the search go on to the groups
    expect(priced([{ ...item, priority: '1' }, group], { qty: 1 })?.discount_percentage).toBe('3');
  });
});

describe('customer group and territory, with ancestors', () => {
  const commercial = rule({ title: 'Commercial', applicable_for: 'Customer Group', customer_group: 'Commercial', discount_percentage: 8 });
  const europe = rule({ title: 'Europe', applicable_for: 'Territory', territory: 'Europe', discount_percentage: 4 });
  it.each([
    [['Retail', 'Commercial', 'All Customer Groups'], '8'],
    [['Commercial', 'All Customer Groups'], '8'],
    [['Individual', 'All Customer Groups'], '0'],
    [[], '0'],
  ])('customer groups %j: %p %%', (groups, pct) => {
    expect(priced([commercial], { customer_group_ancestors: groups })?.discount_percentage).toBe(pct);
  });
  it.each([
    [['France', 'Europe', 'All Territories'], '4'],
    [['Japan', 'Asia', 'All Territories'], '0'],
  ])('territories %j: %p %%', (territories, pct) => {
    expect(priced([europe], { territory_ancestors: territories })?.discount_percentage).toBe(pct);
  });
});

describe('brands, companies, price lists, dates, disabled and buying rules', () => {
  it('a Brand rule applies to an item of the brand only', () => {
    const r = rule({ apply_on: 'Brand', brands: [{ brand: 'Acme' }], discount_percentage: 6 });
    expect(priced([r], { brand: 'Acme' })?.discount_percentage).toBe('6');
    expect(priced([r], { brand: 'Other' })?.discount_percentage).toBe('0');
    expect(priced([r])?.discount_percentage).toBe('0');
  });

  it('an item-group rule applies through an ancestor, not a sibling', () => {
    const r = rule({ apply_on: 'Item Group', items: [], item_groups: [{ item_group: 'Clothing' }], discount_percentage: 6 });
    expect(priced([r], { item_group_ancestors: ['T-Shirts', 'Clothing', 'All Item Groups'] })?.discount_percentage).toBe('6');
    expect(priced([r], { item_group_ancestors: ['Mugs', 'Home', 'All Item Groups'] })?.discount_percentage).toBe('0');
  });

  it('a Transaction rule never prices a line', () => {
    expect(priced([rule({ apply_on: 'Transaction', items: [], discount_percentage: 50 })])?.discount_percentage).toBe('0');
  });

  it("another company's, another price list's, a disabled or a buying rule does not apply", () => {
    expect(priced([rule({ company: 'Other Co', discount_percentage: 9 })])?.rate).toBe('100');
    expect(priced([rule({ company: null, discount_percentage: 9 })])?.rate).toBe('91');
    expect(priced([rule({ for_price_list: 'Wholesale', discount_percentage: 9 })])?.rate).toBe('100');
    expect(priced([rule({ for_price_list: '_Test Price List', discount_percentage: 9 })])?.rate).toBe('91');
    expect(priced([rule({ disable: 1, discount_percentage: 9 })])?.rate).toBe('100');
    expect(priced([rule({ selling: 0, buying: 1, discount_percentage: 9 })])?.rate).toBe('100');
  });

  it.each([
    ['2026-12-01', '2026-12-31', '91'],
    ['2026-12-03', '2026-12-03', '91'],
    ['2026-12-04', null, '100'],
    [null, '2026-12-02', '100'],
    [null, null, '91'],
  ])('valid %p..%p on 2026-12-03: rate %p', (from, upto, rate) => {
    expect(priced([rule({ valid_from: from, valid_upto: upto, discount_percentage: 9 })])?.rate).toBe(rate);
  });

  it("a customer's rule does not apply to another customer or to a guest", () => {
    const r = rule({ applicable_for: 'Customer', customer: 'Acme', discount_percentage: 9 });
    expect(priced([r], { customer: 'Acme' })?.rate).toBe('91');
    expect(priced([r], { customer: 'Beta' })?.rate).toBe('100');
    expect(priced([r], { customer: null })?.rate).toBe('100');
  });
});

describe('applyRule', () => {
  const m = (v: number | string) => new Money(v);
  it('Discount Amount: rate = price_list_rate − amount, never below 0', () => {
    expect(applyRule(m(20), rule({ rate_or_discount: 'Discount Amount', discount_amount: 5 }))?.rate.toFixed()).toBe('15');
    const big = applyRule(m(20), rule({ rate_or_discount: 'Discount Amount', discount_amount: 25 }));
    expect([big?.rate.toFixed(), big?.discount_amount.toFixed()]).toEqual(['0', '20']);
  });
  it('rounds to the precision: 15 % of 9.99 is 1.50 off, rate 8.49', () => {
    const r = applyRule(m('9.99'), rule({ discount_percentage: 15 }));
    expect([r?.discount_amount.toFixed(), r?.rate.toFixed(), r?.discount_percentage.toFixed()]).toEqual(['1.5', '8.49', '15']);
    // at 0 decimals every amount is whole: 9.99 lists at 10, 1.4985 off is 1, the rate 9
    const whole = applyRule(m('9.99'), rule({ discount_percentage: 15 }), { precision: 0 });
    expect([whole?.price_list_rate.toFixed(), whole?.discount_amount.toFixed(), whole?.rate.toFixed()]).toEqual(['10', '1', '9']);
  });
  it('Rate sets the price list rate and the rate, discount 0', () => {
    const r = applyRule(m(100), rule({ rate_or_discount: 'Rate', rate: '79.90' }));
    expect([r?.price_list_rate.toFixed(), r?.rate.toFixed(), r?.discount_percentage.toFixed(), r?.discount_amount.toFixed()]).toEqual(['79.9', '79.9', '0', '0']);
  });
  it('no rule: the price list rate, no discount; no price list rate and no Rate rule: null', () => {
    expect(applyRule(m(12), [])).toMatchObject({ pricing_rules: [] });
    expect(applyRule(m(12), [])?.rate.toFixed()).toBe('12');
    expect(applyRule(null, rule({ discount_percentage: 10 }))).toBeNull();
  });
});

describe('chooseRule ties', () => {
  it('equal priorities with different values: MultiplePricingRuleConflict, a 417 ValidationError', () => {
    const a = rule({ title: 'A', discount_percentage: 5 });
    const b = rule({ title: 'B', discount_percentage: 7 });
    let err: unknown;
    try {
      chooseRule([a, b], args());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MultiplePricingRuleConflict);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as MultiplePricingRuleConflict).httpStatus).toBe(417);
    expect((err as MultiplePricingRuleConflict).excType).toBe('MultiplePricingRuleConflict');
    expect((err as MultiplePricingRuleConflict).rules).toEqual(['B', 'A']);
  });
  it("for the shopping cart a tie takes ERPNext's first rule (priority, then name, descending)", () => {
    const a = rule({ title: 'A', discount_percentage: 5 });
    const b = rule({ title: 'B', discount_percentage: 7 });
    expect(chooseRule([a, b], args(), { for_shopping_cart: true }).map((r) => r.name)).toEqual(['B']);
    expect(chooseRule([b, a], args(), { for_shopping_cart: true }).map((r) => r.name)).toEqual(['B']);
    const r = price(args(), { prices: PRICES, rules: [a, b] }, { for_shopping_cart: true });
    expect(r?.rate.toFixed()).toBe('93');
  });
  it('a priority breaks the tie; so does the price list among percentage rules', () => {
    const a = rule({ title: 'A', discount_percentage: 5 });
    expect(chooseRule([a, rule({ title: 'B', discount_percentage: 7, priority: '2' })], args()).map((r) => r.name)).toEqual(['B']);
    expect(chooseRule([a, rule({ title: 'C', discount_percentage: 7, for_price_list: '_Test Price List' })], args()).map((r) => r.name)).toEqual(['C']);
  });
  it('a rule in the line currency wins a tie over one in another currency', () => {
    const a = rule({ title: 'A', discount_percentage: 5, currency: 'INR' });
    const b = rule({ title: 'B', discount_percentage: 7, currency: 'USD' });
    expect(chooseRule([a, b], args()).map((r) => r.name)).toEqual(['B']);
  });
});

describe('coupons', () => {
  const coupon = (over: Partial<CouponCodeRow> = {}): CouponCodeRow => ({
    name: 'SUMMER10',
    coupon_code: 'SUMMER10',
    pricing_rule: 'Coupon Rule',
    valid_from: '2026-12-01',
    valid_upto: '2026-12-31',
    maximum_use: 3,
    used: 0,
    customer: null,
    coupon_type: 'Promotional',
    ...over,
  });
  const couponRule = rule({ title: 'Coupon Rule', coupon_code_based: 1, discount_percentage: 10 });

  it('checkCoupon accepts a coupon within its dates and uses', () => {
    expect(checkCoupon(coupon(), '2026-12-03').name).toBe('SUMMER10');
    expect(checkCoupon(coupon({ maximum_use: 0, used: 99 }), '2026-12-31').name).toBe('SUMMER10');
  });

  it.each([
    [{ valid_from: '2026-12-04' }, "Please enter a valid coupon code: Sorry, this coupon code's validity has not started"],
    [{ valid_upto: '2026-12-02' }, "Please enter a valid coupon code: Sorry, this coupon code's validity has expired"],
    [{ used: 3 }, 'Please enter a valid coupon code: Sorry, this coupon code is no longer valid'],
    [{ used: 4 }, 'Please enter a valid coupon code: Sorry, this coupon code is no longer valid'],
  ])('checkCoupon refuses %j', (over, message) => {
    expect(() => checkCoupon(coupon(over), '2026-12-03')).toThrow(new InvalidCouponCode(message.split(': ')[1]));
    expect(() => checkCoupon(coupon(over), '2026-12-03')).toThrow(message);
    expect(() => checkCoupon(coupon(over), '2026-12-03')).toThrow(ValidationError);
  });

  it('a coupon-based rule applies only with its coupon, by code or by name', () => {
    expect(priced([couponRule])?.rate).toBe('100');
    expect(priced([couponRule], { coupon_code: 'SUMMER10' }, PRICES, [coupon()])).toMatchObject({ rate: '90', pricing_rules: ['Coupon Rule'] });
    expect(priced([couponRule], { coupon_code: 'SUMMER10' }, PRICES, [coupon({ name: 'CC-0001' })])?.rate).toBe('90');
    // another rule's coupon does not unlock it
    expect(priced([couponRule], { coupon_code: 'SUMMER10' }, PRICES, [coupon({ pricing_rule: 'Other Rule' })])?.rate).toBe('100');
  });

  it('price() reports the coupon used', () => {
    const r = price(args({ coupon_code: 'SUMMER10' }), { prices: PRICES, rules: [couponRule], coupons: [coupon({ name: 'CC-0001' })] });
    expect(r?.coupon_code).toBe('CC-0001');
    expect(r?.item_price).toBe('IP-_Test Item-Nos');
  });

  it('an unknown, expired or used-up coupon is refused by price()', () => {
    expect(() => priced([couponRule], { coupon_code: 'NOPE' }, PRICES, [coupon()])).toThrow(new InvalidCouponCode());
    expect(() => priced([couponRule], { coupon_code: 'NOPE' }, PRICES, [coupon()])).toThrow('Please enter a valid coupon code');
    expect(() => priced([couponRule], { coupon_code: 'SUMMER10' }, PRICES, [coupon({ used: 3 })])).toThrow('Sorry, this coupon code is no longer valid');
    expect(() => priced([couponRule], { coupon_code: 'SUMMER10', transaction_date: '2027-01-01' }, PRICES, [coupon()])).toThrow(
      "Sorry, this coupon code's validity has expired",
    );
  });
});

describe('price()', () => {
  it('returns null for an item without a price, unless a Rate rule gives one', () => {
    expect(priced([], { item_code: 'Unpriced' })).toBeNull();
    expect(priced([rule({ items: [{ item_code: 'Unpriced' }], rate_or_discount: 'Rate', rate: 12 })], { item_code: 'Unpriced' })?.rate).toBe('12');
  });
  it('applicablePricingRules is in ERPNext order: priority then name, descending', () => {
    const rules = [rule({ title: 'a', priority: '' }), rule({ title: 'b', priority: '3' }), rule({ title: 'c', priority: '10' }), rule({ title: 'd', priority: '' })];
    expect(applicablePricingRules(rules, args()).map((r) => r.name)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('properties', () => {
  const ruleArb: fc.Arbitrary<PricingRuleRow> = fc
    .record({
      id: fc.integer({ min: 0, max: 1_000_000 }),
      level: fc.constantFrom('Item Code', 'Item Group', 'Brand'),
      kind: fc.constantFrom('Rate', 'Discount Percentage', 'Discount Amount'),
      value: fc.integer({ min: 0, max: 30_000 }),
      priority: fc.constantFrom('', '1', '2', '5', '20'),
      minQty: fc.constantFrom(0, 0, 5, 10),
      maxQty: fc.constantFrom(0, 0, 9, 20),
      multiple: fc.boolean(),
      onRate: fc.boolean(),
      customer: fc.constantFrom(null, null, 'Acme', 'Beta'),
    })
    .map(({ id, level, kind, value, priority, minQty, maxQty, multiple, onRate, customer }) =>
      rule({
        title: `R${id}`,
        apply_on: level as PricingRuleRow['apply_on'],
        items: level === 'Item Code' ? [{ item_code: '_Test Item' }] : [],
        item_groups: level === 'Item Group' ? [{ item_group: 'All Item Groups' }] : [],
        brands: level === 'Brand' ? [{ brand: 'Acme' }] : [],
        rate_or_discount: kind as PricingRuleRow['rate_or_discount'],
        rate: kind === 'Rate' ? new Money(value).div(100) : 0,
        discount_percentage: kind === 'Discount Percentage' ? new Money(value % 10_001).div(100) : 0,
        discount_amount: kind === 'Discount Amount' ? new Money(value).div(100) : 0,
        priority,
        min_qty: minQty,
        max_qty: maxQty,
        apply_multiple_pricing_rules: multiple ? 1 : 0,
        apply_discount_on_rate: onRate ? 1 : 0,
        customer,
        applicable_for: customer ? 'Customer' : '',
      }),
    );
  const rulesArb = fc.uniqueArray(ruleArb, { maxLength: 6, selector: (r) => r.name });
  const queryArb = fc.record({
    qty: fc.integer({ min: 1, max: 30 }),
    customer: fc.constantFrom(null, 'Acme', 'Beta'),
    plr: fc.integer({ min: 0, max: 100_000 }),
  });

  /** the outcome as text: the applied price, or the conflict */
  function outcome(rules: PricingRuleRow[], q: PriceQuery, plr: Money) {
    try {
      const chosen = chooseRule(applicablePricingRules(rules, q), q);
      return { chosen, applied: applyRule(plr, chosen, { query: q }) };
    } catch (e) {
      if (e instanceof MultiplePricingRuleConflict) return { conflict: [...e.rules].sort() };
      throw e;
    }
  }

  it('the rate is never negative; with discounts only it never exceeds the price list rate', () => {
    fc.assert(
      fc.property(rulesArb, queryArb, (rules, { qty, customer, plr }) => {
        const q = args({ qty, customer, brand: 'Acme' });
        const r = outcome(rules, q, new Money(plr).div(100));
        if (!('applied' in r) || !r.applied) return;
        expect(r.applied.rate.gte(0)).toBe(true);
        expect(r.applied.discount_amount.gte(0)).toBe(true);
        if (r.chosen.every((x) => x.rate_or_discount !== 'Rate')) {
          expect(r.applied.rate.lte(r.applied.price_list_rate)).toBe(true);
          expect(r.applied.price_list_rate.equals(new Money(plr).div(100))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the choice does not depend on the order of the rules', () => {
    fc.assert(
      fc.property(rulesArb, queryArb, fc.infiniteStream(fc.nat()), (rules, { qty, customer, plr }, seeds) => {
        const q = args({ qty, customer, brand: 'Acme' });
        const shuffled = [...rules].map((r) => ({ r, k: seeds.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.r);
        const a = outcome(rules, q, new Money(plr).div(100));
        const b = outcome(shuffled, q, new Money(plr).div(100));
        const show = (o: ReturnType<typeof outcome>) =>
          'conflict' in o ? { conflict: o.conflict } : { names: o.chosen.map((x) => x.name), rate: o.applied?.rate.toFixed() ?? null };
        expect(show(b)).toEqual(show(a));
      }),
      { numRuns: 500 },
    );
  });
});
