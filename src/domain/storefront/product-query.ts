import Decimal from 'decimal.js';
import { withTimeLimit } from '../../kernel/db/statement-time';
import { ValidationError } from '../../kernel/errors/errors';
import { indexName } from '../../kernel/metadata/table';
import { decimalSql } from '../stock/reports/decimal-sql';

/** What a shopper narrows the catalogue by (every part optional; all given parts apply together). */
export interface ProductFilter {
  /** this group and every group under it */
  item_group?: { name: string; lft: number; rgt: number } | null;
  brands?: string[];
  /** attribute → accepted values: one variant must carry an accepted value of every attribute named */
  attributes?: Record<string, string[]>;
  price_min?: Decimal | null;
  price_max?: Decimal | null;
  /** only products some variant of which can be bought from the website warehouse now */
  in_stock?: boolean;
  /** a full-text condition on `wi` (kernel fullTextMatch), already cleaned */
  search?: { sql: string; params: unknown[] } | null;
}

export const PRODUCT_SORTS = ['ranking', 'newest', 'name', 'price_asc', 'price_desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The shop's context of a query: its selling price list and the day prices are valid on. */
export interface ShopContext {
  engine: 'mariadb' | 'sqlite';
  price_list: string | null;
  today: string;
  /** the time budget of each listing and facet statement (MariaDB), null for none */
  statement_ms: number | null;
}

/** `sql` stopped at the shop's statement time budget (the public can ask for costly filters). */
export const limited = (shop: ShopContext, sql: string) => withTimeLimit(shop.engine, shop.statement_ms, sql);

interface SortKey {
  expr: string;
  column: string;
  desc: boolean;
}

/** The Website Item index that reads each sort in order (its definition's `indexes`), when one does. */
const SORT_INDEX: Partial<Record<ProductSort, string[]>> = {
  ranking: ['published', 'ranking', 'creation'],
  newest: ['published', 'creation'],
  name: ['published', 'web_item_name'],
};

/** Sorts a product list can be asked for, each ending on the name so that the order is total. */
const SORT_KEYS: Record<ProductSort, (price: string) => SortKey[]> = {
  ranking: () => [
    // ranking is never NULL (Int, default 0): ordering on the column itself leaves the index usable
    { expr: 'wi.ranking', column: 'sort_ranking', desc: true },
    { expr: 'wi.creation', column: 'sort_creation', desc: true },
  ],
  newest: () => [{ expr: 'wi.creation', column: 'sort_creation', desc: true }],
  name: () => [{ expr: 'wi.web_item_name', column: 'sort_title', desc: false }],
  price_asc: (price) => [{ expr: price, column: 'sort_price', desc: false }],
  price_desc: (price) => [{ expr: price, column: 'sort_price', desc: true }],
};

/** A price no product reaches: unpriced products sort after every priced one. */
const NO_PRICE = '999999999999999';

export interface ProductQuery {
  /** SELECT of the page's Website Items (the columns asked for and the sort columns), `limit + 1` rows to tell whether more follow */
  page: { sql: string; params: unknown[]; keys: string[] };
  count: { sql: string; params: unknown[] };
}

/** The published products a filter leaves, as SQL on `wi` (Website Item) joined with its Item `it`. */
export interface ProductWhere {
  from: string;
  where: string;
  params: unknown[];
  /** the product's lowest current general price in the shop's price list (NULL when unpriced), and its parameters */
  minPrice: string;
  /** the same, unpriced products after every price (for sorting) */
  price: string;
  priceParams: unknown[];
}

const fromOf = (index?: string) => `FROM \`tabWebsite Item\` wi${index ? ` FORCE INDEX (${index})` : ''} JOIN \`tabItem\` it ON it.name = wi.item_code`;
const FROM = fromOf();

/** An item that can be sold now, on alias `a` (one `?`: today). */
const liveItem = (a: string) => `${a}.has_variants = 0 AND ${a}.disabled = 0 AND (${a}.end_of_life IS NULL OR ${a}.end_of_life > ?)`;

/**
 * The two ways an item `a` belongs to the product `wi`, each served by an index: a template's
 * variants (by variant_of), or a plain item itself (by name). A product takes exactly one of
 * them, so a statement per way (or an OR of EXISTS) never counts a product twice; one OR
 * across both columns would leave the database no index and scan every item per product.
 */
const WAYS = ['wi.has_variants = 1 AND {a}.variant_of = wi.item_code', 'wi.has_variants = 0 AND {a}.name = wi.item_code'];

/** The condition that an item of the product `wi`, on alias `a`, is buyable, one per way (each with one `?`: today). */
export const buyableWays = (a: string) => WAYS.map((way) => `${way.replace('{a}', a)} AND ${liveItem(a)}`);

/** EXISTS a buyable item `v` of the product `wi` for which `more` holds. */
function existsBuyable(today: string, more: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  const ways = buyableWays('v').map((way) => `EXISTS (SELECT 1 FROM \`tabItem\` v WHERE ${way} AND ${more.sql})`);
  return { sql: `(${ways.join(' OR ')})`, params: ways.flatMap(() => [today, ...more.params]) };
}

export function productWhere(shop: ShopContext, filter: ProductFilter): ProductWhere {
  const d = decimalSql(shop.engine);
  const where: string[] = [
    'wi.published = 1',
    "(wi.variant_of IS NULL OR wi.variant_of = '')",
    'it.disabled = 0',
    '(it.end_of_life IS NULL OR it.end_of_life > ?)',
  ];
  const params: unknown[] = [shop.today];

  if (filter.item_group) {
    where.push('wi.item_group IN (SELECT g.name FROM `tabItem Group` g WHERE g.lft >= ? AND g.rgt <= ?)');
    params.push(filter.item_group.lft, filter.item_group.rgt);
  }
  if (filter.brands?.length) {
    where.push(`wi.brand IN (${filter.brands.map(() => '?').join(', ')})`);
    params.push(...filter.brands);
  }
  const attributes = Object.entries(filter.attributes ?? {}).filter(([, values]) => values.length);
  const exists = (more: { sql: string; params: unknown[] }) => {
    const e = existsBuyable(shop.today, more);
    where.push(e.sql);
    params.push(...e.params);
  };
  if (attributes.length) {
    exists({
      sql: attributes
        .map(
          ([, values]) =>
            `EXISTS (SELECT 1 FROM \`tabItem Variant Attribute\` a WHERE a.parent = v.name AND a.parenttype = 'Item' AND a.attribute = ? AND a.attribute_value IN (${values.map(() => '?').join(', ')}))`,
        )
        .join(' AND '),
      params: attributes.flatMap(([attribute, values]) => [attribute, ...values]),
    });
  }
  if (filter.in_stock) {
    exists({
      sql:
        '(v.is_stock_item = 0 OR EXISTS (SELECT 1 FROM `tabBin` b WHERE b.item_code = v.name ' +
        `AND (wi.website_warehouse IS NULL OR wi.website_warehouse = '' OR b.warehouse = wi.website_warehouse) AND ${d.vsZero('b.projected_qty', '>')}))`,
      params: [],
    });
  }
  if (filter.search) {
    where.push(filter.search.sql);
    params.push(...filter.search.params);
  }

  // The product's lowest current general price in the shop's price list: a template's over its
  // buyable variants (driven by the variant_of index), falling back to its own; an item's own.
  // No OR across item and variants: each subquery is a few index lookups per product.
  const live = "ip.price_list = ? AND (ip.customer IS NULL OR ip.customer = '') AND (ip.valid_from IS NULL OR ip.valid_from <= ?) AND (ip.valid_upto IS NULL OR ip.valid_upto >= ?)";
  const liveParams = [shop.price_list ?? '', shop.today, shop.today];
  const own = `(SELECT ${d.min('ip.price_list_rate')} FROM \`tabItem Price\` ip WHERE ip.item_code = wi.item_code AND ${live})`;
  const ofVariants =
    `(SELECT ${d.min('ip.price_list_rate')} FROM \`tabItem\` v JOIN \`tabItem Price\` ip ON ip.item_code = v.name AND ${live} ` +
    `WHERE v.variant_of = wi.item_code AND ${liveItem('v')})`;
  const minPrice = `(CASE WHEN wi.has_variants = 1 THEN COALESCE(${ofVariants}, ${own}) ELSE ${own} END)`;
  const priceParams = [...liveParams, shop.today, ...liveParams, ...liveParams];
  if (filter.price_min) {
    where.push(d.compare(minPrice, d.param, '>='));
    params.push(...priceParams, filter.price_min.toFixed());
  }
  if (filter.price_max) {
    where.push(d.compare(minPrice, d.param, '<='));
    params.push(...priceParams, filter.price_max.toFixed());
  }

  return { from: FROM, where: where.join(' AND '), params, minPrice, price: `COALESCE(${minPrice}, ${NO_PRICE})`, priceParams };
}

/**
 * The SQL of one page of published products (templates and items that are not variants) and of
 * their total, on alias `wi` (Website Item) joined with its Item `it`. Every value is a bound
 * parameter; identifiers come from this file only. Pagination is by keyset: the cursor holds
 * the last row's sort values, so a page costs the same wherever it is.
 */
export function productQuery(
  shop: ShopContext,
  filter: ProductFilter,
  sort: ProductSort,
  limit: number,
  after: unknown[] | null,
  columns: readonly string[],
  offset = 0,
): ProductQuery {
  const { from, where: whereSql, params, price, priceParams } = productWhere(shop, filter);
  const sortKeys = SORT_KEYS[sort](price);
  // the name breaks ties in the direction of the last key, so that one index direction serves the whole order
  const keys = [...sortKeys, { expr: 'wi.name', column: 'sort_name', desc: sortKeys[sortKeys.length - 1].desc }];
  // MariaDB prefers the published-only prefix of the sort's index, then skips every product
  // before the cursor; read in the sort's order instead, unless a search or brand narrows the
  // rows enough that another index is better.
  const index = SORT_INDEX[sort];
  const inOrder = shop.engine === 'mariadb' && index && !filter.search && !filter.brands?.length ? fromOf(indexName('tabWebsite Item', index)) : from;
  const usesPrice = sort === 'price_asc' || sort === 'price_desc';
  const selectKeys = keys.map((k) => `${k.expr} AS ${k.column}`).join(', ');
  const inner = `SELECT ${columns.map((c) => `wi.${c} AS ${c}`).join(', ')}, ${selectKeys} ${inOrder} WHERE ${whereSql}`;
  const innerParams = [...(usesPrice ? priceParams : []), ...params];

  const orderOf = (k: SortKey) => `${usesPrice && k.column === 'sort_price' && shop.engine === 'sqlite' ? `dec_key(p.${k.column})` : `p.${k.column}`} ${k.desc ? 'DESC' : 'ASC'}`;
  let cursorSql = '';
  const cursorParams: unknown[] = [];
  if (after) {
    if (after.length !== keys.length) throw new ValidationError('after: not a cursor of this sort');
    const ors: string[] = [];
    keys.forEach((k, i) => {
      const eqs = keys.slice(0, i).map((e) => cmp(shop, e, '='));
      ors.push(`(${[...eqs, cmp(shop, k, k.desc ? '<' : '>')].join(' AND ')})`);
      keys.slice(0, i).forEach((_, j) => cursorParams.push(after[j]));
      cursorParams.push(after[i]);
    });
    // the first key's bound on its own lets the index start at the cursor instead of filtering every row
    cursorSql = ` WHERE ${cmp(shop, keys[0], keys[0].desc ? '<=' : '>=')} AND (${ors.join(' OR ')})`;
    cursorParams.unshift(after[0]);
  }
  return {
    page: {
      sql: limited(shop, `SELECT * FROM (${inner}) p${cursorSql} ORDER BY ${keys.map(orderOf).join(', ')} LIMIT ?${offset && !after ? ' OFFSET ?' : ''}`),
      params: [...innerParams, ...cursorParams, limit + 1, ...(offset && !after ? [offset] : [])],
      keys: keys.map((k) => k.column),
    },
    count: { sql: limited(shop, `SELECT COUNT(*) AS n ${from} WHERE ${whereSql}`), params },
  };
}

/** `p.<key> <op> ?`, the price compared exactly. */
function cmp(shop: ShopContext, k: SortKey, op: '=' | '<' | '>' | '<=' | '>='): string {
  if (k.column !== 'sort_price') return `p.${k.column} ${op} ?`;
  const d = decimalSql(shop.engine);
  return d.compare(`p.${k.column}`, d.param, op);
}

/** A cursor: the last row's sort values, opaque to clients. */
export function encodeCursor(values: unknown[]): string {
  const plain = values.map((v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : v instanceof Decimal ? v.toFixed() : String(v as string)));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.every((v) => v === null || typeof v === 'string' || Number.isFinite(v))) return values;
  } catch {
    // reported below
  }
  throw new ValidationError('after: not a valid cursor (pass the endCursor of the previous page)');
}
