import type { Shop, StorefrontService } from '../../../domain/storefront/storefront.service';
import { ProductFilterInput, productQty } from '../../../domain/storefront/storefront-args';
import { Ctx } from '../../../kernel/db/context';
import { DataError } from '../../../kernel/errors/errors';
import { sendCacheable } from '../http-cache';
import { objectArg, stringArg } from '../list-params';
import { defineMethod, MethodCall, ParamDef } from '../method-registry';

type Compute = (s: StorefrontService, ctx: Ctx, shop: Shop) => Promise<unknown>;

/** Answers a storefront read from the cache, with ETag / Cache-Control (public for guests) and 304 on If-None-Match. */
async function cacheable(call: MethodCall, op: string, compute: Compute): Promise<void> {
  const s = call.services.storefront;
  const answer = await s.answer(call.ctx, op, call.args, (shop) => compute(s, call.ctx, shop), (message) => ({ message }));
  sendCacheable(call.req, call.res, answer, answer.shared);
}

const FILTER: ParamDef = {
  type: 'object',
  description:
    'ProductFilter as JSON: {item_group (and its descendants), brand: [..], attributes: {Colour: ["Red", ..]}, price_min, price_max, in_stock}',
};
const SEARCH: ParamDef = { type: 'string', description: 'full-text search on name, description and code (words, matched by prefix)' };

const filterOf = (v: unknown): ProductFilterInput => (v === undefined || v === null || v === '' ? {} : (objectArg('filter', v) as ProductFilterInput));

/** The webshop's query_args as Docket's filter: field_filters (item_group, brand) and attribute_filters. */
function webshopQuery(raw: unknown): { filter: ProductFilterInput; search: string | null; start: number } {
  const q = raw === undefined || raw === null || raw === '' ? {} : objectArg('query_args', raw);
  const fields = q.field_filters === undefined || q.field_filters === null ? {} : objectArg('field_filters', q.field_filters);
  const known = new Set(['item_group', 'brand']);
  const unknown = Object.keys(fields).filter((k) => !known.has(k));
  if (unknown.length) throw new DataError(`field_filters: ${unknown.join(', ')} cannot be filtered on (item_group, brand)`);
  const start = q.start === undefined || q.start === null || q.start === '' || q.from_filters ? 0 : Number(q.start);
  if (!Number.isInteger(start) || start < 0 || start > 100_000) throw new DataError('start must be a whole number from 0');
  return {
    filter: { item_group: q.item_group ?? fields.item_group, brand: fields.brand, attributes: q.attribute_filters },
    search: typeof q.search === 'string' ? q.search : null,
    start,
  };
}

/** The storefront over REST: ERPNext webshop's guest methods at their paths, and Docket's cursor-paginated ones. */
export const STOREFRONT_METHODS = [
  defineMethod({
    path: 'webshop.webshop.api.get_product_filter_data',
    methods: ['GET', 'POST'],
    allowGuest: true,
    summary:
      "The webshop's product listing: published items for query_args {search, field_filters: {item_group, brand}, attribute_filters: {attribute: [values]}, item_group, start, from_filters}, " +
      'a page of the shop\'s products_per_page, with facet counts (filters), the group\'s sub_categories and items_count',
    params: { query_args: { type: 'object', description: 'the webshop\'s query arguments (JSON)' } },
    handler: (call) =>
      cacheable(call, 'get_product_filter_data', async (s, ctx, shop) => {
        const q = webshopQuery(call.args.query_args);
        const [page, facets, groups] = await Promise.all([
          s.products(ctx, shop, { filter: q.filter, search: q.search, start: q.start }),
          s.facets(ctx, shop, { filter: q.filter, search: q.search }),
          q.filter.item_group ? s.itemGroups(ctx, shop) : Promise.resolve([]),
        ]);
        const group = q.filter.item_group ? findGroup(groups, String(q.filter.item_group as string)) : null;
        return {
          items: page.items,
          filters: { attribute_filters: facets.attributes, field_filters: { brand: facets.brands, item_group: facets.item_groups } },
          settings: shop.settings,
          sub_categories: (group?.children ?? []).map((c) => ({ name: c.name, product_count: c.product_count })),
          items_count: page.total_count,
        };
      }),
  }),
  defineMethod({
    path: 'webshop.webshop.shopping_cart.product_info.get_product_info_for_website',
    methods: ['GET', 'POST'],
    allowGuest: true,
    summary:
      "The webshop's price and stock of one published item (a template answers with its cheapest variant's price) for the caller: product_info {price, in_stock, stock_qty, uom, variants} and cart_settings",
    params: {
      item_code: { type: 'string', required: true, description: 'Item (a plain item, a template or a variant)' },
      skip_quotation_creation: { type: 'boolean', description: 'accepted for compatibility; Docket never creates a cart here' },
    },
    handler: (call) =>
      cacheable(call, 'get_product_info_for_website', async (s, ctx, shop) => {
        const itemCode = stringArg('item_code', call.args.item_code);
        const { card, variant, stock_uom } = await s.productOfItem(ctx, shop, itemCode, productQty(1));
        const own = variant ? card.variants.find((v) => v.item_code === variant) : card.has_variants ? null : card.variants[0];
        return {
          product_info: {
            price: own ? own.price : (card.price?.min ?? null),
            in_stock: own ? own.in_stock : card.in_stock,
            stock_qty: own ? own.stock_qty : card.stock_qty,
            show_stock_qty: shop.settings.show_quantity_in_website,
            uom: stock_uom,
            item_code: itemCode,
            variants: card.has_variants && !variant ? card.variants : undefined,
          },
          cart_settings: shop.settings,
        };
      }),
  }),
  defineMethod({
    path: 'docket.storefront.products',
    methods: ['GET', 'POST'],
    allowGuest: true,
    summary:
      'Published products, cursor-paginated: filter, search, sort (ranking, newest, name, price_asc, price_desc), first (default the shop\'s page size, at most 100), after (page_info.end_cursor of the previous page); each product with its variants, prices for the caller and availability, plus total_count',
    params: {
      filter: FILTER,
      search: SEARCH,
      sort: { type: 'string', description: 'ranking (default), newest, name, price_asc or price_desc' },
      first: { type: 'integer', minimum: 1, maximum: 100, description: 'page size' },
      after: { type: 'string', description: 'cursor' },
    },
    handler: (call) =>
      cacheable(call, 'products', (s, ctx, shop) =>
        s.products(ctx, shop, { filter: filterOf(call.args.filter), search: (call.args.search as string) ?? null, sort: call.args.sort, first: call.args.first, after: (call.args.after as string) ?? null }),
      ),
  }),
  defineMethod({
    path: 'docket.storefront.product_facets',
    methods: ['GET', 'POST'],
    allowGuest: true,
    summary: 'Facet counts of the products a filter and search leave: attribute values, brands, item groups (each facet\'s own selection left out of its counts) and the price bounds',
    params: { filter: FILTER, search: SEARCH },
    handler: (call) => cacheable(call, 'facets', (s, ctx, shop) => s.facets(ctx, shop, { filter: filterOf(call.args.filter), search: (call.args.search as string) ?? null })),
  }),
  defineMethod({
    path: 'docket.storefront.product',
    methods: ['GET', 'POST'],
    allowGuest: true,
    summary: 'A published product by its route: the variant matrix, each variant priced for the caller and qty, availability from the website warehouse, SEO fields and specifications',
    params: {
      route: { type: 'string', required: true, description: 'the Website Item route' },
      qty: { type: 'number', description: 'the quantity prices are for (default 1)' },
    },
    handler: (call) => cacheable(call, 'product', (s, ctx, shop) => s.product(ctx, shop, stringArg('route', call.args.route), productQty(call.args.qty))),
  }),
  defineMethod({
    path: 'docket.storefront.item_groups',
    methods: ['GET'],
    allowGuest: true,
    summary: 'The item group tree, each group with its published products (its own and its descendants\')',
    handler: (call) => cacheable(call, 'itemGroups', (s, ctx, shop) => s.itemGroups(ctx, shop)),
  }),
];

function findGroup<T extends { name: string; children: T[] }>(nodes: T[], name: string): T | null {
  for (const n of nodes) {
    if (n.name === name) return n;
    const hit = findGroup(n.children, name);
    if (hit) return hit;
  }
  return null;
}
