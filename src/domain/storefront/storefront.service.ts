import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { Ctx, SessionUser } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { fullTextMatch } from '../../kernel/db/full-text';
import { isStatementTimeout } from '../../kernel/db/statement-time';
import { DataError, DoesNotExistError, QueryTimeoutError } from '../../kernel/errors/errors';
import { TreeIndex } from '../../kernel/document/tree-index';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { today } from '../../kernel/time/clock';
import { Buyer, buyerOf, PriceBook } from '../pricing/price-book';
import { CARD_COLUMNS, pricedCards, PricedCard, ProductCard, stockedCards, WebsiteItemRow } from './product-cards';
import { productFacets, ProductFacets } from './product-facets';
import { decodeCursor, encodeCursor, ProductFilter, productQuery, ShopContext } from './product-query';
import { pageSize, productFilter, ProductFilterInput, productSort } from './storefront-args';
import { CachedBody, CachePart, CATALOG, CATALOG_AND_PRICES, Held, Memo, MemoMany, PRICES, StorefrontCache } from './storefront-cache';
import { webshopSettings, WebshopSettings } from './webshop-settings';

/** A page of products, GraphQL's connection shape: the cards, the total and where the next page starts. */
export interface ProductPage {
  items: ProductCard[];
  total_count: number;
  page_info: { has_next_page: boolean; end_cursor: string | null };
}

export interface ProductListInput {
  filter?: ProductFilterInput;
  search?: string | null;
  sort?: unknown;
  first?: unknown;
  after?: string | null;
  /** offset paging (ERPNext's `start`), instead of a cursor */
  start?: number;
}

export interface ProductDetail extends ProductCard {
  web_long_description: string | null;
  meta_title: string | null;
  meta_description: string | null;
  meta_keywords: string | null;
  website_specifications: { label: string; description: string | null }[];
  /** the item group and its parents, root last */
  breadcrumbs: string[];
  stock_uom: string | null;
  /** the quantity the prices are for */
  qty: number;
}

export interface ItemGroupNode {
  name: string;
  parent_item_group: string | null;
  is_group: boolean;
  /** published products in this group and the groups under it */
  product_count: number;
  children: ItemGroupNode[];
}

/** What a storefront read answers, with what its HTTP caching needs to know. */
export interface StorefrontAnswer extends CachedBody {
  /** the same for every guest: a CDN may keep it */
  shared: boolean;
}

/**
 * The storefront's reads: product lists with filters and facets, a product by route, the item
 * group tree. Every answer is computed from published Website Items only (whoever asks), priced
 * by the one price function for the caller (price list, customer, quantity), and cached until
 * a storefront table changes (StorefrontCache).
 */
@Injectable()
export class StorefrontService {
  constructor(
    private readonly cache: StorefrontCache,
    private readonly prices: PriceBook,
    private readonly db: Database,
    private readonly registry: MetaRegistry,
    private readonly config: AppConfig,
    private readonly trees: TreeIndex,
  ) {}

  /**
   * `compute`'s answer for the caller, from the cache when it is current; wrapped as `wrap` says
   * (REST's {message}: a wrapped and a bare answer to the same arguments are kept apart).
   */
  async answer(ctx: Ctx, op: string, args: unknown, compute: (shop: Shop) => Promise<unknown>, wrap?: (v: unknown) => unknown): Promise<StorefrontAnswer> {
    const read = await this.cache.read();
    const shop = await this.shop(ctx, read.memo, read.many);
    const shared = ctx.isGuest;
    const key = JSON.stringify([op, !!wrap, args, shared ? null : shop.buyer]);
    const body = await read.answer(key, async () => {
      const value = await this.bounded(() => compute(shop));
      return wrap ? wrap(value) : value;
    });
    return { ...body, shared };
  }

  /**
   * A result computed elsewhere from storefront answers only (a GraphQL query of storefront
   * fields), kept for the caller like an answer (guests share one).
   */
  async held<T>(user: SessionUser, key: string): Promise<Held<T>> {
    return (await this.cache.read()).held<T>(JSON.stringify([key, user.name === 'Guest' ? null : user.name]));
  }

  /** A statement stopped at STOREFRONT_STATEMENT_MS answers 503 with Retry-After instead of holding the database. */
  private async bounded<T>(compute: () => Promise<T>): Promise<T> {
    try {
      return await compute();
    } catch (err) {
      if (!isStatementTimeout(err)) throw err;
      const busy = new QueryTimeoutError(`The catalogue took longer than ${this.config.storefrontStatementMs} ms to answer this filter; narrow it or retry shortly`);
      busy.headers = { 'Retry-After': '5' };
      throw busy;
    }
  }

  /** The shop as the caller sees it: settings, today's date and the buyer prices are for; `memo` and `many` keep what is read (StorefrontCache.read). */
  async shop(ctx: Ctx, memo: Memo, many: MemoMany): Promise<Shop> {
    const settings = await memo('settings', () => webshopSettings(ctx), CATALOG);
    const date = today();
    const buyer = await memo(`buyer|${ctx.user.name}`, () => buyerOf(ctx, settings.default_customer_group), CATALOG);
    return { settings, buyer, memo, many, query: { engine: this.db.engine, price_list: settings.price_list, today: date, statement_ms: this.config.storefrontStatementMs } };
  }

  async products(ctx: Ctx, shop: Shop, input: ProductListInput): Promise<ProductPage> {
    const filter = await productFilter(ctx, shop.memo, input.filter ?? {}, input.search ?? null, (term) => this.search(term));
    const sort = productSort(input.sort);
    const first = pageSize(input.first, shop.settings.products_per_page);
    const after = decodeCursor(input.after);
    const q = productQuery(shop.query, filter, sort, first, after, CARD_COLUMNS, input.start ?? 0);
    // The total depends on the filter only: every page of it shares one cached count, kept until
    // a part the filter reads changes. (The page's own rows are not kept apart from its answer:
    // most pages are asked once, and keeping them cost more than reading them.)
    const [rows, total] = await Promise.all([
      ctx.db.query<WebsiteItemRow & Record<string, unknown>>(q.page.sql, q.page.params),
      shop.memo(JSON.stringify(['count', q.count.sql, q.count.params]), async () => Number((await ctx.db.query<{ n: number | string }>(q.count.sql, q.count.params))[0]?.n ?? 0), partsOf(filter)),
    ]);
    const more = rows.length > first;
    const page = rows.slice(0, first);
    const items = await this.cards(ctx, shop, page, new Money(1));
    const last = page[page.length - 1];
    return {
      items,
      total_count: total,
      page_info: { has_next_page: more, end_cursor: last ? encodeCursor(q.page.keys.map((k) => last[k])) : null },
    };
  }

  async facets(ctx: Ctx, shop: Shop, input: Pick<ProductListInput, 'filter' | 'search'>): Promise<ProductFacets> {
    const filter = await productFilter(ctx, shop.memo, input.filter ?? {}, input.search ?? null, (term) => this.search(term));
    return productFacets(ctx.db, shop.query, filter);
  }

  /** A published product by its route, with the variant matrix priced for `qty`. */
  async product(ctx: Ctx, shop: Shop, route: string, qty: Money): Promise<ProductDetail> {
    const [row] = await shop.memo(
      JSON.stringify(['product', route, shop.query.today]),
      () =>
        ctx.db.query<WebsiteItemRow & Record<string, unknown>>(
          `SELECT ${CARD_COLUMNS.map((c) => `wi.${c}`).join(', ')}, wi.web_long_description, wi.meta_title, wi.meta_description, wi.meta_keywords, it.stock_uom ` +
            'FROM `tabWebsite Item` wi JOIN `tabItem` it ON it.name = wi.item_code WHERE wi.route = ? AND wi.published = 1 AND it.disabled = 0 AND (it.end_of_life IS NULL OR it.end_of_life > ?)',
          [route, shop.query.today],
        ),
      CATALOG,
    );
    if (!row) throw new DoesNotExistError(`Product ${route} not found`);
    const [[card], specs, breadcrumbs] = await Promise.all([
      this.cards(ctx, shop, [row], qty),
      shop.memo(
        JSON.stringify(['specifications', row.name]),
        () =>
          ctx.db.query<{ label: string; description: string | null }>(
            "SELECT label, description FROM `tabItem Website Specification` WHERE parent = ? AND parenttype = 'Website Item' ORDER BY idx",
            [row.name],
          ),
        CATALOG,
      ),
      this.trees.chain(ctx, 'Item Group', row.item_group),
    ]);
    const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v as string));
    return {
      ...card,
      web_long_description: str(row.web_long_description),
      meta_title: str(row.meta_title) ?? row.web_item_name,
      meta_description: str(row.meta_description) ?? str(row.short_description),
      meta_keywords: str(row.meta_keywords),
      website_specifications: specs.map((s) => ({ label: s.label, description: s.description ?? null })),
      breadcrumbs: [...(breadcrumbs ?? [])],
      stock_uom: str(row.stock_uom),
      qty: qty.toNumber(),
    };
  }

  /** The item group tree with the number of published products under each group. */
  async itemGroups(ctx: Ctx, shop: Shop): Promise<ItemGroupNode[]> {
    const [groups, counts] = await Promise.all([
      ctx.db.query<{ name: string; parent_item_group: string | null; is_group: number; lft: number; rgt: number }>(
        'SELECT name, parent_item_group, is_group, lft, rgt FROM `tabItem Group` ORDER BY lft',
      ),
      ctx.db.query<{ item_group: string; n: number | string }>(
        "SELECT wi.item_group AS item_group, COUNT(*) AS n FROM `tabWebsite Item` wi JOIN `tabItem` it ON it.name = wi.item_code WHERE wi.published = 1 AND (wi.variant_of IS NULL OR wi.variant_of = '') " +
          'AND it.disabled = 0 AND (it.end_of_life IS NULL OR it.end_of_life > ?) GROUP BY wi.item_group',
        [shop.query.today],
      ),
    ]);
    const own = new Map(counts.map((c) => [c.item_group, Number(c.n)]));
    const nodes = new Map<string, ItemGroupNode>();
    const roots: ItemGroupNode[] = [];
    for (const g of groups) {
      const node: ItemGroupNode = { name: g.name, parent_item_group: g.parent_item_group || null, is_group: !!Number(g.is_group), product_count: 0, children: [] };
      nodes.set(g.name, node);
      const parent = g.parent_item_group ? nodes.get(g.parent_item_group) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    const total = (n: ItemGroupNode): number => (n.product_count = (own.get(n.name) ?? 0) + n.children.reduce((s, c) => s + total(c), 0));
    roots.forEach(total);
    return roots;
  }

  /** The item code's own product card (a template's or a plain item's Website Item, else the template's of a variant). */
  async productOfItem(ctx: Ctx, shop: Shop, itemCode: string, qty: Money): Promise<{ card: ProductCard; variant: string | null; stock_uom: string }> {
    const rows = await ctx.db.query<WebsiteItemRow & { stock_uom: string }>(
      `SELECT ${CARD_COLUMNS.map((c) => `wi.${c}`).join(', ')}, it.stock_uom FROM \`tabWebsite Item\` wi JOIN \`tabItem\` it ON it.name = ? ` +
        'WHERE wi.published = 1 AND (wi.item_code = it.name OR wi.item_code = it.variant_of) ORDER BY CASE WHEN wi.item_code = it.name THEN 0 ELSE 1 END',
      [itemCode],
    );
    if (!rows.length) throw new DoesNotExistError(`Item ${itemCode} is not published`);
    const [card] = await this.cards(ctx, shop, [rows[0]], qty);
    return { card, variant: rows[0].item_code === itemCode ? null : itemCode, stock_uom: rows[0].stock_uom };
  }

  /**
   * The products' cards priced for the buyer and `qty`, with their stock. Each card is kept like
   * an answer, and apart from it its priced part (outdated by catalogue and price changes only):
   * pages sharing products compute each card once, and after a stock movement a page reads
   * only its stock again (one statement). Only what is not kept is read, together.
   */
  private async cards(ctx: Ctx, shop: Shop, rows: WebsiteItemRow[], qty: Money): Promise<ProductCard[]> {
    const scope = JSON.stringify([shop.buyer, shop.query.today, qty.toFixed()]);
    /** the rows by their kept values' keys */
    const keyed = (what: string, of: WebsiteItemRow[]) => new Map(of.map((r) => [`${what}|${scope}|${r.name}`, r]));
    const byCard = keyed('card', rows);
    const cards = await shop.many<ProductCard>([...byCard.keys()], async (missing) => {
      const byPriced = keyed('priced', missing.map((k) => byCard.get(k)!));
      const priced = await shop.many<PricedCard>(
        [...byPriced.keys()],
        async (unpriced) => {
          const fresh = await pricedCards(ctx.db, unpriced.map((k) => byPriced.get(k)!), shop.query.today, shop.settings, (lines) =>
            this.prices.price(
              ctx,
              { price_list: shop.settings.price_list, date: shop.query.today, buyer: shop.buyer, for_shopping_cart: true },
              lines.map((l) => ({ ...l, qty })),
              (key, load) => shop.memo(key, load, PRICES),
            ),
          );
          return new Map(fresh.map((p, i) => [unpriced[i], p]));
        },
        CATALOG_AND_PRICES,
      );
      const stocked = await stockedCards(ctx.db, [...byPriced.keys()].map((k) => priced.get(k)!), shop.settings);
      return new Map(stocked.map((card, i) => [missing[i], card]));
    });
    return [...byCard.keys()].map((k) => cards.get(k)!);
  }

  private search(term: string): { sql: string; params: unknown[] } {
    const meta = this.registry.get('Website Item');
    if (!meta) throw new Error('Website Item is not a registered doctype');
    const match = fullTextMatch(this.db.engine, meta, 'wi', term);
    if (!match) throw new DataError('search: give at least one word to search for');
    return match;
  }
}

/** The parts a filter's products are read from: the catalogue, and prices or stock when it filters on them. */
function partsOf(filter: ProductFilter): readonly CachePart[] {
  return [...CATALOG, ...(filter.price_min || filter.price_max ? PRICES : []), ...(filter.in_stock ? (['stock'] as const) : [])];
}

/** The shop for one caller. */
export interface Shop {
  settings: WebshopSettings;
  buyer: Buyer;
  query: ShopContext;
  /** what the request's answer is computed from, kept with the cached answers */
  memo: Memo;
  many: MemoMany;
}
