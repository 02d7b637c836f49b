import type { Money } from '../../kernel/money/decimal';
import type { ItemPriceRow, PriceListRate, PriceQuery } from './types';
import { blank, conversionFactor, dec, isoDay, todayIso, withinDates } from './values';

/**
 * The price list rate of an item, as ERPNext's get_price_list_rate / get_price_list_rate_for /
 * get_item_price (erpnext/stock/get_item_details.py) find it, on rows handed in:
 *
 * 1. rows of the query's price list and item, valid on the transaction date (valid_from on or
 *    before it, valid_upto blank or on or after it);
 * 2. the customer's own rows in the line's UOM first; else the rows without a customer in the
 *    line's UOM; else (the line is not in the stock UOM) the rows without a customer in the stock
 *    UOM, whose rate is multiplied by the line's conversion_factor (a Box of 10 costs 10 Nos);
 *    a row with a blank UOM counts as a stock-UOM row; like ERPNext, a customer's row in the
 *    stock UOM is not looked for when the line is in another UOM;
 * 3. among the rows of the first tier that has any, the latest valid_from wins (a blank
 *    valid_from is the oldest), then the row name, so the answer never depends on row order;
 * 4. a variant with no price of its own takes its template's (variant_of), by the same rules.
 *
 * Returns null when nothing applies.
 */
export function choosePriceListRate(prices: readonly ItemPriceRow[], query: PriceQuery): PriceListRate | null {
  const own = priceFor(prices, query, query.item_code);
  if (own || blank(query.variant_of)) return own;
  return priceFor(prices, query, query.variant_of as string);
}

function priceFor(prices: readonly ItemPriceRow[], query: PriceQuery, itemCode: string): PriceListRate | null {
  const day = isoDay(query.transaction_date) ?? todayIso();
  const rows = prices.filter((p) => p.item_code === itemCode && p.price_list === query.price_list && withinDates(day, p.valid_from, p.valid_upto));
  if (!rows.length) return null;

  const stockUom = blank(query.stock_uom) ? null : (query.stock_uom as string);
  const lineUom = blank(query.uom) ? stockUom : (query.uom as string);
  const inStockUom = (p: ItemPriceRow) => blank(p.uom) || (stockUom !== null && p.uom === stockUom);
  const inLineUom = (p: ItemPriceRow) => (lineUom === null || lineUom === stockUom ? inStockUom(p) : p.uom === lineUom);
  const general = (p: ItemPriceRow) => blank(p.customer);

  if (!blank(query.customer)) {
    const hit = latest(rows.filter((p) => p.customer === query.customer && inLineUom(p)));
    if (hit) return { price_list_rate: dec(hit.price_list_rate), item_price: hit.name };
  }
  const hit = latest(rows.filter((p) => general(p) && inLineUom(p)));
  if (hit) return { price_list_rate: dec(hit.price_list_rate), item_price: hit.name };

  if (lineUom !== null && lineUom !== stockUom) {
    const stock = latest(rows.filter((p) => general(p) && inStockUom(p)));
    if (stock) return { price_list_rate: converted(dec(stock.price_list_rate), query), item_price: stock.name };
  }
  return null;
}

function converted(rate: Money, query: PriceQuery): Money {
  return rate.mul(conversionFactor(query));
}

/** The row with the latest valid_from (blank is oldest); equal dates → the first name. */
function latest(rows: readonly ItemPriceRow[]): ItemPriceRow | null {
  let best: ItemPriceRow | null = null;
  for (const r of rows) {
    if (!best) {
      best = r;
      continue;
    }
    const a = isoDay(r.valid_from) ?? '';
    const b = isoDay(best.valid_from) ?? '';
    if (a > b || (a === b && r.name < best.name)) best = r;
  }
  return best;
}
