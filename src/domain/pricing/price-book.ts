import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { TreeIndex } from '../../kernel/document/tree-index';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { Buyer } from './buyer';
import { price } from './price';
import { CouponCodeRow, ItemPriceRow, MarginType, PricingRuleRow } from './types';

export { Buyer, buyerOf } from './buyer';

/** One line to price: an item, its classification, its unit and quantity. */
export interface PriceLine {
  item_code: string;
  item_group: string | null;
  brand: string | null;
  variant_of: string | null;
  /** the line's unit (the item's stock UOM unless told) */
  uom: string;
  /** stock units in one `uom` (1 when the line is in the stock UOM) */
  conversion_factor?: Decimal;
  stock_uom?: string;
  qty: Decimal;
}

/** Where the lines are priced: the price list, the day, the buyer, and optionally a company and a coupon. */
export interface PriceContext {
  price_list: string | null;
  date: string;
  buyer: Buyer;
  company?: string | null;
  coupon_code?: string | null;
  /** the price list rate only (ERPNext's ignore_pricing_rule) */
  ignore_pricing_rules?: boolean;
  /** a tie between rules takes the first (by name) instead of refusing: what the webshop asks of ERPNext */
  for_shopping_cart?: boolean;
}

/** A line's price, null figures when the item has no price in the list. */
export interface ItemPrice {
  price_list_rate: Money | null;
  rate: Money | null;
  discount_percentage: Money | null;
  discount_amount: Money | null;
  /** the applied rule's margin (null and 0 when none), and the price list rate with it (0 when none) */
  margin_type: MarginType | null;
  margin_rate_or_amount: Money;
  rate_with_margin: Money;
  currency: string | null;
  pricing_rules: string[];
  /** the Item Price row the rate came from */
  item_price: string | null;
  coupon_code: string | null;
}

const IN = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Keeps what a price is computed from between calls (the storefront's cache keeps it per generation); by default each call reads afresh. */
export type PriceMemo = <T>(key: string, load: () => Promise<T>) => Promise<T>;
const afresh: PriceMemo = (_key, load) => load();

/**
 * The one price function of Docket's selling side, through the database: it reads the Item
 * Prices, Pricing Rules (with their item, group and brand rows), the groups' and territories'
 * ancestors (TreeIndex) and the coupon that can apply to the lines (a fixed number of statements
 * for any number of lines), and leaves the choice to the pure rules in this folder. The storefront,
 * get_item_details, and later the cart, orders and invoices take their rates from here; a
 * client never sets one. Rules and prices are read as the system: a guest is priced by rules
 * it cannot read. The price list and the rules are read through `memo`, so a caller
 * that keeps them (the storefront) reads only the Item Prices of its lines.
 */
@Injectable()
export class PriceBook {
  constructor(
    private readonly registry: MetaRegistry,
    private readonly trees: TreeIndex,
  ) {}

  async price(ctx: Ctx, where: PriceContext, lines: PriceLine[], memo: PriceMemo = afresh): Promise<Map<string, ItemPrice>> {
    const out = new Map<string, ItemPrice>();
    const priceList = where.price_list;
    if (!lines.length || !priceList) return out;
    const db = ctx.db;
    const codes = [...new Set(lines.flatMap((l) => [l.item_code, ...(l.variant_of ? [l.variant_of] : [])]))];
    const [currency, prices, rules, itemGroups, customerGroups, territories, coupons] = await Promise.all([
      memo(`price-list|${priceList}`, async () => (await db.query<{ currency: string | null }>('SELECT currency FROM `tabPrice List` WHERE name = ?', [priceList]))[0]?.currency ?? null),
      db.query<ItemPriceRow>(
        'SELECT name, item_code, price_list, uom, customer, price_list_rate, currency, valid_from, valid_upto FROM `tabItem Price` ' +
          `WHERE price_list = ? AND item_code IN (${IN(codes.length)}) AND (customer IS NULL OR customer = ''${where.buyer.customer ? ' OR customer = ?' : ''})`,
        [where.price_list, ...codes, ...(where.buyer.customer ? [where.buyer.customer] : [])],
      ),
      where.ignore_pricing_rules ? Promise.resolve([] as PricingRuleRow[]) : memo(`rules|${where.date}`, () => this.rules(ctx, where.date)),
      this.trees.ancestors(ctx, 'Item Group', lines.flatMap((l) => (l.item_group ? [l.item_group] : []))),
      this.trees.ancestors(ctx, 'Customer Group', where.buyer.customer_group ? [where.buyer.customer_group] : []),
      this.trees.ancestors(ctx, 'Territory', where.buyer.territory ? [where.buyer.territory] : []),
      where.coupon_code
        ? db.query<CouponCodeRow>('SELECT name, coupon_code, pricing_rule, valid_from, valid_upto, maximum_use, used, customer, coupon_type FROM `tabCoupon Code` WHERE coupon_code = ? OR name = ?', [
            where.coupon_code,
            where.coupon_code,
          ])
        : Promise.resolve([] as CouponCodeRow[]),
    ]);
    const chain = (chains: Map<string, readonly string[]>, node: string | null) => (node ? (chains.get(node) ?? [node]) : []);
    const precision = this.registry.numbers.currencyPrecision(currency);
    for (const line of lines) {
      const result = price(
        {
          item_code: line.item_code,
          item_group_ancestors: chain(itemGroups, line.item_group),
          brand: line.brand,
          variant_of: line.variant_of,
          customer: where.buyer.customer,
          customer_group_ancestors: chain(customerGroups, where.buyer.customer_group),
          territory_ancestors: chain(territories, where.buyer.territory),
          company: where.company ?? null,
          price_list: priceList,
          currency,
          uom: line.uom,
          stock_uom: line.stock_uom ?? line.uom,
          conversion_factor: line.conversion_factor ?? null,
          qty: line.qty,
          transaction_date: where.date,
          coupon_code: where.coupon_code ?? null,
        },
        { prices, rules, coupons },
        { precision, rounding_method: this.registry.numbers.roundingMethod, today: where.date, for_shopping_cart: where.for_shopping_cart },
      );
      out.set(line.item_code, {
        price_list_rate: result ? result.price_list_rate : null,
        rate: result ? result.rate : null,
        discount_percentage: result ? result.discount_percentage : null,
        discount_amount: result ? result.discount_amount : null,
        margin_type: result ? result.margin_type : null,
        margin_rate_or_amount: result ? result.margin_rate_or_amount : new Money(0),
        rate_with_margin: result ? result.rate_with_margin : new Money(0),
        currency,
        pricing_rules: result ? result.pricing_rules : [],
        item_price: result ? result.item_price : null,
        coupon_code: result ? result.coupon_code : null,
      });
    }
    return out;
  }

  /** The selling rules valid on `date`, with their item, group and brand rows (two statements). */
  private async rules(ctx: Ctx, date: string): Promise<PricingRuleRow[]> {
    const rows = await ctx.db.query<PricingRuleRow & Record<string, unknown>>(
      'SELECT * FROM `tabPricing Rule` WHERE disable = 0 AND selling = 1 AND (valid_from IS NULL OR valid_from <= ?) AND (valid_upto IS NULL OR valid_upto >= ?) ORDER BY name',
      [date, date],
    );
    if (!rows.length) return [];
    const names = rows.map((r) => r.name);
    const children = await ctx.db.query<{ parent: string; kind: 'items' | 'item_groups' | 'brands'; value: string; uom: string | null }>(
      `SELECT parent, 'items' AS kind, item_code AS value, uom FROM \`tabPricing Rule Item Code\` WHERE parent IN (${IN(names.length)}) ` +
        `UNION ALL SELECT parent, 'item_groups' AS kind, item_group AS value, uom FROM \`tabPricing Rule Item Group\` WHERE parent IN (${IN(names.length)}) ` +
        `UNION ALL SELECT parent, 'brands' AS kind, brand AS value, uom FROM \`tabPricing Rule Brand\` WHERE parent IN (${IN(names.length)})`,
      [...names, ...names, ...names],
    );
    const byRule = new Map(rows.map((r) => [r.name, { ...r, items: [] as { item_code: string; uom: string | null }[], item_groups: [] as { item_group: string; uom: string | null }[], brands: [] as { brand: string; uom: string | null }[] }]));
    for (const c of children) {
      const rule = byRule.get(c.parent);
      if (!rule) continue;
      if (c.kind === 'items') rule.items.push({ item_code: c.value, uom: c.uom });
      else if (c.kind === 'item_groups') rule.item_groups.push({ item_group: c.value, uom: c.uom });
      else rule.brands.push({ brand: c.value, uom: c.uom });
    }
    return [...byRule.values()];
  }
}
