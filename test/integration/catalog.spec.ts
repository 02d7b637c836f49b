import { Database } from '../../src/kernel/db/database';
import { STANDARD_SELLING } from '../../src/setup/install-records';
import { bootApp, onMariaDb, TestApp } from '../harness/app';
import { Shop } from './catalog-fixtures';

/** Catalogue masters through REST: attributes, templates and variants, Website Items, and what guests may read. */
describe('catalog', () => {
  let t: TestApp;
  let admin: string;
  let seq = 0;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const count = async (table: string) => Number((await t.app.get(Database).pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const method = (path: string, args: Record<string, unknown>, auth = admin) => t.http.post(`/api/method/${path}`).set('Authorization', auth).send(args);
  /** A 4xx in Frappe's shape whose message mentions `mentions`, and no row added to `tables`. */
  const refused = async (send: () => Promise<{ status: number; text: string; body: { exc_type?: string } }>, mentions: string | RegExp, tables: string[]) => {
    const before = await Promise.all(tables.map(count));
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.exc_type).toBeTruthy();
    expect(res.text).toMatch(mentions);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  };
  const template = async (attributes = ['Shade', 'Cut']) => {
    const item_code = `TPL-${process.pid % 1000}-${++seq}`;
    const res = await post('Item', { item_code, item_group: 'Shop Shirts', stock_uom: 'Nos', has_variants: 1, attributes: attributes.map((attribute) => ({ attribute })) });
    expect(res.status).toBe(200);
    return item_code;
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    await new Shop(t, admin).build();
    await post('Item Attribute', { attribute_name: 'Length', numeric_values: 1, from_range: '10', to_range: '20', increment: '0.5' }).expect(200);
  });
  afterAll(() => t.close());

  it('enqueue_multiple_variant_creation makes the cartesian product with TEMPLATE-ABBR codes, copying the template', async () => {
    const code = await template();
    const res = await method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: code, args: JSON.stringify({ Shade: ['Red', 'Blue'], Cut: ['S', 'M'] }) });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(4);
    const variants = (await t.http.get('/api/resource/Item').query({ filters: JSON.stringify({ variant_of: code }), fields: '["name","item_group","stock_uom","has_variants"]', order_by: 'name asc' }).set('Authorization', admin)).body.data;
    expect(variants.map((v: { name: string }) => v.name)).toEqual([`${code}-BLU-M`, `${code}-BLU-S`, `${code}-RED-M`, `${code}-RED-S`]);
    expect(variants.every((v: { item_group: string; has_variants: number }) => v.item_group === 'Shop Shirts' && v.has_variants === 0)).toBe(true);
    const red = (await t.http.get(`/api/resource/Item/${code}-RED-S`).set('Authorization', admin)).body.data;
    expect(red.attributes.map((a: { attribute: string; attribute_value: string }) => [a.attribute, a.attribute_value])).toEqual([
      ['Shade', 'Red'],
      ['Cut', 'S'],
    ]);
    // Asking again creates nothing: the combinations exist.
    const again = await method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: code, args: JSON.stringify({ Shade: ['Red'], Cut: ['S'] }) });
    expect(again.body.message).toBe(1);
    expect((await t.http.get('/api/resource/Item').query({ filters: JSON.stringify({ variant_of: code }) }).set('Authorization', admin)).body.data).toHaveLength(4);
  });

  it('create_variant returns the unsaved variant; get_variant finds an existing one', async () => {
    const code = await template();
    const made = await method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify({ Shade: 'Blue', Cut: 'M' }) });
    expect(made.status).toBe(200);
    expect(made.body.message).toMatchObject({ item_code: `${code}-BLU-M`, variant_of: code, has_variants: 0 });
    expect((await t.http.get(`/api/resource/Item/${code}-BLU-M`).set('Authorization', admin)).status).toBe(404);
    await post('Item', made.body.message).expect(200);
    const found = await method('erpnext.controllers.item_variant.get_variant', { template: code, args: JSON.stringify({ Shade: 'Blue', Cut: 'M' }) });
    expect(found.body.message).toBe(`${code}-BLU-M`);
    const none = await method('erpnext.controllers.item_variant.get_variant', { template: code, args: JSON.stringify({ Shade: 'Red', Cut: 'M' }) });
    expect(none.body.message).toBeNull();
    await refused(() => method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify({ Shade: 'Blue', Cut: 'M' }) }), /exists with same attributes/, ['tabItem']);
  });

  it('a template change reaches its variants (the fields they follow)', async () => {
    const code = await template();
    await method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: code, args: JSON.stringify({ Shade: ['Red'], Cut: ['S', 'M'] }) }).expect(200);
    await t.http.put(`/api/resource/Item/${code}`).set('Authorization', admin).send({ brand: 'Acme', item_group: 'Shop Mugs' }).expect(200);
    const variants = (await t.http.get('/api/resource/Item').query({ filters: JSON.stringify({ variant_of: code }), fields: '["name","brand","item_group"]' }).set('Authorization', admin)).body.data;
    expect(variants).toHaveLength(2);
    expect(variants.every((v: { brand: string; item_group: string }) => v.brand === 'Acme' && v.item_group === 'Shop Mugs')).toBe(true);
  });

  it('more variants than the cap in one call are refused, naming the count and the cap; 10 or more go to a background job', async () => {
    await post('Item Attribute', { attribute_name: 'Grid', item_attribute_values: Array.from({ length: 30 }, (_, i) => ({ attribute_value: `G${i}`, abbr: `G${i}` })) }).expect(200);
    await post('Item Attribute', { attribute_name: 'Row', item_attribute_values: Array.from({ length: 20 }, (_, i) => ({ attribute_value: `R${i}`, abbr: `R${i}` })) }).expect(200);
    const code = await template(['Grid', 'Row']);
    const all = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    await refused(() => method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: code, args: JSON.stringify({ Grid: all(30, 'G'), Row: all(20, 'R') }) }), /600.*500/, ['tabItem']);
    const res = await method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: code, args: JSON.stringify({ Grid: all(3, 'G'), Row: all(4, 'R') }) });
    expect(res.body.message).toBe(12);
    let made = 0;
    for (let i = 0; i < 100 && made < 12; i++) {
      made = (await t.http.get('/api/resource/Item').query({ filters: JSON.stringify({ variant_of: code }), limit_page_length: 50 }).set('Authorization', admin)).body.data.length;
      if (made < 12) await new Promise((r) => setTimeout(r, 100));
    }
    expect(made).toBe(12);
  });

  it.each([
    ['an unknown attribute', { Flavour: 'Lime', Shade: 'Red', Cut: 'S' }, /Flavour/],
    ['a value the attribute does not list', { Shade: 'Purple', Cut: 'S' }, /Purple/],
    ['a missing attribute', { Shade: 'Red' }, /Cut/],
  ])('create_variant refuses %s', async (_what, args, mentions) => {
    const code = await template();
    await refused(() => method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify(args) }), mentions, ['tabItem']);
  });

  it('a numeric value outside the range or off the increment is refused', async () => {
    const code = await template(['Length']);
    await method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify({ Length: '12.5' }) }).expect(200);
    await refused(() => method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify({ Length: '12.25' }) }), /increments of 0.5/, ['tabItem']);
    await refused(() => method('erpnext.controllers.item_variant.create_variant', { item: code, args: JSON.stringify({ Length: '21' }) }), /range of 10.0 to 20.0/, ['tabItem']);
  });

  it.each([
    ['a numeric attribute without a range', { attribute_name: 'Bad1', numeric_values: 1, increment: '1' }, /Range/],
    ['from not below to', { attribute_name: 'Bad2', numeric_values: 1, from_range: '5', to_range: '5', increment: '1' }, /less than To Range/],
    ['a zero increment', { attribute_name: 'Bad3', numeric_values: 1, from_range: '1', to_range: '5', increment: '0' }, /Increment cannot be 0/],
    ['a value twice', { attribute_name: 'Bad4', item_attribute_values: [{ attribute_value: 'A', abbr: 'A' }, { attribute_value: 'a', abbr: 'B' }] }, /A/],
  ])('Item Attribute refuses %s', async (_what, body, mentions) => {
    await refused(() => post('Item Attribute', body), mentions, ['tabItem Attribute', 'tabItem Attribute Value']);
  });

  it('a template needs its attribute table, each attribute once', async () => {
    await refused(() => post('Item', { item_code: 'NO-ATTR', item_group: 'Shop Shirts', stock_uom: 'Nos', has_variants: 1 }), /Attribute table is mandatory/, ['tabItem']);
    await refused(
      () => post('Item', { item_code: 'TWICE', item_group: 'Shop Shirts', stock_uom: 'Nos', has_variants: 1, attributes: [{ attribute: 'Shade' }, { attribute: 'Shade' }] }),
      /selected multiple times/,
      ['tabItem'],
    );
  });

  it('a Website Item gets a unique route from its name, copies the item, and refuses a taken route or a second one per item', async () => {
    const item = async (code: string) => {
      await post('Item', { item_code: code, item_group: 'Shop Mugs', stock_uom: 'Nos', brand: 'Zenith' }).expect(200);
      await post('Item Price', { item_code: code, price_list: STANDARD_SELLING, price_list_rate: '3' }).expect(200);
    };
    await item('ROUTE-A');
    await item('ROUTE-B');
    await item('ROUTE-C');
    const a = (await post('Website Item', { item_code: 'ROUTE-A', web_item_name: 'Tea Cup', item_group: 'Forged', brand: 'Forged' }).expect(200)).body.data;
    expect(a).toMatchObject({ route: 'tea-cup', item_group: 'Shop Mugs', brand: 'Zenith', published: 1 });
    const b = (await post('Website Item', { item_code: 'ROUTE-B', web_item_name: 'Tea Cup!' }).expect(200)).body.data;
    expect(b.route).toBe('tea-cup-2');
    await refused(() => post('Website Item', { item_code: 'ROUTE-C', web_item_name: 'Other', route: 'tea-cup' }), /tea-cup/, ['tabWebsite Item']);
    await refused(() => post('Website Item', { item_code: 'ROUTE-C', web_item_name: 'Other', route: 'Not A Route' }), /Route/, ['tabWebsite Item']);
    await refused(() => post('Website Item', { item_code: 'ROUTE-A', web_item_name: 'Again' }), /already exists against Item ROUTE-A/, ['tabWebsite Item']);
  });

  it('publishing needs a price in the shop price list, a live item; an unpublished one may be saved', async () => {
    await post('Item', { item_code: 'NO-PRICE', item_group: 'Shop Mugs', stock_uom: 'Nos' }).expect(200);
    await refused(() => post('Website Item', { item_code: 'NO-PRICE', web_item_name: 'No Price' }), /price in Price List Standard Selling/, ['tabWebsite Item']);
    await post('Website Item', { item_code: 'NO-PRICE', web_item_name: 'No Price', published: 0 }).expect(200);
    await post('Item', { item_code: 'OFF-ITEM', item_group: 'Shop Mugs', stock_uom: 'Nos', disabled: 1 }).expect(200);
    await post('Item Price', { item_code: 'OFF-ITEM', price_list: STANDARD_SELLING, price_list_rate: '3' }).expect(200);
    await refused(() => post('Website Item', { item_code: 'OFF-ITEM', web_item_name: 'Off' }), /disabled/, ['tabWebsite Item']);
    const template = await post('Item', { item_code: 'UNPRICED-TPL', item_group: 'Shop Shirts', stock_uom: 'Nos', has_variants: 1, attributes: [{ attribute: 'Shade' }] });
    expect(template.status).toBe(200);
    await refused(() => post('Website Item', { item_code: 'UNPRICED-TPL', web_item_name: 'Unpriced' }), /nor any of its variants/, ['tabWebsite Item']);
  });

  it('guests and website users read published Website Items only, and no Item, Item Price, Pricing Rule or Coupon Code', async () => {
    const customer = await t.token('customer1@demo.docket');
    for (const auth of [undefined, customer]) {
      const get = (path: string) => (auth ? t.http.get(path).set('Authorization', auth) : t.http.get(path));
      const listed = await get('/api/resource/Website Item?fields=["item_code","published"]&limit_page_length=500');
      expect(listed.status).toBe(200);
      expect(listed.body.data.length).toBeGreaterThan(0);
      expect(listed.body.data.every((r: { published: number }) => r.published === 1)).toBe(true);
      expect(listed.body.data.map((r: { item_code: string }) => r.item_code)).not.toContain('UNSOLD');
      const [unsold] = (await t.http.get('/api/resource/Website Item').query({ filters: JSON.stringify({ item_code: 'UNSOLD' }) }).set('Authorization', admin)).body.data;
      expect([403, 404]).toContain((await get(`/api/resource/Website Item/${unsold.name}`)).status);
      for (const doctype of ['Item', 'Item Price', 'Pricing Rule', 'Coupon Code']) expect((await get(`/api/resource/${doctype}`)).status).toBe(403);
      expect((await get('/api/resource/Item/SHIRT')).status).toBe(403);
    }
  });

  it("Q1: 20 concurrent inserts of one item_code give exactly one success, and the guide's duplicate-SKU query finds none", async () => {
    const body = { item_code: `DUP-${process.pid}`, item_group: 'Shop Mugs', stock_uom: 'Nos' };
    const results = await Promise.all(Array.from({ length: 20 }, () => post('Item', body)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).length).toBe(19);
    const rows = await t.app.get(Database).pool.query('SELECT item_code, COUNT(*) FROM `tabItem` GROUP BY item_code HAVING COUNT(*) > 1;');
    expect(rows).toEqual([]);
    if (onMariaDb()) expect(results.every((r) => r.status === 200 || r.body.exc_type === 'DuplicateEntryError')).toBe(true);
  });
});
