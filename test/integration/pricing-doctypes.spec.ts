import { Database } from '../../src/kernel/db/database';
import { DEMO_COMPANY } from '../../src/setup/demo-data';
import { bootApp, demoUserEmail, TestApp } from '../harness/app';

type Res = { status: number; body: { exc_type?: string; _server_messages?: string; data?: Record<string, unknown> & { name: string } } };

/** Item Price, Pricing Rule and Coupon Code through the REST API: ERPNext's rules, server-set fields, permissions. */
describe('pricing doctypes', () => {
  let t: TestApp;
  let admin: string;
  let seq = 0;
  const uid = () => `${process.pid}-${++seq}`;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const put = (doctype: string, name: string, body: Record<string, unknown>) =>
    t.http.put(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).send(body);
  const ok = async (res: PromiseLike<Res>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${r.body._server_messages}`);
    return r.body.data!;
  };
  const count = async (table: string) => Number((await t.app.get(Database).pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const PRICING_TABLES = ['tabItem Price', 'tabPricing Rule', 'tabPricing Rule Item Code', 'tabPricing Rule Item Group', 'tabPricing Rule Brand', 'tabCoupon Code'];
  const counts = async () => Promise.all(PRICING_TABLES.map(count));
  /** A 4xx in Frappe's shape whose message contains `mentions`, and nothing written by it. */
  const refused = async (send: () => PromiseLike<Res>, excType: string, mentions: string) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.exc_type).toBe(excType);
    expect(JSON.parse(JSON.parse(res.body._server_messages!)[0]).message).toContain(mentions);
    expect(await counts()).toEqual(before);
  };
  /** A selling price list of its own (USD unless told). */
  const priceList = async (extra: Record<string, unknown> = {}) =>
    (await ok(post('Price List', { price_list_name: `PL ${uid()}`, currency: 'USD', selling: 1, ...extra }))).name as string;
  const itemPrice = (price_list: string, extra: Record<string, unknown> = {}) => post('Item Price', { item_code: 'MUG-CER', price_list, price_list_rate: '12.50', ...extra });
  let customers: string[];

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    const res = await t.http.get('/api/resource/Customer').query({ fields: '["name"]', order_by: 'name asc' }).set('Authorization', admin).expect(200);
    customers = res.body.data.map((r: { name: string }) => r.name);
    expect(customers.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(() => t.close());

  describe('Item Price', () => {
    it('takes currency, selling and buying from the price list and the unit, name and description from the item; client-sent values are ignored', async () => {
      const pl = await priceList();
      const doc = await ok(itemPrice(pl, { currency: 'EUR', selling: 0, buying: 1, item_name: 'Forged', brand: 'Forged', reference: 'x' }));
      expect(doc).toMatchObject({ item_code: 'MUG-CER', uom: 'Nos', item_name: 'Ceramic Mug', currency: 'USD', selling: 1, buying: 0, price_list_rate: 12.5, brand: 'Nordic Home', reference: null });
      expect(doc.valid_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const updated = await ok(put('Item Price', doc.name, { currency: 'EUR', price_list_rate: '13' }));
      expect(updated).toMatchObject({ currency: 'USD', price_list_rate: 13 });
    });

    it('accepts a unit of the item’s conversion table and refuses one it does not have', async () => {
      const pl = await priceList();
      expect((await ok(itemPrice(pl, { uom: 'Box', price_list_rate: '70' }))).uom).toBe('Box');
      await refused(() => itemPrice(pl, { uom: 'Kg' }), 'ValidationError', 'UOM Kg not found in Item MUG-CER');
    });

    it('refuses Valid Upto before Valid From, a negative rate and a disabled price list', async () => {
      const pl = await priceList();
      await refused(() => itemPrice(pl, { valid_from: '2026-06-10', valid_upto: '2026-06-09' }), 'InvalidDates', 'Valid From Date must be lesser than Valid Upto Date.');
      await refused(() => itemPrice(pl, { price_list_rate: '-1' }), 'ValidationError', 'Rate can not be negative');
      const off = await priceList({ enabled: 0 });
      await refused(() => itemPrice(off), 'ValidationError', `The price list ${off} does not exist or is disabled`);
      // the same day for both bounds is one valid day
      await ok(itemPrice(pl, { valid_from: '2026-06-10', valid_upto: '2026-06-10' }));
    });

    it('refuses a second price whose validity overlaps (ItemPriceDuplicateItem); adjacent windows, another unit and a customer price beside the general one are accepted', async () => {
      const pl = await priceList();
      const dup = 'Item Price appears multiple times based on Price List, Supplier/Customer, Currency, Item, Batch, UOM, Qty, and Dates.';
      const first = await ok(itemPrice(pl, { valid_from: '2026-01-01', valid_upto: '2026-01-31' }));
      await refused(() => itemPrice(pl, { valid_from: '2026-01-31', valid_upto: '2026-02-28' }), 'ItemPriceDuplicateItem', dup);
      await refused(() => itemPrice(pl, { valid_from: '2025-12-01', valid_upto: '2026-01-01' }), 'ItemPriceDuplicateItem', dup);
      await refused(() => itemPrice(pl, { valid_from: '2026-01-10', valid_upto: '2026-01-12' }), 'ItemPriceDuplicateItem', dup);
      await refused(() => itemPrice(pl, { valid_from: '2025-06-01' }), 'ItemPriceDuplicateItem', dup);
      // adjacent, not overlapping
      await ok(itemPrice(pl, { valid_from: '2026-02-01', valid_upto: '2026-02-28', price_list_rate: '11' }));
      await ok(itemPrice(pl, { valid_from: '2025-12-01', valid_upto: '2025-12-31', price_list_rate: '13' }));
      // an open-ended price after them, then nothing may start later
      await ok(itemPrice(pl, { valid_from: '2026-03-01', price_list_rate: '14' }));
      await refused(() => itemPrice(pl, { valid_from: '2027-01-01' }), 'ItemPriceDuplicateItem', dup);
      // another unit, and a customer's own price over the same dates
      await ok(itemPrice(pl, { uom: 'Box', valid_from: '2026-01-01', valid_upto: '2026-01-31', price_list_rate: '60' }));
      const mine = await ok(itemPrice(pl, { customer: customers[0], valid_from: '2026-01-01', valid_upto: '2026-01-31', price_list_rate: '10' }));
      expect(mine).toMatchObject({ customer: customers[0], reference: customers[0] });
      await ok(itemPrice(pl, { customer: customers[1], valid_from: '2026-01-01', valid_upto: '2026-01-31', price_list_rate: '10.5' }));
      await refused(() => itemPrice(pl, { customer: customers[0], valid_from: '2026-01-15', valid_upto: '2026-02-15' }), 'ItemPriceDuplicateItem', dup);
      // the same price list of another item is no clash
      await ok(post('Item Price', { item_code: 'KETTLE-EL', price_list: pl, price_list_rate: '40', valid_from: '2026-01-01', valid_upto: '2026-01-31' }));
      // saving a price again does not clash with itself; moving it onto a neighbour does
      await ok(put('Item Price', first.name, { price_list_rate: '12.75' }));
      const moved = await put('Item Price', first.name, { valid_upto: '2026-02-05' });
      expect(moved.status).toBe(417);
      expect(moved.body.exc_type).toBe('ItemPriceDuplicateItem');
    });

    it('of ten concurrent overlapping prices for one item and list exactly one is stored', async () => {
      const pl = await priceList();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => itemPrice(pl, { valid_from: `2026-04-${String(i + 1).padStart(2, '0')}`, price_list_rate: String(10 + i) })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200)) expect([r.status, r.body.exc_type]).toEqual([417, 'ItemPriceDuplicateItem']);
      const stored = await t.http.get('/api/resource/Item Price').query({ filters: JSON.stringify({ price_list: pl }) }).set('Authorization', admin).expect(200);
      expect(stored.body.data).toHaveLength(1);
    });

    it('a buying-only price list takes no customer', async () => {
      const pl = await priceList({ selling: 0, buying: 1 });
      const doc = await ok(itemPrice(pl, { customer: customers[0] }));
      expect(doc).toMatchObject({ buying: 1, selling: 0, customer: null });
    });

    it('a template item (has_variants) may have a price', async () => {
      const code = `TPL-${uid()}`;
      await ok(post('Item', { item_code: code, item_name: 'Template Tee', item_group: 'Apparel', stock_uom: 'Nos', has_variants: 1, is_stock_item: 0, attributes: [{ attribute: 'Size' }] }));
      const doc = await ok(post('Item Price', { item_code: code, price_list: await priceList(), price_list_rate: '20' }));
      expect(doc.item_name).toBe('Template Tee');
    });
  });

  describe('Pricing Rule', () => {
    const rule = (extra: Record<string, unknown> = {}) => ({
      title: `Rule ${uid()}`,
      apply_on: 'Item Code',
      items: [{ item_code: 'MUG-CER' }],
      company: DEMO_COMPANY,
      rate_or_discount: 'Discount Percentage',
      discount_percentage: '10',
      ...extra,
    });

    it('is named PRLE-####, takes the company’s currency and clears the fields its choices do not use', async () => {
      const doc = await ok(
        post(
          'Pricing Rule',
          rule({
            item_groups: [{ item_group: 'Apparel' }],
            brands: [{ brand: 'Voltline' }],
            applicable_for: 'Customer Group',
            customer_group: 'Commercial',
            customer: customers[0],
            territory: 'United States',
            discount_amount: '5',
            rate: '3',
            priority: '3',
          }),
        ),
      );
      expect(doc.name).toMatch(/^PRLE-\d{4,}$/);
      expect(doc).toMatchObject({ currency: 'USD', selling: 1, buying: 0, price_or_product_discount: 'Price', customer_group: 'Commercial', customer: null, territory: null });
      expect(doc).toMatchObject({ discount_percentage: 10, discount_amount: 0, rate: 0, has_priority: 1, priority: '3' });
      expect((doc.items as { item_code: string }[]).map((r) => r.item_code)).toEqual(['MUG-CER']);
      expect(doc.item_groups).toEqual([]);
      expect(doc.brands).toEqual([]);
      const brand = await ok(post('Pricing Rule', rule({ apply_on: 'Brand', items: [], brands: [{ brand: 'Voltline', uom: 'Nos' }] })));
      expect((brand.brands as unknown[])[0]).toMatchObject({ brand: 'Voltline', uom: 'Nos' });
      const transaction = await ok(post('Pricing Rule', rule({ apply_on: 'Transaction', rate_or_discount: 'Discount Amount', discount_amount: '15', min_amt: '100' })));
      expect(transaction.items).toEqual([]);
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['a product (free item) rule', { price_or_product_discount: 'Product' }, 'ValidationError', 'Product Discount (free item) Pricing Rules are not supported'],
      ['no item rows for Item Code', { items: [] }, 'MandatoryError', 'Item Code is not added in the table'],
      ['no group rows for Item Group', { apply_on: 'Item Group' }, 'MandatoryError', 'Item Group is not added in the table'],
      ['no brand rows for Brand', { apply_on: 'Brand' }, 'MandatoryError', 'Brand is not added in the table'],
      ['the same item twice', { items: [{ item_code: 'MUG-CER' }, { item_code: 'MUG-CER' }] }, 'ValidationError', 'Duplicate Item Code found in the table'],
      ['Applicable For Customer without a customer', { applicable_for: 'Customer' }, 'MandatoryError', 'Customer is required'],
      ['Applicable For Customer Group without a group', { applicable_for: 'Customer Group' }, 'MandatoryError', 'Customer Group is required'],
      ['Applicable For Territory without a territory', { applicable_for: 'Territory' }, 'MandatoryError', 'Territory is required'],
      ['no Rate or Discount', { rate_or_discount: '' }, 'MandatoryError', 'Rate or Discount is required for the price discount.'],
      ['neither selling nor buying', { selling: 0, buying: 0 }, 'ValidationError', 'At least one of the Selling or Buying must be selected'],
      ['a customer rule that is not selling', { selling: 0, buying: 1, applicable_for: 'Customer', customer: '@customer' }, 'ValidationError', 'Selling must be checked, if Applicable For is selected as Customer'],
      ['Min Qty above Max Qty', { min_qty: '10', max_qty: '5' }, 'ValidationError', 'Min Qty can not be greater than Max Qty'],
      ['Min Amt above Max Amt', { min_amt: '100', max_amt: '50' }, 'ValidationError', 'Min Amt can not be greater than Max Amt'],
      ['Valid Upto before Valid From', { valid_from: '2026-05-02', valid_upto: '2026-05-01' }, 'InvalidDates', 'Valid Upto must be after Valid From'],
      ['a cumulative rule without both dates', { is_cumulative: 1, valid_upto: null }, 'ValidationError', 'Valid from and valid upto fields are mandatory for the cumulative'],
      ['a discount above 100%', { discount_percentage: '100.5' }, 'ValidationError', 'Discount Percentage can not be greater than 100'],
      ['a negative discount', { discount_percentage: '-5' }, 'ValidationError', 'Discount Percentage can not be negative'],
      ['a negative rate', { rate_or_discount: 'Rate', rate: '-1' }, 'ValidationError', 'Rate can not be negative'],
      ['a negative discount amount', { rate_or_discount: 'Discount Amount', discount_amount: '-1' }, 'ValidationError', 'Discount Amount can not be negative'],
      ['a negative Min Qty', { min_qty: '-1' }, 'ValidationError', 'Min Qty can not be negative'],
      ['a negative Max Amt', { max_amt: '-1' }, 'ValidationError', 'Max Amt can not be negative'],
      ['a negative margin', { margin_type: 'Percentage', margin_rate_or_amount: '-1' }, 'ValidationError', 'Margin Rate or Amount can not be negative'],
      ['a zero discount percentage', { discount_percentage: '0' }, 'ValidationError', 'Discount Percentage cannot be zero'],
      ['a Rate rule without a rate', { rate_or_discount: 'Rate', discount_percentage: '10' }, 'ValidationError', 'Rate cannot be zero'],
      ['a Discount Amount rule without an amount', { rate_or_discount: 'Discount Amount' }, 'ValidationError', 'Discount Amount cannot be zero'],
      ['a priority without Has Priority’s value', { has_priority: 1 }, 'MandatoryError', 'Priority is mandatory'],
      ['a priority out of 1..20', { priority: '21' }, 'ValidationError', 'Priority cannot be "21"'],
      ['a price list in another currency', { for_price_list: '@eur-list' }, 'ValidationError', 'Currency should be same as Price List Currency: EUR'],
    ])('refuses %s and writes nothing', async (_label, extra, excType, mentions) => {
      const body = { ...extra };
      if (body.customer === '@customer') body.customer = customers[0];
      if (body.for_price_list === '@eur-list') body.for_price_list = await priceList({ currency: 'EUR' });
      await refused(() => post('Pricing Rule', rule(body)), excType, mentions);
    });

    it('refuses a discount above the item’s Max Discount', async () => {
      const code = `MAXD-${uid()}`;
      await ok(post('Item', { item_code: code, item_name: 'Capped', item_group: 'Apparel', stock_uom: 'Nos', max_discount: '15' }));
      await refused(() => post('Pricing Rule', rule({ items: [{ item_code: code }], discount_percentage: '20' })), 'ValidationError', `Max discount allowed for item: ${code} is 15%`);
      await ok(post('Pricing Rule', rule({ items: [{ item_code: code }], discount_percentage: '15' })));
    });

    it('stores a buying-only rule (kept, never applied: Docket has no buying documents)', async () => {
      const doc = await ok(post('Pricing Rule', rule({ selling: 0, buying: 1 })));
      expect(doc).toMatchObject({ selling: 0, buying: 1 });
    });

    it('adds its margin before the discount in get_item_details (rate_with_margin), and clears a margin without a type', async () => {
      const code = `MARGIN-${uid()}`;
      await ok(post('Item', { item_code: code, item_name: 'Margin Mug', item_group: 'Apparel', stock_uom: 'Nos' }));
      const pl = await priceList();
      await ok(post('Item Price', { item_code: code, price_list: pl, price_list_rate: '12.50' }));
      const untyped = await ok(post('Pricing Rule', rule({ items: [{ item_code: code }], margin_rate_or_amount: '4', selling: 0, buying: 1 })));
      expect(untyped).toMatchObject({ margin_type: null, margin_rate_or_amount: 0 });
      await ok(post('Pricing Rule', rule({ items: [{ item_code: code }], margin_type: 'Amount', margin_rate_or_amount: '2.5' })));
      const res = await t.http.post('/api/method/erpnext.stock.get_item_details.get_item_details').set('Authorization', admin).send({ args: JSON.stringify({ item_code: code, price_list: pl, company: DEMO_COMPANY }) });
      expect({ status: res.status, error: res.body._server_messages }).toEqual({ status: 200, error: undefined });
      expect(res.body.message).toMatchObject({ price_list_rate: 12.5, margin_type: 'Amount', margin_rate_or_amount: 2.5, rate_with_margin: 15, discount_percentage: 10, discount_amount: 1.5, rate: 13.5 });
    });

    it('takes the price list’s currency when no company is given', async () => {
      const pl = await priceList({ currency: 'EUR' });
      const doc = await ok(post('Pricing Rule', rule({ company: null, for_price_list: pl, rate_or_discount: 'Rate', rate: '9.99' })));
      expect(doc).toMatchObject({ currency: 'EUR', rate: 9.99, discount_percentage: 0 });
    });
  });

  describe('Coupon Code', () => {
    let couponRule: string;
    let plainRule: string;
    beforeAll(async () => {
      const base = { apply_on: 'Transaction', company: DEMO_COMPANY, rate_or_discount: 'Discount Percentage', discount_percentage: '5' };
      couponRule = (await ok(post('Pricing Rule', { ...base, title: `Coupon rule ${uid()}`, coupon_code_based: 1 }))).name;
      plainRule = (await ok(post('Pricing Rule', { ...base, title: `Plain rule ${uid()}` }))).name;
    });

    it('is named by its trimmed coupon name; a Promotional code comes from the name, a Gift Card’s from a hash; used starts at 0 and ignores clients', async () => {
      const n = seq++;
      const promo = await ok(post('Coupon Code', { coupon_name: `  Summer${n} Sale  `, pricing_rule: couponRule, used: 7 }));
      expect(promo).toMatchObject({ name: `Summer${n} Sale`, coupon_name: `Summer${n} Sale`, coupon_type: 'Promotional', coupon_code: 'SUMMERSA', used: 0, maximum_use: 0 });
      // the same derived code again: a random one instead of a clash
      const again = await ok(post('Coupon Code', { coupon_name: `Summer${n + 1000} Sale`, pricing_rule: couponRule }));
      expect(again.coupon_code).toMatch(/^[0-9A-F]{10}$/);
      const gift = await ok(post('Coupon Code', { coupon_name: `Gift ${uid()}`, coupon_type: 'Gift Card', customer: customers[0], pricing_rule: couponRule, maximum_use: 5 }));
      expect(gift.coupon_code).toMatch(/^[0-9A-F]{10}$/);
      expect(gift).toMatchObject({ maximum_use: 1, used: 0 });
      const given = await ok(post('Coupon Code', { coupon_name: `Given ${uid()}`, coupon_code: `GIVEN${n}`, pricing_rule: couponRule, maximum_use: 3 }));
      expect(given).toMatchObject({ coupon_code: `GIVEN${n}`, maximum_use: 3 });
      const updated = await ok(put('Coupon Code', given.name, { used: 3, description: 'Three uses' }));
      expect(updated).toMatchObject({ used: 0, description: 'Three uses' });
    });

    it('refuses a Gift Card without a customer, a rule that is not coupon code based, a missing rule, a taken code, negative Maximum Use and inverted dates', async () => {
      await refused(() => post('Coupon Code', { coupon_name: `G ${uid()}`, coupon_type: 'Gift Card', pricing_rule: couponRule }), 'MandatoryError', 'Please select the customer.');
      await refused(() => post('Coupon Code', { coupon_name: `P ${uid()}`, pricing_rule: plainRule }), 'ValidationError', `Pricing Rule ${plainRule} is not Coupon Code Based`);
      await refused(() => post('Coupon Code', { coupon_name: `M ${uid()}` }), 'MandatoryError', 'Pricing Rule');
      const code = `TAKEN${uid()}`;
      await ok(post('Coupon Code', { coupon_name: `T ${uid()}`, coupon_code: code, pricing_rule: couponRule }));
      await refused(() => post('Coupon Code', { coupon_name: `T ${uid()}`, coupon_code: code, pricing_rule: couponRule }), 'UniqueValidationError', 'must be unique');
      await refused(() => post('Coupon Code', { coupon_name: `N ${uid()}`, pricing_rule: couponRule, maximum_use: -1 }), 'ValidationError', 'Maximum Use can not be negative');
      await refused(
        () => post('Coupon Code', { coupon_name: `D ${uid()}`, pricing_rule: couponRule, valid_from: '2026-03-02', valid_upto: '2026-03-01' }),
        'InvalidDates',
        'Valid Upto must be after Valid From',
      );
    });
  });

  describe('permissions', () => {
    const DOCTYPES = ['Item Price', 'Pricing Rule', 'Coupon Code'];

    it.each(DOCTYPES)('Guest and a website user get 403 on the %s list', async (doctype) => {
      const guest = await t.http.get(`/api/resource/${doctype}`);
      expect(guest.status).toBe(403);
      const customer = await t.http.get(`/api/resource/${doctype}`).set('Authorization', await t.token('customer1@demo.docket'));
      expect(customer.status).toBe(403);
    });

    it.each(DOCTYPES)('a Sales User reads the %s list but may not create', async (doctype) => {
      const auth = await t.token(demoUserEmail('Sales User'));
      await t.http.get(`/api/resource/${doctype}`).set('Authorization', auth).expect(200);
      const before = await counts();
      expect((await post(doctype, { title: 'x' }, auth)).status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('a Sales Manager creates all three; an Item Manager creates Item Prices only; Accounts User reads Item Prices', async () => {
      const manager = await t.token(demoUserEmail('Sales Manager'));
      const pl = await priceList();
      await ok(post('Item Price', { item_code: 'KETTLE-EL', price_list: pl, price_list_rate: '44' }, manager));
      const r = await ok(post('Pricing Rule', { title: `SM ${uid()}`, apply_on: 'Transaction', company: DEMO_COMPANY, discount_percentage: '2', coupon_code_based: 1 }, manager));
      await ok(post('Coupon Code', { coupon_name: `SM ${uid()}`, pricing_rule: r.name }, manager));
      const itemManager = await t.token(demoUserEmail('Item Manager'));
      await ok(post('Item Price', { item_code: 'KETTLE-EL', price_list: await priceList(), price_list_rate: '44' }, itemManager));
      expect((await post('Pricing Rule', { title: 'x' }, itemManager)).status).toBe(403);
      await t.http.get('/api/resource/Item Price').set('Authorization', await t.token(demoUserEmail('Accounts User'))).expect(200);
    });
  });
});
