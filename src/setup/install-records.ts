import { Ctx } from '../kernel/db/context';
import { ROOT_ITEM_GROUP } from '../doctypes/setup/item-group/item-group.controller';
import { DocumentService } from '../kernel/document/document.service';
import { STOCK_ENTRY_PURPOSES } from '../doctypes/stock/stock-entry-type/stock-entry-type.doctype';
import { WEBSHOP_SETTINGS } from '../doctypes/catalog/webshop-settings/webshop-settings.doctype';
import { STOCK_SETTINGS } from '../doctypes/stock/stock-settings/stock-settings.doctype';

export { ROOT_ITEM_GROUP };

/** Whether a document exists (setup code runs as the system, before any permission matters). */
export async function recordExists(ctx: Ctx, doctype: string, name: string): Promise<boolean> {
  return (await ctx.getValue(doctype, name, ['name'])) !== null;
}

/** Inserts a document unless one of that name exists; returns whether it inserted. */
export async function ensureRecord(
  ctx: Ctx,
  docs: DocumentService,
  doctype: string,
  name: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  if (await recordExists(ctx, doctype, name)) return false;
  await docs.insert(ctx, doctype, data);
  return true;
}

const CURRENCIES = [
  { currency_name: 'USD', symbol: '$', fraction: 'Cent', fraction_units: 100, number_format: '#,###.##' },
  { currency_name: 'EUR', symbol: '€', fraction: 'Cent', fraction_units: 100, number_format: '#.###,##' },
  { currency_name: 'GBP', symbol: '£', fraction: 'Penny', fraction_units: 100, number_format: '#,###.##' },
  { currency_name: 'INR', symbol: '₹', fraction: 'Paisa', fraction_units: 100, number_format: '#,##,###.##' },
];

/** Lower-case ISO 3166-1 alpha-2 codes, as Frappe stores them. */
const COUNTRIES = [
  { country_name: 'United States', code: 'us' },
  { country_name: 'United Kingdom', code: 'gb' },
  { country_name: 'India', code: 'in' },
  { country_name: 'Germany', code: 'de' },
  { country_name: 'France', code: 'fr' },
  { country_name: 'Canada', code: 'ca' },
  { country_name: 'Australia', code: 'au' },
];

const UOMS = [
  { uom_name: 'Nos', must_be_whole_number: 1 },
  { uom_name: 'Unit', must_be_whole_number: 1 },
  { uom_name: 'Box', must_be_whole_number: 1 },
  { uom_name: 'Kg', must_be_whole_number: 0 },
  { uom_name: 'Hour', must_be_whole_number: 0 },
];

export const ROOT_CUSTOMER_GROUP = 'All Customer Groups';
export const ROOT_TERRITORY = 'All Territories';
export const STANDARD_SELLING = 'Standard Selling';
export const STANDARD_BUYING = 'Standard Buying';

/**
 * ERPNext's standard setup records, on every database: a few currencies, countries and units,
 * the roots of the master trees, the Standard Selling / Standard Buying price lists, Stock
 * Settings, Webshop Settings (selling at Standard Selling) and the standard Stock Entry Types
 * (one per purpose, named after it).
 * Idempotent; the caller runs it as the system (Database.runAsSystem).
 */
export async function installStandardRecords(ctx: Ctx, docs: DocumentService): Promise<void> {
  for (const c of CURRENCIES) {
    await ensureRecord(ctx, docs, 'Currency', c.currency_name, { ...c, enabled: 1, smallest_currency_fraction_value: '0.01' });
  }
  for (const c of COUNTRIES) await ensureRecord(ctx, docs, 'Country', c.country_name, c);
  for (const u of UOMS) await ensureRecord(ctx, docs, 'UOM', u.uom_name, { ...u, enabled: 1 });
  await ensureRecord(ctx, docs, 'Item Group', ROOT_ITEM_GROUP, { item_group_name: ROOT_ITEM_GROUP, is_group: 1 });
  await ensureRecord(ctx, docs, 'Customer Group', ROOT_CUSTOMER_GROUP, { customer_group_name: ROOT_CUSTOMER_GROUP, is_group: 1 });
  await ensureRecord(ctx, docs, 'Territory', ROOT_TERRITORY, { territory_name: ROOT_TERRITORY, is_group: 1 });
  await ensureRecord(ctx, docs, 'Price List', STANDARD_SELLING, { price_list_name: STANDARD_SELLING, currency: 'USD', selling: 1, enabled: 1 });
  await ensureRecord(ctx, docs, 'Price List', STANDARD_BUYING, { price_list_name: STANDARD_BUYING, currency: 'USD', buying: 1, enabled: 1 });
  await ensureRecord(ctx, docs, STOCK_SETTINGS, STOCK_SETTINGS, {});
  await ensureRecord(ctx, docs, WEBSHOP_SETTINGS, WEBSHOP_SETTINGS, { price_list: STANDARD_SELLING });
  for (const purpose of STOCK_ENTRY_PURPOSES) await ensureRecord(ctx, docs, 'Stock Entry Type', purpose, { name: purpose, purpose, is_standard: 1 });
}
