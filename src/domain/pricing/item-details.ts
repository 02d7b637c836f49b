import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { DataError, ValidationError } from '../../kernel/errors/errors';
import { Money, wireNumber } from '../../kernel/money/decimal';
import { today } from '../../kernel/time/clock';
import { itemTaxRateJson, itemTaxTemplatesFor } from '../tax/item-tax';
import { Buyer } from './buyer';
import { PriceBook } from './price-book';

/** The arguments of ERPNext's get_item_details that Docket reads (selling side). */
export interface ItemDetailsArgs {
  item_code: string;
  company?: string | null;
  customer?: string | null;
  doctype?: string | null;
  price_list?: string | null;
  selling_price_list?: string | null;
  qty?: unknown;
  uom?: string | null;
  transaction_date?: string | null;
  posting_date?: string | null;
  warehouse?: string | null;
  ignore_pricing_rule?: unknown;
  coupon_code?: string | null;
  tax_category?: string | null;
}

const SELLING = new Set(['Quotation', 'Sales Order', 'Delivery Note', 'Sales Invoice', 'POS Invoice']);
const wire = (d: Decimal | null) => (d === null ? null : wireNumber(d));
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v as string));

function qtyOf(v: unknown): Money {
  if (v === undefined || v === null || v === '') return new Money(1);
  let q: Money;
  try {
    q = new Money(typeof v === 'number' || typeof v === 'string' ? v : String(v as string));
  } catch {
    throw new DataError('qty must be a number');
  }
  if (!q.isFinite() || q.lte(0)) throw new DataError('qty must be greater than 0');
  return q;
}

/**
 * ERPNext's get_item_details for a selling line: the item's names and units, the rate the price
 * function gives (price list rate, pricing rule, coupon) for the customer, quantity and date, the
 * item tax template of the company, the income account and cost center the line would post to,
 * and the stock in the warehouse. The caller must be able to read the Item.
 */
export async function itemDetails(ctx: Ctx, prices: PriceBook, args: ItemDetailsArgs): Promise<Record<string, unknown>> {
  if (args.doctype && !SELLING.has(args.doctype)) throw new ValidationError(`get_item_details supports selling documents, not ${args.doctype}`);
  const item = await ctx.getDoc('Item', args.item_code);
  if (Number(item.disabled)) throw new ValidationError(`Item ${args.item_code} is disabled`);
  if (Number(item.has_variants)) throw new ValidationError(`Item ${args.item_code} is a template, please select one of its variants`);
  const date = str(args.transaction_date) ?? str(args.posting_date) ?? today();
  const company = str(args.company);
  const uom = str(args.uom) ?? (item.sales_uom as string) ?? (item.stock_uom as string);
  const conversion = ((item.uoms ?? []) as { uom: string; conversion_factor: Decimal.Value }[]).find((u) => u.uom === uom);
  if (!conversion) throw new ValidationError(`UOM ${uom} is not a unit of Item ${args.item_code} (add it to the item's UOMs)`);
  const conversionFactor = new Money(String(conversion.conversion_factor));
  const qty = qtyOf(args.qty);

  const sys = <T>(fn: (s: Ctx) => Promise<T>) => ctx.asSystem(fn);
  const customer = str(args.customer) ? await sys((s) => s.getValue('Customer', String(args.customer), ['name', 'customer_group', 'territory', 'default_price_list'])) : null;
  if (args.customer && !customer) throw new ValidationError(`Customer ${String(args.customer)} not found`);
  const defaults = ((item.item_defaults ?? []) as Record<string, unknown>[]).find((d) => d.company === company) ?? {};
  const companyRow = company ? await sys((s) => s.getValue('Company', company, ['default_income_account', 'cost_center', 'default_currency'])) : null;
  if (company && !companyRow) throw new ValidationError(`Company ${company} not found`);
  const priceList = str(args.selling_price_list) ?? str(args.price_list) ?? (customer?.default_price_list as string) ?? str(defaults.default_price_list);

  const buyer: Buyer = { customer: (customer?.name as string) ?? null, customer_group: (customer?.customer_group as string) ?? null, territory: (customer?.territory as string) ?? null };
  const ignoreRules = args.ignore_pricing_rule === true || args.ignore_pricing_rule === 1 || args.ignore_pricing_rule === '1';
  const priced = (
    await prices.price(
      ctx,
      { price_list: priceList, date, buyer, company, coupon_code: ignoreRules ? null : str(args.coupon_code), ignore_pricing_rules: ignoreRules },
      [
        {
          item_code: item.name as string,
          item_group: (item.item_group as string) ?? null,
          brand: (item.brand as string) ?? null,
          variant_of: (item.variant_of as string) ?? null,
          uom,
          stock_uom: item.stock_uom as string,
          conversion_factor: conversionFactor,
          qty,
        },
      ],
    )
  ).get(item.name as string);

  const templates = company ? await itemTaxTemplatesFor(ctx, [item.name as string], { company, tax_category: str(args.tax_category), posting_date: date, net_rate: priced?.rate ?? null }) : new Map<string, string | null>();
  const template = templates.get(item.name as string) ?? null;
  const rates = template && company ? await itemTaxRateJson(ctx, [template], company) : new Map<string, string>();
  const warehouse = str(args.warehouse) ?? str(defaults.default_warehouse);
  const [bin] = warehouse ? await ctx.db.query<{ actual_qty: unknown; projected_qty: unknown }>('SELECT actual_qty, projected_qty FROM `tabBin` WHERE item_code = ? AND warehouse = ?', [item.name, warehouse]) : [];
  const rate = priced?.rate ?? null;
  return {
    item_code: item.name,
    item_name: item.item_name,
    description: item.description,
    image: item.image ?? null,
    item_group: item.item_group,
    brand: item.brand ?? null,
    stock_uom: item.stock_uom,
    uom,
    conversion_factor: wire(conversionFactor),
    qty: wire(qty),
    stock_qty: wire(qty.times(conversionFactor)),
    price_list: priceList,
    price_list_currency: priced?.currency ?? null,
    price_list_rate: wire(priced?.price_list_rate ?? null),
    rate: wire(rate),
    amount: rate === null ? null : wire(rate.times(qty)),
    discount_percentage: wire(priced?.discount_percentage ?? null),
    discount_amount: wire(priced?.discount_amount ?? null),
    margin_type: priced?.margin_type ?? '',
    margin_rate_or_amount: wire(priced?.margin_rate_or_amount ?? new Money(0)),
    rate_with_margin: wire(priced?.rate_with_margin ?? new Money(0)),
    // ERPNext sends the applied rules as a JSON list in a string
    pricing_rules: priced?.pricing_rules.length ? JSON.stringify(priced.pricing_rules) : '',
    coupon_code: priced?.coupon_code ?? null,
    item_tax_template: template,
    item_tax_rate: template ? (rates.get(template) ?? '{}') : '{}',
    income_account: str(defaults.income_account) ?? str(companyRow?.default_income_account),
    cost_center: str(defaults.selling_cost_center) ?? str(companyRow?.cost_center),
    warehouse,
    actual_qty: bin ? wire(new Money(String(bin.actual_qty as string))) : 0,
    projected_qty: bin ? wire(new Money(String(bin.projected_qty as string))) : 0,
  };
}
