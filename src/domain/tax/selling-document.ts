import type { Ctx } from '../../kernel/db/context';
import type { Doc } from '../../kernel/document/types';
import { ValidationError } from '../../kernel/errors/errors';
import type { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { calculateTaxesAndTotals } from './taxes-and-totals';
import type { ApplyDiscountOn, ChargeType, TaxItemInput, TaxRowInput } from './types';

/** A number a client gave (blank is 0): a non-number is refused (417), a negative one where `nonNegative`. */
export function inputNumber(value: unknown, label: string, nonNegative = false): Money {
  if (value === null || value === undefined || value === '') return new Money(0);
  let d: Money;
  try {
    d = new Money(value as string | number);
  } catch {
    throw new ValidationError(`${label} must be a number, not ${JSON.stringify(value)}`);
  }
  if (!d.isFinite()) throw new ValidationError(`${label} must be a number, not ${JSON.stringify(value)}`);
  if (nonNegative && d.isNegative()) throw new ValidationError(`${label} cannot be negative`);
  return d;
}

const DOC_FIELDS = [
  'total_qty', 'total', 'base_total', 'net_total', 'base_net_total', 'total_taxes_and_charges', 'base_total_taxes_and_charges',
  'grand_total', 'base_grand_total', 'rounding_adjustment', 'base_rounding_adjustment', 'rounded_total', 'base_rounded_total',
  'discount_amount', 'base_discount_amount', 'conversion_rate',
] as const;
const ITEM_FIELDS = [
  'price_list_rate', 'discount_percentage', 'discount_amount', 'rate', 'amount', 'net_rate', 'net_amount',
  'base_price_list_rate', 'base_rate', 'base_amount', 'base_net_rate', 'base_net_amount',
] as const;
const TAX_FIELDS = [
  'tax_amount', 'tax_amount_after_discount_amount', 'total', 'base_tax_amount', 'base_tax_amount_after_discount_amount', 'base_total', 'item_wise_tax_detail',
] as const;

/**
 * The mapping between a selling document (Sales Invoice, Quotation, Sales Order: the totals
 * block, item rows and `taxes` rows of doctypes.md) and the one tax calculation: reads the
 * document's inputs (refusing non-numbers and negative rates or discounts), the precision,
 * rounding method and the currency's smallest fraction, runs calculateTaxesAndTotals once and
 * writes every computed value back, replacing whatever the client sent. `company_currency` is the
 * company's default currency.
 */
export async function applyTaxesAndTotals(ctx: Ctx, registry: MetaRegistry, doc: Doc, company_currency: string): Promise<void> {
  const currency = (doc.currency as string) || company_currency;
  const numbers = registry.numbers;
  const precision = numbers.currencyPrecision(currency);
  const basePrecision = numbers.currencyPrecision(company_currency);
  const floatPrecision = numbers.fieldPrecision({ fieldname: 'qty', fieldtype: 'Float' });
  const [cur] = await ctx.asSystem((sys) => sys.db.query('SELECT smallest_currency_fraction_value FROM `tabCurrency` WHERE name = ?', [currency]));
  const items = (doc.items ?? []) as Doc[];
  const taxes = (doc.taxes ?? []) as Doc[];
  const itemInputs: TaxItemInput[] = items.map((row) => {
    const at = `Row ${row.idx}`;
    const qty = inputNumber(row.qty, `${at}: Quantity`);
    if (qty.lte(0)) throw new ValidationError(`${at}: Quantity must be greater than 0 (Item ${row.item_code})`);
    return {
      item_code: row.item_code,
      item_name: row.item_name,
      qty,
      price_list_rate: inputNumber(row.price_list_rate, `${at}: Price List Rate`, true),
      rate: inputNumber(row.rate, `${at}: Rate`, true),
      discount_percentage: inputNumber(row.discount_percentage, `${at}: Discount (%)`, true),
      discount_amount: inputNumber(row.discount_amount, `${at}: Discount Amount`, true),
      item_tax_rate: (row.item_tax_rate as string) || null,
    };
  });
  const taxInputs: TaxRowInput[] = taxes.map((row) => ({
    charge_type: row.charge_type as ChargeType,
    account_head: row.account_head,
    description: row.description,
    rate: inputNumber(row.rate, `Tax row ${row.idx}: Rate`, true),
    tax_amount: row.charge_type === 'Actual' ? inputNumber(row.tax_amount, `Tax row ${row.idx}: Amount`) : null,
    row_id: row.row_id as string | null,
    included_in_print_rate: Boolean(Number(row.included_in_print_rate ?? 0)),
  }));
  const result = calculateTaxesAndTotals({
    doc: {
      currency,
      company_currency,
      conversion_rate: currency === company_currency ? new Money(1) : inputNumber(doc.conversion_rate, 'Exchange Rate', true),
      precision,
      base_precision: basePrecision,
      float_precision: floatPrecision,
      rounding_method: numbers.roundingMethod,
      smallest_currency_fraction_value: cur?.smallest_currency_fraction_value ?? null,
      apply_discount_on: ((doc.apply_discount_on as string) || 'Grand Total') as ApplyDiscountOn,
      additional_discount_percentage: inputNumber(doc.additional_discount_percentage, 'Additional Discount Percentage', true),
      discount_amount: inputNumber(doc.discount_amount, 'Additional Discount Amount', true),
      disable_rounded_total: Boolean(Number(doc.disable_rounded_total ?? 0)),
      is_return: Boolean(Number(doc.is_return ?? 0)),
    },
    items: itemInputs,
    taxes: taxInputs,
  });
  for (const f of DOC_FIELDS) doc[f] = result.doc[f];
  result.items.forEach((r, i) => {
    for (const f of ITEM_FIELDS) items[i][f] = r[f];
  });
  result.taxes.forEach((r, i) => {
    for (const f of TAX_FIELDS) taxes[i][f] = r[f];
  });
}
