import Decimal from 'decimal.js';
import { Queryable } from '../../kernel/db/context';
import { Money, wireNumber } from '../../kernel/money/decimal';
import { ItemPrice, PriceLine } from '../pricing/price-book';

/** A published product as the storefront lists it: its Website Item with the figures a shopper needs. */
export interface WebsiteItemRow {
  name: string;
  item_code: string;
  web_item_name: string;
  route: string;
  item_group: string;
  brand: string | null;
  website_image: string | null;
  short_description: string | null;
  ranking: number | null;
  has_variants: number;
  website_warehouse: string | null;
  creation: string;
}

/** The columns of a Website Item a card shows (on alias `wi`). */
export const CARD_COLUMNS = [
  'name',
  'item_code',
  'web_item_name',
  'route',
  'item_group',
  'brand',
  'website_image',
  'short_description',
  'ranking',
  'has_variants',
  'website_warehouse',
  'creation',
] as const;

/** What the shop shows of prices and stock (Webshop Settings). */
export interface ShowSettings {
  show_price: boolean;
  show_stock_availability: boolean;
  show_quantity_in_website: boolean;
}

export interface WirePrice {
  price_list_rate: number | null;
  rate: number | null;
  discount_percentage: number | null;
  discount_amount: number | null;
  currency: string | null;
  pricing_rules: string[];
}

export interface VariantCard {
  item_code: string;
  item_name: string;
  image: string | null;
  attributes: Record<string, string>;
  price: WirePrice | null;
  in_stock: boolean | null;
  stock_qty: number | null;
}

export interface ProductCard extends Omit<WebsiteItemRow, 'has_variants' | 'creation'> {
  has_variants: boolean;
  /** the lowest and highest rate among the buyable items (a template's variants) */
  price: { min: WirePrice | null; max_rate: number | null } | null;
  in_stock: boolean | null;
  stock_qty: number | null;
  /** the template's attributes, each with the values its buyable variants carry, in the template's order */
  attributes: { attribute: string; values: string[] }[];
  variants: VariantCard[];
}

interface ItemRow {
  name: string;
  item_name: string;
  item_group: string;
  brand: string | null;
  variant_of: string | null;
  has_variants: number;
  is_stock_item: number;
  image: string | null;
  stock_uom: string;
}

/** Prices the buyable items of a page (the pricing domain answers; see PriceBook). */
export type PagePricer = (lines: PriceLine[]) => Promise<Map<string, ItemPrice>>;

const wire = (d: Decimal | null | undefined) => (d === null || d === undefined ? null : (wireNumber(d) as number));

export function wirePrice(p: ItemPrice | undefined): WirePrice | null {
  if (!p || p.price_list_rate === null) return null;
  return {
    price_list_rate: wire(p.price_list_rate),
    rate: wire(p.rate),
    discount_percentage: wire(p.discount_percentage),
    discount_amount: wire(p.discount_amount),
    currency: p.currency,
    pricing_rules: p.pricing_rules,
  };
}

/** A product's card priced but without its stock (kept apart: stock moves more often than the catalogue and prices). */
export interface PricedCard {
  /** the card, in_stock and stock_qty still null */
  card: ProductCard;
  website_warehouse: string | null;
  /** per variant of the card: whether it is a stock item (else it is always buyable) */
  stock_items: boolean[];
}

/**
 * The priced cards of a page of Website Items, with their variants, attributes and prices, in a
 * fixed number of statements whatever the page's size (items, attributes, and the pricer's
 * own): no statement per product. stockedCards adds the stock.
 */
export async function pricedCards(db: Queryable, rows: WebsiteItemRow[], today: string, show: ShowSettings, price: PagePricer): Promise<PricedCard[]> {
  if (!rows.length) return [];
  const codes = rows.map((r) => r.item_code);
  const marks = codes.map(() => '?').join(', ');
  const items = await db.query<ItemRow>(
    'SELECT name, item_name, item_group, brand, variant_of, has_variants, is_stock_item, image, stock_uom FROM `tabItem` ' +
      `WHERE (name IN (${marks}) OR variant_of IN (${marks})) AND disabled = 0 AND (end_of_life IS NULL OR end_of_life > ?) ORDER BY name`,
    [...codes, ...codes, today],
  );
  const itemByName = new Map(items.map((i) => [i.name, i]));
  const variantsOf = new Map<string, ItemRow[]>();
  for (const i of items) if (i.variant_of && !Number(i.has_variants)) variantsOf.set(i.variant_of, [...(variantsOf.get(i.variant_of) ?? []), i]);
  // what each product sells: a template's variants, or the item itself
  const buyableOf = rows.map((row) => {
    const own = itemByName.get(row.item_code);
    return Number(row.has_variants) ? (variantsOf.get(row.item_code) ?? []) : own ? [own] : [];
  });
  const names = items.map((i) => i.name);
  const [attributes, prices] = await Promise.all([
    db.query<{ parent: string; attribute: string; attribute_value: string | null }>(
      `SELECT parent, attribute, attribute_value FROM \`tabItem Variant Attribute\` WHERE parenttype = 'Item' AND parent IN (${names.map(() => '?').join(', ')}) ORDER BY parent, idx`,
      names,
    ),
    show.show_price
      ? price(buyableOf.flat().map((i) => ({ item_code: i.name, item_group: i.item_group, brand: i.brand, variant_of: i.variant_of, uom: i.stock_uom, qty: new Money(1) })))
      : Promise.resolve(new Map<string, ItemPrice>()),
  ]);
  const attrsOf = new Map<string, { attribute: string; attribute_value: string | null }[]>();
  for (const a of attributes) attrsOf.set(a.parent, [...(attrsOf.get(a.parent) ?? []), a]);

  return rows.map((row, r) => {
    const own = itemByName.get(row.item_code);
    const buyable = buyableOf[r];
    const variants = buyable.map(
      (i): VariantCard => ({
        item_code: i.name,
        item_name: i.item_name,
        image: i.image,
        attributes: Object.fromEntries((attrsOf.get(i.name) ?? []).map((a) => [a.attribute, a.attribute_value ?? ''])),
        price: wirePrice(prices.get(i.name)),
        in_stock: null,
        stock_qty: null,
      }),
    );
    const priced = buyable.map((i) => prices.get(i.name)).filter((p): p is ItemPrice => !!p && p.rate !== null);
    const cheapest = priced.reduce<ItemPrice | null>((lo, p) => (!lo || (p.rate as Decimal).lt(lo.rate as Decimal) ? p : lo), null);
    const dearest = priced.reduce<Decimal | null>((hi, p) => (!hi || (p.rate as Decimal).gt(hi) ? (p.rate as Decimal) : hi), null);
    const card: ProductCard = {
      name: row.name,
      item_code: row.item_code,
      web_item_name: row.web_item_name,
      route: row.route,
      item_group: row.item_group,
      brand: row.brand || null,
      website_image: row.website_image || null,
      short_description: row.short_description || null,
      ranking: row.ranking === null ? null : Number(row.ranking),
      has_variants: !!Number(row.has_variants),
      website_warehouse: row.website_warehouse || null,
      price: show.show_price ? { min: wirePrice(cheapest ?? undefined), max_rate: wire(dearest) } : null,
      in_stock: null,
      stock_qty: null,
      attributes: templateAttributes(own ? (attrsOf.get(own.name) ?? []) : [], variants),
      variants,
    };
    return { card, website_warehouse: row.website_warehouse || null, stock_items: buyable.map((i) => !!Number(i.is_stock_item)) };
  });
}

/**
 * The cards with their stock: whether each variant can be bought from the website warehouse
 * (any warehouse when the Website Item names none) and how much, from the Bins' projected
 * quantities (one statement for all the cards), when the shop shows stock.
 */
export async function stockedCards(db: Queryable, priced: PricedCard[], show: ShowSettings): Promise<ProductCard[]> {
  if (!show.show_stock_availability) return priced.map((p) => p.card);
  const stockItems = priced.flatMap((p) => p.card.variants.filter((_, i) => p.stock_items[i]).map((v) => v.item_code));
  const bins = stockItems.length
    ? await db.query<{ item_code: string; warehouse: string; projected_qty: unknown }>(
        `SELECT item_code, warehouse, projected_qty FROM \`tabBin\` WHERE item_code IN (${stockItems.map(() => '?').join(', ')})`,
        stockItems,
      )
    : [];
  const binsOf = new Map<string, { warehouse: string; qty: Decimal }[]>();
  for (const b of bins) binsOf.set(b.item_code, [...(binsOf.get(b.item_code) ?? []), { warehouse: b.warehouse, qty: new Money(String(b.projected_qty as string)) }]);
  return priced.map(({ card, website_warehouse, stock_items }) => {
    const variants = card.variants.map((v, i) => ({ ...v, ...stockOf(stock_items[i], binsOf.get(v.item_code) ?? [], website_warehouse, show) }));
    const qtys = variants.map((v) => v.stock_qty).filter((q): q is number => q !== null);
    return {
      ...card,
      in_stock: variants.length ? variants.some((v) => v.in_stock) : null,
      stock_qty: show.show_quantity_in_website && qtys.length ? qtys.reduce((a, b) => a + b, 0) : null,
      variants,
    };
  });
}

/** Whether an item can be bought from the website warehouse (any warehouse when the Website Item names none), and how much. */
function stockOf(isStockItem: boolean, bins: { warehouse: string; qty: Decimal }[], warehouse: string | null, show: ShowSettings): { in_stock: boolean; stock_qty: number | null } {
  if (!isStockItem) return { in_stock: true, stock_qty: null };
  const qty = bins.filter((b) => !warehouse || b.warehouse === warehouse).reduce((sum, b) => sum.plus(b.qty), new Money(0));
  return { in_stock: qty.gt(0), stock_qty: show.show_quantity_in_website ? (wireNumber(Money.max(qty, 0)) as number) : null };
}

/** Attribute values in natural order (2 before 10). */
const byValue = new Intl.Collator(undefined, { numeric: true });

/** The template's attributes in its order, each with the values its variants carry (sorted); a plain item lists its own. */
function templateAttributes(own: { attribute: string }[], variants: VariantCard[]): { attribute: string; values: string[] }[] {
  const order = own.length ? own.map((a) => a.attribute) : [...new Set(variants.flatMap((v) => Object.keys(v.attributes)))];
  return order.map((attribute) => ({
    attribute,
    values: [...new Set(variants.map((v) => v.attributes[attribute]).filter((v): v is string => !!v))].sort(byValue.compare),
  }));
}
