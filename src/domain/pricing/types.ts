import type Decimal from 'decimal.js';
import type { Money } from '../../kernel/money/decimal';
import type { RoundingMethod } from '../../kernel/money/rounding';

/** A decimal input: a Decimal, or a number or string decimal.js reads exactly. */
export type DecimalInput = Decimal.Value;
/** A date: an ISO date ('YYYY-MM-DD', a longer ISO timestamp is cut to its date) or a Date (its UTC day). */
export type DateInput = string | Date;

/** An Item Price row (ERPNext's Item Price doctype, the fields the price function reads). */
export interface ItemPriceRow {
  name: string;
  item_code: string;
  price_list: string;
  /** blank: the row is in the item's stock UOM */
  uom?: string | null;
  customer?: string | null;
  price_list_rate: DecimalInput;
  currency?: string | null;
  valid_from?: DateInput | null;
  valid_upto?: DateInput | null;
}

export type ApplyOn = 'Item Code' | 'Item Group' | 'Brand' | 'Transaction';
export type ApplicableFor = '' | 'Customer' | 'Customer Group' | 'Territory';
export type RateOrDiscount = 'Rate' | 'Discount Percentage' | 'Discount Amount';

/** A Pricing Rule with its child tables (ERPNext's Pricing Rule, Pricing Rule Item Code / Item Group / Brand). */
export interface PricingRuleRow {
  name: string;
  title?: string | null;
  disable?: boolean | number | null;
  apply_on: ApplyOn;
  items?: readonly { item_code: string; uom?: string | null }[];
  item_groups?: readonly { item_group: string; uom?: string | null }[];
  brands?: readonly { brand: string; uom?: string | null }[];
  selling?: boolean | number | null;
  buying?: boolean | number | null;
  applicable_for?: ApplicableFor | null;
  customer?: string | null;
  customer_group?: string | null;
  territory?: string | null;
  min_qty?: DecimalInput | null;
  /** 0 or blank: no upper limit */
  max_qty?: DecimalInput | null;
  min_amt?: DecimalInput | null;
  /** 0 or blank: no upper limit */
  max_amt?: DecimalInput | null;
  valid_from?: DateInput | null;
  valid_upto?: DateInput | null;
  company?: string | null;
  currency?: string | null;
  for_price_list?: string | null;
  /** '1'..'20', or blank (the lowest) */
  priority?: string | number | null;
  rate_or_discount: RateOrDiscount;
  rate?: DecimalInput | null;
  discount_percentage?: DecimalInput | null;
  discount_amount?: DecimalInput | null;
  coupon_code_based?: boolean | number | null;
  apply_multiple_pricing_rules?: boolean | number | null;
  /** ERPNext's "Apply Discount on Discounted Rate": a percentage stacks on what earlier rules left */
  apply_discount_on_rate?: boolean | number | null;
  /** a margin added to the price list rate before any discount */
  margin_type?: MarginType | '' | null;
  margin_rate_or_amount?: DecimalInput | null;
}

export type MarginType = 'Percentage' | 'Amount';

/** A Coupon Code row (ERPNext's Coupon Code doctype). */
export interface CouponCodeRow {
  name: string;
  coupon_code: string;
  pricing_rule: string;
  valid_from?: DateInput | null;
  valid_upto?: DateInput | null;
  /** 0 or blank: no limit */
  maximum_use?: number | null;
  used?: number | null;
  /** a Gift Card belongs to one customer */
  customer?: string | null;
  coupon_type?: 'Promotional' | 'Gift Card' | string | null;
}

/** What is being priced: one item line, for one buyer, on one day. */
export interface PriceQuery {
  item_code: string;
  /** the item's group first, then its ancestors up to the root */
  item_group_ancestors?: readonly string[];
  brand?: string | null;
  /** the template of a variant */
  variant_of?: string | null;
  customer?: string | null;
  /** the customer's group first, then its ancestors */
  customer_group_ancestors?: readonly string[];
  /** the customer's territory first, then its ancestors */
  territory_ancestors?: readonly string[];
  company?: string | null;
  price_list: string;
  currency?: string | null;
  /** the line's UOM */
  uom?: string | null;
  /** the item's stock UOM (Item Price rows in it are converted with conversion_factor) */
  stock_uom?: string | null;
  /** stock units in one `uom` (1 when blank) */
  conversion_factor?: DecimalInput | null;
  /** quantity in `uom` (1 when blank) */
  qty?: DecimalInput | null;
  /** qty × rate for min_amt/max_amt; price_list_rate × qty when blank (ERPNext's) */
  amount?: DecimalInput | null;
  /** the day prices and rules must be valid on; today (UTC) when blank */
  transaction_date?: DateInput | null;
  /** a Coupon Code's name or its coupon_code */
  coupon_code?: string | null;
}

/** The price list rate an Item Price gives a query. */
export interface PriceListRate {
  price_list_rate: Money;
  /** the Item Price row's name */
  item_price: string;
}

/** The outcome of applying pricing rules to a price list rate. */
export interface AppliedPrice {
  price_list_rate: Money;
  rate: Money;
  discount_percentage: Money;
  /** what the discounts take off rate_with_margin (the price list rate when there is no margin) */
  discount_amount: Money;
  /** the applied rule's margin (ERPNext's item fields), null and 0 when none */
  margin_type: MarginType | null;
  margin_rate_or_amount: Money;
  /** the price list rate with the margin, 0 when there is no margin (ERPNext) */
  rate_with_margin: Money;
  /** names of the rules applied, in the order applied */
  pricing_rules: string[];
}

/** The price function's answer. */
export interface PriceResult extends AppliedPrice {
  /** the Item Price row the price list rate came from; null when a Rate rule set it or none exists */
  item_price: string | null;
  /** the Coupon Code (name) that was used, when one was */
  coupon_code: string | null;
}

/** Rounding of amounts (rate, discount_amount). */
export interface PriceOptions {
  /** decimals of the currency's amounts: 2 unless told */
  precision?: number;
  rounding_method?: RoundingMethod;
  /** "today" for coupon validity and the default transaction date */
  today?: DateInput;
  /** an unresolved tie takes ERPNext's first rule instead of raising (ERPNext's for_shopping_cart) */
  for_shopping_cart?: boolean;
}
