import { GraphQLFieldResolver } from 'graphql';
import { productQty } from '../../domain/storefront/storefront-args';
import type { ProductFilterInput } from '../../domain/storefront/storefront-args';
import type { Shop, StorefrontService } from '../../domain/storefront/storefront.service';
import { Ctx } from '../../kernel/db/context';
import { parseExactJson } from '../../kernel/money/json';
import { GraphqlContext } from './context';

/**
 * The storefront's GraphQL operations, written for a mobile client: one round trip per screen
 * (a listing with its facets, a product page with its variant matrix, the category tree).
 * Answers are the storefront service's (published items only, priced for the caller, cached).
 */
export const STOREFRONT_TYPES: [string, string][] = [
  [
    'ProductPrice',
    `"""A price for the caller (price list, customer, quantity), after the pricing rule that applies."""
type ProductPrice {
  price_list_rate: Decimal
  rate: Decimal
  discount_percentage: Decimal
  discount_amount: Decimal
  currency: String
  "Pricing Rules applied"
  pricing_rules: [String!]!
}`,
  ],
  [
    'ProductPriceRange',
    `"""The cheapest buyable item's price, and the highest rate among them."""
type ProductPriceRange {
  min: ProductPrice
  max_rate: Decimal
}`,
  ],
  [
    'ProductAttribute',
    `"""An attribute of a product, with the values its variants come in."""
type ProductAttribute {
  attribute: String!
  values: [String!]!
}`,
  ],
  [
    'ProductVariant',
    `"""A buyable item of a product: a template's variant, or the item itself."""
type ProductVariant {
  item_code: String!
  item_name: String!
  image: String
  "attribute → value"
  attributes: JSON!
  price: ProductPrice
  "null when the shop does not show availability"
  in_stock: Boolean
  "projected quantity in the website warehouse, when the shop shows it"
  stock_qty: Decimal
}`,
  ],
  ['Product', `"""A published product (Website Item) as a listing shows it."""\ntype Product {\n${productFields()}\n}`],
  [
    'ProductDetail',
    `"""A product page: the listing's fields with descriptions, SEO fields and specifications."""
type ProductDetail {
${productFields()}
  web_long_description: String
  meta_title: String
  meta_description: String
  meta_keywords: String
  website_specifications: [ProductSpecification!]!
  "the item group and the groups above it, nearest first"
  breadcrumbs: [String!]!
  stock_uom: String
  "the quantity the prices are for"
  qty: Decimal!
}`,
  ],
  [
    'ProductSpecification',
    `type ProductSpecification {
  label: String!
  description: String
}`,
  ],
  [
    'ProductConnection',
    `"""A page of products."""
type ProductConnection {
  items: [Product!]!
  "products matching the filter, on every page"
  total_count: Int!
  page_info: PageInfo!
}`,
  ],
  [
    'FacetValue',
    `type FacetValue {
  value: String!
  "products the value would keep"
  count: Int!
}`,
  ],
  [
    'AttributeFacet',
    `type AttributeFacet {
  attribute: String!
  values: [FacetValue!]!
}`,
  ],
  [
    'PriceBounds',
    `type PriceBounds {
  min: Decimal
  max: Decimal
}`,
  ],
  [
    'ProductFacets',
    `"""Counts for narrowing a listing: each facet's own selection is left out of its counts."""
type ProductFacets {
  attributes: [AttributeFacet!]!
  brands: [FacetValue!]!
  item_groups: [FacetValue!]!
  price: PriceBounds!
  total: Int!
}`,
  ],
  [
    'ItemGroupNode',
    `"""An item group of the catalogue tree, with its published products (its own and its descendants')."""
type ItemGroupNode {
  name: String!
  parent_item_group: String
  is_group: Boolean!
  product_count: Int!
  children: [ItemGroupNode!]!
}`,
  ],
  [
    'ProductFilterInput',
    `"""What to narrow products to; all given parts apply together."""
input ProductFilterInput {
  "this group and the groups under it"
  item_group: String
  brand: [String!]
  "{attribute: [values]}: one variant must carry an accepted value of each attribute"
  attributes: JSON
  price_min: Decimal
  price_max: Decimal
  in_stock: Boolean
}`,
  ],
  [
    'ProductSort',
    `enum ProductSort {
  ranking
  newest
  name
  price_asc
  price_desc
}`,
  ],
];

function productFields(): string {
  return [
    '  name: String!',
    '  item_code: String!',
    '  web_item_name: String!',
    '  route: String!',
    '  item_group: String!',
    '  brand: String',
    '  website_image: String',
    '  short_description: String',
    '  ranking: Int',
    '  has_variants: Boolean!',
    '  website_warehouse: String',
    '  price: ProductPriceRange',
    '  in_stock: Boolean',
    '  stock_qty: Decimal',
    '  attributes: [ProductAttribute!]!',
    '  variants: [ProductVariant!]!',
  ].join('\n');
}

/** Root query fields: [signature, type, description]. */
export const STOREFRONT_QUERIES: [string, string, string][] = [
  ['itemGroupTree', '[ItemGroupNode!]!', 'The item group tree with published product counts (itemGroups is the Item Group doctype list)'],
  ['product(route: String!, qty: Decimal)', 'ProductDetail!', 'A published product by its route, priced for the caller and `qty` (default 1)'],
  ['productFacets(filter: ProductFilterInput, search: String)', 'ProductFacets!', 'Facet counts (attributes, brands, item groups, price bounds) of the products a filter and search leave'],
  [
    'products(filter: ProductFilterInput, search: String, sort: ProductSort, first: Int, after: String)',
    'ProductConnection!',
    'Published products: filter, full-text search (name, description, code), sort (default ranking), first (default the shop\'s page size, at most 100), after (end_cursor of the previous page)',
  ],
];

type Resolver = GraphQLFieldResolver<unknown, GraphqlContext, Record<string, unknown>>;

/** The GraphQL arguments as the storefront's plain input (Decimals as their digits). */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (typeof v === 'object' && 'toFixed' in (v as object) && typeof (v as { toFixed: unknown }).toFixed === 'function') return (v as { toFixed(): string }).toFixed();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The root fields STOREFRONT_QUERIES declares, by name (their executed results are kept: storefront-result-cache.ts). */
export const STOREFRONT_QUERY_NAMES: readonly string[] = STOREFRONT_QUERIES.map(([signature]) => signature.split('(')[0]);

export function storefrontResolvers(storefront: () => StorefrontService): Record<string, Resolver> {
  const answer =
    (op: string, run: (s: StorefrontService, ctx: Ctx, shop: Shop, args: Record<string, unknown>) => Promise<unknown>): Resolver =>
    (_src, given, c) =>
      c.read(async (ctx) => {
        const args = plain(given) as Record<string, unknown>;
        const s = storefront();
        const cached = await s.answer(ctx, op, args, (shop) => run(s, ctx, shop, args));
        // the engine's parser when no number needs more digits than a double holds (most answers)
        return cached.plain ? JSON.parse(cached.body.toString()) : parseExactJson(cached.body.toString());
      });
  return {
    products: answer('products', (s, ctx, shop, a) => s.products(ctx, shop, { filter: a.filter as ProductFilterInput, search: a.search as string, sort: a.sort, first: a.first, after: a.after as string })),
    productFacets: answer('facets', (s, ctx, shop, a) => s.facets(ctx, shop, { filter: a.filter as ProductFilterInput, search: a.search as string })),
    product: answer('product', (s, ctx, shop, a) => s.product(ctx, shop, String(a.route as string), productQty(a.qty))),
    itemGroupTree: answer('itemGroups', (s, ctx, shop) => s.itemGroups(ctx, shop)),
  };
}
