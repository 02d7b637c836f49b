import type { Money } from '../../kernel/money/decimal';
import type { RoundingMethod } from '../../kernel/money/rounding';

/** How a Sales Taxes and Charges row is charged (the options of its `charge_type`). */
export const CHARGE_TYPES = ['Actual', 'On Net Total', 'On Previous Row Amount', 'On Previous Row Total', 'On Item Quantity'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

export type ApplyDiscountOn = 'Net Total' | 'Grand Total';

/** The header fields of a selling document the calculation reads. */
export interface TaxDocumentInput {
  /** the document's currency; blank or equal to `company_currency` forces conversion_rate 1 */
  currency?: string | null;
  company_currency?: string | null;
  conversion_rate?: Money | null;
  /** decimals of the document currency's amounts (Currency fields): 2 unless told */
  precision?: number;
  /** decimals of company-currency amounts (the base_* fields): the document's unless told */
  base_precision?: number;
  /** System Settings float_precision (qty, percentages, tax rates): 3 unless told */
  float_precision?: number;
  /** System Settings rounding_method; Frappe's default when absent */
  rounding_method?: RoundingMethod;
  /** the document currency's smallest_currency_fraction_value; blank rounds to whole units */
  smallest_currency_fraction_value?: Money | null;
  apply_discount_on?: ApplyDiscountOn | null;
  additional_discount_percentage?: Money | null;
  discount_amount?: Money | null;
  disable_rounded_total?: boolean;
  is_return?: boolean;
}

export interface TaxItemInput {
  item_code?: string | null;
  item_name?: string | null;
  qty: Money;
  price_list_rate?: Money | null;
  rate?: Money | null;
  discount_percentage?: Money | null;
  discount_amount?: Money | null;
  /** the item's Item Tax Template rates, {account_head: rate}, as an object or its JSON text */
  item_tax_rate?: Record<string, Money | string | number> | string | null;
}

export interface TaxRowInput {
  charge_type: ChargeType;
  account_head: string;
  description?: string | null;
  rate?: Money | null;
  /** the amount of an Actual row */
  tax_amount?: Money | null;
  /** 1-based index of the row an On Previous Row charge refers to */
  row_id?: number | string | null;
  included_in_print_rate?: boolean;
}

export interface TaxesAndTotalsInput {
  doc: TaxDocumentInput;
  items: TaxItemInput[];
  taxes: TaxRowInput[];
}

export interface ItemTotals {
  item_code: string | null;
  qty: Money;
  price_list_rate: Money;
  discount_percentage: Money;
  discount_amount: Money;
  rate: Money;
  amount: Money;
  net_rate: Money;
  /** kept unrounded where ERPNext keeps it so (inclusive back-calculation); stored to 9 places */
  net_amount: Money;
  base_price_list_rate: Money;
  base_rate: Money;
  base_amount: Money;
  base_net_rate: Money;
  base_net_amount: Money;
}

export interface TaxTotals {
  idx: number;
  charge_type: ChargeType;
  account_head: string;
  rate: Money;
  tax_amount: Money;
  tax_amount_after_discount_amount: Money;
  total: Money;
  base_tax_amount: Money;
  base_tax_amount_after_discount_amount: Money;
  base_total: Money;
  /** {item_code: [rate, amount in company currency]}, as ERPNext writes the field (JSON text) */
  item_wise_tax_detail: string;
  /** the same breakup as decimals, in item order */
  item_wise_tax: Map<string, [Money, Money]>;
}

export interface DocumentTotals {
  conversion_rate: Money;
  total_qty: Money;
  total: Money;
  base_total: Money;
  net_total: Money;
  base_net_total: Money;
  total_taxes_and_charges: Money;
  base_total_taxes_and_charges: Money;
  grand_total: Money;
  base_grand_total: Money;
  rounding_adjustment: Money;
  base_rounding_adjustment: Money;
  rounded_total: Money;
  base_rounded_total: Money;
  discount_amount: Money;
  base_discount_amount: Money;
}

export interface TaxesAndTotals {
  doc: DocumentTotals;
  items: ItemTotals[];
  taxes: TaxTotals[];
}
