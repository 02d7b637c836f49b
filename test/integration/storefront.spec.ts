import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { StorefrontService } from '../../src/domain/storefront/storefront.service';
import { StorefrontCache } from '../../src/domain/storefront/storefront-cache';
import { STANDARD_SELLING } from '../../src/setup/install-records';
import { bootApp, TestApp } from '../harness/app';
import { Shop } from './catalog-fixtures';

interface Card {
  item_code: string;
  route: string;
  price: { min: { rate: number; price_list_rate: number } | null; max_rate: number | null } | null;
  in_stock: boolean | null;
  variants: { item_code: string; attributes: Record<string, string>; price: { rate: number; pricing_rules: string[] } | null; in_stock: boolean | null; stock_qty: number | null }[];
  attributes: { attribute: string; values: string[] }[];
}

/** The storefront through REST and GraphQL, as a guest and as a customer: listing, filters, facets, sort, pages, detail, caching. */
describe('storefront', () => {
  let t: TestApp;
  let admin: string;
  let shop: Shop;

  const products = (args: Record<string, unknown>, auth?: string) => {
    const req = t.http.get('/api/method/docket.storefront.products').query(Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
    if (auth) req.set('Authorization', auth);
    return req;
  };
  /** Item codes of a guest listing within the shop's test groups. */
  const codes = async (filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const res = await products({ filter: { item_group: shop.root, ...filter }, ...extra });
    expect(res.status).toBe(200);
    return (res.body.message.items as Card[]).map((c) => c.item_code);
  };
  const gql = (query: string, variables: Record<string, unknown> = {}, auth?: string) => {
    const req = t.http.post('/graphql').send({ query, variables });
    if (auth) req.set('Authorization', auth);
    return req;
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    shop = await new Shop(t, admin).build();
  });
  afterAll(() => t.close());

  it('a guest lists published products with their variants, price range and availability', async () => {
    const res = await products({ filter: { item_group: shop.root } });
    expect(res.status).toBe(200);
    const { items, total_count, page_info } = res.body.message as { items: Card[]; total_count: number; page_info: { has_next_page: boolean } };
    expect(items.map((c) => c.item_code)).toEqual(['SHIRT', 'MUG']);
    expect(total_count).toBe(2);
    expect(page_info.has_next_page).toBe(false);
    const shirt = items[0];
    expect(shirt.price).toEqual({ min: expect.objectContaining({ rate: 20, price_list_rate: 20 }), max_rate: 24 });
    expect(shirt.variants.map((v) => v.item_code).sort()).toEqual(['SHIRT-BLU-M', 'SHIRT-BLU-S', 'SHIRT-RED-M', 'SHIRT-RED-S']);
    expect(shirt.attributes).toEqual([
      { attribute: 'Shade', values: ['Blue', 'Red'] },
      { attribute: 'Cut', values: ['M', 'S'] },
    ]);
    const redS = shirt.variants.find((v) => v.item_code === 'SHIRT-RED-S')!;
    expect(redS).toMatchObject({ attributes: { Shade: 'Red', Cut: 'S' }, in_stock: true, stock_qty: 5 });
    expect(shirt.variants.find((v) => v.item_code === 'SHIRT-BLU-M')).toMatchObject({ in_stock: false, price: expect.objectContaining({ rate: 24 }) });
    expect(shirt.in_stock).toBe(true);
    expect(items[1]).toMatchObject({ item_code: 'MUG', in_stock: false, variants: [expect.objectContaining({ item_code: 'MUG' })] });
    // The unpublished item is listed nowhere, the Item master is closed to guests.
    expect(JSON.stringify(res.body)).not.toContain('UNSOLD');
    expect((await t.http.get('/api/resource/Item')).status).toBe(403);
  });

  it.each([
    ['an item group takes its descendants', { item_group: 'Shop Apparel' }, ['SHIRT']],
    ['brand', { brand: ['Zenith'] }, ['MUG']],
    ['attribute values (one variant carries all of them)', { attributes: { Shade: ['Blue'], Cut: ['M'] } }, ['SHIRT']],
    ['price from (the lowest variant price counts)', { price_min: 21 }, []],
    ['price up to', { price_max: 10 }, ['MUG']],
    ['in stock only', { in_stock: true }, ['SHIRT']],
  ])('filters: %s', async (_what, filter, expected) => {
    expect(await codes(filter)).toEqual(expected);
  });

  it('sorts by price and name, and pages by cursor without gaps or repeats', async () => {
    expect(await codes({}, { sort: 'price_asc' })).toEqual(['MUG', 'SHIRT']);
    expect(await codes({}, { sort: 'price_desc' })).toEqual(['SHIRT', 'MUG']);
    expect(await codes({}, { sort: 'name' })).toEqual(['SHIRT', 'MUG']); // Cotton Shirt < Stoneware Mug
    const first = await products({ filter: { item_group: shop.root }, first: 1 });
    expect(first.body.message.items.map((c: Card) => c.item_code)).toEqual(['SHIRT']);
    expect(first.body.message.page_info.has_next_page).toBe(true);
    const second = await products({ filter: { item_group: shop.root }, first: 1, after: first.body.message.page_info.end_cursor });
    expect(second.body.message.items.map((c: Card) => c.item_code)).toEqual(['MUG']);
    expect(second.body.message.page_info.has_next_page).toBe(false);
    expect(second.body.message.total_count).toBe(2);
  });

  it("the webshop's methods: get_product_filter_data (field and attribute filters, start) and get_product_info_for_website", async () => {
    const data = await t.http
      .get('/api/method/webshop.webshop.api.get_product_filter_data')
      .query({ query_args: JSON.stringify({ field_filters: { item_group: shop.root, brand: ['Acme'] }, attribute_filters: { Shade: ['Red'] }, start: 0 }) });
    expect(data.status).toBe(200);
    expect(data.body.message).toMatchObject({ items_count: 1, items: [expect.objectContaining({ item_code: 'SHIRT' })] });
    expect(data.body.message.filters.field_filters.brand).toEqual([{ value: 'Acme', count: 1 }]);
    expect(data.body.message.settings).toMatchObject({ price_list: STANDARD_SELLING });
    const group = await t.http.get('/api/method/webshop.webshop.api.get_product_filter_data').query({ query_args: JSON.stringify({ item_group: shop.root }) });
    expect(group.body.message.sub_categories.map((c: { name: string }) => c.name).sort()).toEqual(['Shop Apparel', 'Shop Mugs']);
    const bad = await t.http.get('/api/method/webshop.webshop.api.get_product_filter_data').query({ query_args: JSON.stringify({ field_filters: { valuation_rate: 1 } }) });
    expect(bad.status).toBe(417);
    const info = await t.http.get('/api/method/webshop.webshop.shopping_cart.product_info.get_product_info_for_website').query({ item_code: 'SHIRT-RED-S' });
    expect(info.status).toBe(200);
    expect(info.body.message.product_info).toMatchObject({ price: expect.objectContaining({ rate: 20 }), in_stock: true, stock_qty: 5, uom: 'Nos' });
    const template = await t.http.get('/api/method/webshop.webshop.shopping_cart.product_info.get_product_info_for_website').query({ item_code: 'SHIRT' });
    expect(template.body.message.product_info.variants).toHaveLength(4);
    expect((await t.http.get('/api/method/webshop.webshop.shopping_cart.product_info.get_product_info_for_website').query({ item_code: 'UNSOLD' })).status).toBe(404);
  });

  it('facet counts leave out their own selection', async () => {
    const res = await t.http.get('/api/method/docket.storefront.product_facets').query({ filter: JSON.stringify({ item_group: shop.root, attributes: { Shade: ['Red'] } }) });
    expect(res.status).toBe(200);
    const facets = res.body.message;
    expect(facets.attributes).toEqual([
      { attribute: 'Cut', values: [{ value: 'M', count: 1 }, { value: 'S', count: 1 }] },
      { attribute: 'Shade', values: [{ value: 'Blue', count: 1 }, { value: 'Red', count: 1 }] },
    ]);
    expect(facets.brands).toEqual([{ value: 'Acme', count: 1 }]);
    expect(facets.price).toEqual({ min: 20, max: 20 });
  });

  it('a product by route: the variant matrix priced for the quantity, a quantity break applied', async () => {
    const rule = await shop.post('Pricing Rule', {
      title: 'Ten shirts',
      apply_on: 'Item Group',
      item_groups: [{ item_group: 'Shop Shirts' }],
      selling: 1,
      currency: 'USD',
      min_qty: 10,
      rate_or_discount: 'Discount Percentage',
      discount_percentage: 10,
    });
    const route = (await codesAndRoutes()).SHIRT;
    const one = await t.http.get('/api/method/docket.storefront.product').query({ route });
    expect(one.status).toBe(200);
    expect(one.body.message.variants.find((v: Card['variants'][0]) => v.item_code === 'SHIRT-RED-S').price).toMatchObject({ rate: 20, pricing_rules: [] });
    const ten = await t.http.get('/api/method/docket.storefront.product').query({ route, qty: 10 });
    expect(ten.body.message).toMatchObject({ qty: 10, web_item_name: 'Cotton Shirt', breadcrumbs: ['Shop Shirts', 'Shop Apparel', shop.root, 'All Item Groups'] });
    expect(ten.body.message.variants.find((v: Card['variants'][0]) => v.item_code === 'SHIRT-RED-S').price).toMatchObject({ price_list_rate: 20, rate: 18, discount_percentage: 10, pricing_rules: [rule.name] });
    const missing = await t.http.get('/api/method/docket.storefront.product').query({ route: 'no-such-product' });
    expect(missing.status).toBe(404);
  });

  it('guest answers carry an ETag and public Cache-Control, and If-None-Match gives 304', async () => {
    const res = await products({ filter: { item_group: shop.root } });
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await products({ filter: { item_group: shop.root } }).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // A logged-in caller's answer may depend on who it is: private.
    const mine = await products({ filter: { item_group: shop.root } }, admin);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    // The published catalogue through /api/resource too
    const listed = await t.http.get('/api/resource/Website Item');
    expect(listed.status).toBe(200);
    expect(listed.headers['cache-control']).toMatch(/^public/);
    expect((await t.http.get('/api/resource/Website Item').set('If-None-Match', listed.headers.etag as string)).status).toBe(304);
    expect((await t.http.get('/api/resource/Website Item').set('Authorization', admin)).headers.etag).toBeUndefined();
  });

  it("a customer sees its own price (privately), a guest the general one", async () => {
    const [portal] = await t.app.get(Database).pool.query("SELECT parent FROM `tabPortal User` WHERE user = 'customer1@demo.docket'");
    await shop.post('Item Price', { item_code: 'MUG', price_list: STANDARD_SELLING, price_list_rate: '6.5', customer: portal.parent });
    const customer = await t.token('customer1@demo.docket');
    const mine = await products({ filter: { item_group: shop.root } }, customer);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    expect(mine.body.message.items.find((c: Card) => c.item_code === 'MUG').price.min.rate).toBe(6.5);
    const guest = await products({ filter: { item_group: shop.root } });
    expect(guest.body.message.items.find((c: Card) => c.item_code === 'MUG').price.min.rate).toBe(8);
    const other = await products({ filter: { item_group: shop.root } }, await t.token('customer2@demo.docket'));
    expect(other.body.message.items.find((c: Card) => c.item_code === 'MUG').price.min.rate).toBe(8);
  });

  it('a price, stock or publication change is seen by the next request', async () => {
    const before = await products({ filter: { item_group: shop.root } });
    expect(before.body.message.items[0].price.min.rate).toBe(20);
    const [price] = (await t.http.get('/api/resource/Item Price').query({ filters: JSON.stringify({ item_code: 'SHIRT-BLU-S', price_list: STANDARD_SELLING }) }).set('Authorization', admin)).body.data;
    await shop.put('Item Price', price.name, { price_list_rate: '12' });
    await shop.put('Item Price', (await priceName('SHIRT-RED-S')), { price_list_rate: '13' });
    const after = await products({ filter: { item_group: shop.root } }).set('If-None-Match', before.headers.etag as string);
    expect(after.status).toBe(200);
    expect(after.body.message.items[0].price.min.rate).toBe(12);
    await shop.stock.receive('MUG', shop.warehouse, 2);
    expect(await codes({ in_stock: true })).toEqual(['SHIRT', 'MUG']);
    const [mug] = (await t.http.get('/api/resource/Website Item').query({ filters: JSON.stringify({ item_code: 'MUG' }) }).set('Authorization', admin)).body.data;
    await shop.put('Website Item', mug.name, { published: 0 });
    expect(await codes()).toEqual(['SHIRT']);
    await shop.put('Website Item', mug.name, { published: 1 });
    expect(await codes()).toEqual(['SHIRT', 'MUG']);
  });

  it.each([
    ['a page too large', { first: 1000 }],
    ['a sort not offered', { sort: 'item_code; DROP TABLE x' }],
    ['an unknown attribute', { filter: { attributes: { Flavour: ['Lime'] } } }],
    ['an unknown item group', { filter: { item_group: 'Nowhere' } }],
    ['a cursor that is not one', { after: 'not-a-cursor' }],
    ['a negative price', { filter: { price_min: -1 } }],
    ['a search of operators only', { search: '+*"()' }],
  ])('bad input is a 4xx in Frappe\'s shape: %s', async (_what, args) => {
    const res = await products(args);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.exc_type).toBeTruthy();
  });

  it('search finds products by a word of their name, description or code, and operators are plain text', async () => {
    expect(await codes({}, { search: 'cott' })).toEqual(['SHIRT']);
    expect(await codes({}, { search: 'stoneware' })).toEqual(['MUG']);
    expect(await codes({}, { search: "mug' --" })).toEqual(['MUG']);
    expect(await codes({}, { search: "'; DROP TABLE x; --" })).toEqual([]);
    expect(await codes({}, { search: '+stone* -mug "cup"' })).toEqual([]);
    expect(await codes({}, { search: 'nothing-like-this' })).toEqual([]);
  });

  it('GraphQL: products with facets in one round trip, a product by route, the item group tree', async () => {
    const res = await gql(
      `query($f: ProductFilterInput) {
        products(filter: $f, first: 5) { total_count items { item_code price { min { rate } max_rate } variants { item_code attributes } } page_info { has_next_page } }
        productFacets(filter: $f) { brands { value count } }
        itemGroupTree { name product_count children { name product_count } }
      }`,
      { f: { item_group: shop.root } },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.products.total_count).toBe(2);
    expect(res.body.data.products.items[0].variants).toHaveLength(4);
    expect(res.body.data.productFacets.brands).toEqual([{ value: 'Acme', count: 1 }, { value: 'Zenith', count: 1 }]);
    const root = res.body.data.itemGroupTree.find((g: { name: string }) => g.name === 'All Item Groups');
    expect(root.children.find((g: { name: string }) => g.name === shop.root)).toEqual(expect.objectContaining({ product_count: 2 }));
    const detail = await gql('query($r: String!) { product(route: $r, qty: 1) { item_code breadcrumbs variants { item_code price { rate } } } }', { r: (await codesAndRoutes()).SHIRT });
    expect(detail.body.errors).toBeUndefined();
    expect(detail.body.data.product.item_code).toBe('SHIRT');
  });

  it('a GraphQL query of storefront fields only is executed once per change: the kept result is sent until a price changes', async () => {
    const storefront = t.app.get(StorefrontService);
    const answers = jest.spyOn(storefront, 'answer');
    const query = 'query($g: String) { products(filter: { item_group: $g }) { items { item_code price { min { rate } } } } }';
    const mugRate = async () => {
      const res = await gql(query, { g: shop.root });
      expect(res.body.errors).toBeUndefined();
      return (res.body.data.products.items as { item_code: string; price: { min: { rate: number } } }[]).find((p) => p.item_code === 'MUG')?.price.min.rate;
    };
    try {
      // the same arguments over REST first: its {message} answer is kept apart from GraphQL's
      const rest = await t.http.post('/api/method/docket.storefront.products').send({ filter: { item_group: shop.root } });
      expect(rest.status).toBe(200);
      expect(rest.body.message.items.length).toBeGreaterThan(0);
      const first = await mugRate();
      answers.mockClear();
      expect(await mugRate()).toBe(first);
      expect(answers).not.toHaveBeenCalled();
      // a query that also asks for something else is executed every time
      expect((await gql('{ products { total_count } me { name } }')).body.errors).toBeUndefined();
      expect((await gql('{ products { total_count } me { name } }')).body.errors).toBeUndefined();
      expect(answers).toHaveBeenCalledTimes(2);
      await shop.put('Item Price', await priceName('MUG'), { price_list_rate: '8.75' });
      expect(await mugRate()).toBe(8.75);
    } finally {
      answers.mockRestore();
      await shop.put('Item Price', await priceName('MUG'), { price_list_rate: '8' });
    }
  });

  it('no N+1: a page of 5 and a page of 50 products cost the same statements; what is kept is read again only when its part changes', async () => {
    for (let i = 0; i < 50; i++) {
      const code = `BULK-${String(i).padStart(2, '0')}`;
      await shop.post('Item', { item_code: code, item_group: 'Shop Mugs', stock_uom: 'Nos' });
      await shop.post('Item Price', { item_code: code, price_list: STANDARD_SELLING, price_list_rate: String(10 + i) });
      await shop.post('Website Item', { item_code: code, web_item_name: `Bulk ${i}`, published: 1 });
    }
    const db = t.app.get(Database);
    const storefront = t.app.get(StorefrontService);
    const cache = t.app.get(StorefrontCache);
    const statements = (first: number, sort = 'ranking') =>
      db.run({ ...SYSTEM, name: 'Guest', roles: new Set(['Guest']) }, {}, { write: false }, async (ctx) => {
        const read = await cache.read();
        const shopCtx = await storefront.shop(ctx, read.memo, read.many);
        const before = ctx.db.statements;
        const page = await storefront.products(ctx, shopCtx, { filter: { item_group: 'Shop Mugs' }, first, sort });
        expect(page.items).toHaveLength(first);
        return ctx.db.statements - before;
      });
    await statements(1); // the filter's count, the settings, rules and trees are kept from here on, for every page size
    const five = await statements(5);
    const fifty = await statements(50);
    expect(fifty).toBe(five);
    // the page, its items, their attributes, prices and stock (the 5 and the 50 are cards not yet kept)
    expect(five).toBe(5);
    // kept: the same page again, or products already seen in another order, read the page alone
    expect(await statements(50)).toBe(1);
    expect(await statements(40, 'newest')).toBe(1);
    // a stock movement outdates the cards' stock only: the page and its stock
    await shop.stock.receive('BULK-07', shop.warehouse, 3);
    expect(await statements(50)).toBe(1 + 1);
    // a price outdates what prices are computed from and the priced cards: the page, the price
    // list, the selling rules and their rows, then the items, attributes, prices, stock
    await shop.put('Item Price', await priceName('BULK-07'), { price_list_rate: '99' });
    expect(await statements(50)).toBe(1 + 3 + 4);
    // a catalogue change outdates the filter too: its group, the page, its count, then the cards
    await shop.put('Website Item', await websiteItemName('BULK-07'), { ranking: 5 });
    expect(await statements(50)).toBe(3 + 4);
  });

  async function websiteItemName(item_code: string): Promise<string> {
    const res = await t.http.get('/api/resource/Website Item').query({ filters: JSON.stringify({ item_code }) }).set('Authorization', admin);
    return res.body.data[0].name as string;
  }

  async function priceName(item_code: string): Promise<string> {
    const res = await t.http.get('/api/resource/Item Price').query({ filters: JSON.stringify({ item_code, price_list: STANDARD_SELLING }) }).set('Authorization', admin);
    return res.body.data[0].name as string;
  }

  async function codesAndRoutes(): Promise<Record<string, string>> {
    const res = await products({ filter: { item_group: shop.root } });
    return Object.fromEntries((res.body.message.items as Card[]).map((c) => [c.item_code, c.route]));
  }
});
