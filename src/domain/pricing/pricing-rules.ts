import { Money } from '../../kernel/money/decimal';
import { DEFAULT_ROUNDING_METHOD, rounded, type RoundingMethod } from '../../kernel/money/rounding';
import { MultiplePricingRuleConflict } from './errors';
import type { AppliedPrice, CouponCodeRow, MarginType, PriceQuery, PricingRuleRow } from './types';
import { blank, conversionFactor, dec, flag, isoDay, lineQty, priorityOf, todayIso, withinDates, ZERO } from './values';

/** The item levels ERPNext searches, most specific first (get_pricing_rules). */
const LEVELS = ['Item Code', 'Item Group', 'Brand'] as const;

/** The child row through which a rule reaches the query's item, or null when it does not. */
export function matchedRow(rule: PricingRuleRow, query: PriceQuery): { uom: string | null } | null {
  const uomOk = (uom: string | null | undefined) => blank(uom) || uom === query.uom;
  const pick = <T extends { uom?: string | null }>(rows: readonly T[]): { uom: string | null } | null => {
    // a row in the line's UOM over a row for any UOM
    const exact = rows.find((r) => !blank(r.uom) && r.uom === query.uom);
    const any = exact ?? rows.find((r) => blank(r.uom));
    return any ? { uom: blank(any.uom) ? null : (any.uom as string) } : null;
  };
  switch (rule.apply_on) {
    case 'Item Code': {
      const codes = [query.item_code, ...(blank(query.variant_of) ? [] : [query.variant_of as string])];
      return pick((rule.items ?? []).filter((r) => codes.includes(r.item_code) && uomOk(r.uom)));
    }
    case 'Item Group': {
      const groups = query.item_group_ancestors ?? [];
      return pick((rule.item_groups ?? []).filter((r) => groups.includes(r.item_group) && uomOk(r.uom)));
    }
    case 'Brand':
      if (blank(query.brand)) return null;
      return pick((rule.brands ?? []).filter((r) => r.brand === query.brand && uomOk(r.uom)));
    default:
      // Transaction rules discount a whole document (apply_pricing_rule_on_transaction), not a line
      return null;
  }
}

/** A party field: set on the query → the rule's is blank or equal; unset → the rule's must be blank. */
function partyOk(ruleValue: string | null | undefined, queryValue: string | null | undefined): boolean {
  return blank(ruleValue) || (!blank(queryValue) && ruleValue === queryValue);
}

/** A tree field (customer group, territory): the rule's is blank or one of the query's value and ancestors. */
function treeOk(ruleValue: string | null | undefined, ancestors: readonly string[] | undefined): boolean {
  return blank(ruleValue) || (ancestors ?? []).includes(ruleValue as string);
}

/** The conditions ERPNext puts in its SQL (_get_pricing_rules, get_other_conditions), without the item. */
function headerMatches(rule: PricingRuleRow, query: PriceQuery, day: string): boolean {
  if (flag(rule.disable) || !flag(rule.selling)) return false;
  if (!partyOk(rule.company, query.company)) return false;
  if (!partyOk(rule.customer, query.customer)) return false;
  if (!treeOk(rule.customer_group, query.customer_group_ancestors)) return false;
  if (!treeOk(rule.territory, query.territory_ancestors)) return false;
  if (!blank(rule.for_price_list) && rule.for_price_list !== query.price_list) return false;
  if (!withinDates(day, rule.valid_from, rule.valid_upto)) return false;
  // Docket: a Rate or a Discount Amount is money in the rule's currency, so it only prices a line
  // in that currency (ERPNext prefers the line's currency among ties and zeroes a foreign Rate).
  if (rule.rate_or_discount !== 'Discount Percentage' && !blank(rule.currency) && !blank(query.currency) && rule.currency !== query.currency) {
    return false;
  }
  return true;
}

/** ERPNext's SQL order: priority descending (blank lowest), then name descending. */
function byPriority(a: PricingRuleRow, b: PricingRuleRow): number {
  const d = priorityOf(b.priority) - priorityOf(a.priority);
  if (d) return d;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

const allMultiple = (rules: readonly PricingRuleRow[]) => rules.length > 0 && rules.every((r) => flag(r.apply_multiple_pricing_rules));

/** The coupon the query names (by document name or by its code), if it is in `coupons`. */
export function findCoupon(coupons: readonly CouponCodeRow[], code: string | null | undefined): CouponCodeRow | null {
  if (blank(code)) return null;
  return coupons.find((c) => c.name === code) ?? coupons.find((c) => c.coupon_code === code) ?? null;
}

/**
 * The selling rules that apply to the query's line, as ERPNext's get_pricing_rules and the
 * quantity filter of filter_pricing_rules select them:
 * - selling, not disabled, the line's company / customer (a blank field on the rule matches
 *   anyone, a set one only its value), customer group and territory including their ancestors,
 *   the price list when the rule names one, and the transaction date (today when blank) within
 *   valid_from..valid_upto; a Rate or Discount Amount rule only in its currency (Docket's rule);
 * - the item: Item Code (the line's item or its template: variant_of), Item Group (the item's
 *   group or an ancestor), Brand; a child row with a UOM only for a line in that UOM;
 * - specificity: the levels are searched Item Code, Item Group, Brand, and the search stops at
 *   the first level that found a rule unless that level's top rule has a priority or every
 *   rule found so far applies with others (ERPNext's loop; a rule that then fails its quantity
 *   still hides the less specific levels, as in ERPNext);
 * - coupon_code_based rules only when the query's coupon_code names a coupon of that rule;
 * - min_qty/max_qty against the stock quantity (qty × conversion_factor) or, for a rule row in
 *   the line's UOM, against qty; min_amt/max_amt against `amount`; a blank or 0 maximum is none.
 * The result is in ERPNext's order (priority, then name, descending).
 */
export function applicablePricingRules(rules: readonly PricingRuleRow[], query: PriceQuery, coupons: readonly CouponCodeRow[] = []): PricingRuleRow[] {
  const day = isoDay(query.transaction_date) ?? todayIso();
  const found: PricingRuleRow[] = [];
  for (const level of LEVELS) {
    const atLevel = rules.filter((r) => r.apply_on === level && headerMatches(r, query, day) && matchedRow(r, query) !== null).sort(byPriority);
    found.push(...atLevel);
    if (found.length && priorityOf(found[0].priority) > 0) continue;
    if (found.length && !allMultiple(found)) break;
  }

  const coupon = findCoupon(coupons, query.coupon_code);
  const withCoupon = found.filter((r) => !flag(r.coupon_code_based) || (coupon !== null && coupon.pricing_rule === r.name));

  const qty = lineQty(query);
  const stockQty = qty.mul(conversionFactor(query));
  const amount = dec(query.amount);
  return withCoupon.filter((r) => {
    const row = matchedRow(r, query);
    const q = row?.uom ? qty : stockQty;
    const maxQty = dec(r.max_qty);
    const maxAmt = dec(r.max_amt);
    if (q.lt(dec(r.min_qty)) || (!maxQty.isZero() && q.gt(maxQty))) return false;
    if (amount.lt(dec(r.min_amt)) || (!maxAmt.isZero() && amount.gt(maxAmt))) return false;
    return true;
  });
}

/**
 * Which of the applicable rules apply (ERPNext's filter_pricing_rules and its multiple-rules path):
 * - every rule applies with others (apply_multiple_pricing_rules): all of them, highest priority first;
 * - else, among several: those in the line's currency if any; those of the highest priority when
 *   any has one; all Discount Percentage → those for the line's price list if any; one left wins;
 * - several still left: MultiplePricingRuleConflict (417), naming them; except for the shopping
 *   cart (`for_shopping_cart`, what the webshop's product_info passes to ERPNext), which takes the
 *   first of them in ERPNext's order (priority, then name, descending) instead of failing.
 * The answer does not depend on the order of `applicable`.
 */
export function chooseRule(
  applicable: readonly PricingRuleRow[],
  query: Pick<PriceQuery, 'currency' | 'price_list'> = { price_list: '' },
  options: { for_shopping_cart?: boolean } = {},
): PricingRuleRow[] {
  if (!applicable.length) return [];
  let rules = [...applicable].sort(byPriority);
  if (allMultiple(rules)) return rules;

  if (rules.length > 1 && !blank(query.currency)) {
    const same = rules.filter((r) => r.currency === query.currency);
    if (same.length) rules = same;
  }
  const top = Math.max(...rules.map((r) => priorityOf(r.priority)));
  if (top > 0) rules = rules.filter((r) => priorityOf(r.priority) === top);
  if (rules.length > 1 && rules.every((r) => r.rate_or_discount === 'Discount Percentage')) {
    const forList = rules.filter((r) => r.for_price_list === query.price_list);
    if (forList.length) rules = forList;
  }
  if (rules.length > 1) {
    if (options.for_shopping_cart) return rules.slice(0, 1);
    throw new MultiplePricingRuleConflict(rules.map((r) => r.name));
  }
  return rules;
}

export interface ApplyContext {
  /** the line (its uom, conversion_factor and currency decide a Rate rule's price) */
  query?: Pick<PriceQuery, 'item_code' | 'variant_of' | 'item_group_ancestors' | 'brand' | 'uom' | 'conversion_factor' | 'currency'>;
  /** decimals of amounts: 2 unless told */
  precision?: number;
  rounding_method?: RoundingMethod;
}

/**
 * The line's price after the chosen rules, as ERPNext's apply_price_discount_rule and the
 * item calculation of taxes_and_totals give it:
 * - Rate: a non-zero rate in the line's currency replaces the price list rate (× conversion_factor
 *   when the rule's row has no UOM or another one than the line's), discount 0; a zero rate keeps
 *   the Item Price (ERPNext's "give preference to Item Price");
 * - Discount Percentage: discount_amount grows by price_list_rate × p / 100, so several rules'
 *   percentages add up (20 % + 10 % = 30 %); with apply_discount_on_rate the percentage applies to
 *   what is left (20 % then 10 % = 28 %);
 * - Discount Amount: discount_amount grows by the amount (discount_percentage stays as it was);
 * - a margin (the last applied rule's margin_type Percentage or Amount with a non-zero
 *   margin_rate_or_amount) lifts the price list rate to rate_with_margin = price_list_rate ×
 *   (1 + m / 100) or + m before the discounts, which are then taken from rate_with_margin;
 * - rate = (rate_with_margin or price_list_rate) − discount_amount, never below 0 nor above it;
 *   price_list_rate, rate_with_margin, discount_amount and rate rounded to the currency's precision.
 * Returns null when there is no price list rate and no Rate rule gives one.
 */
export function applyRule(price_list_rate: Money | null, rules: PricingRuleRow | readonly PricingRuleRow[] | null, ctx: ApplyContext = {}): AppliedPrice | null {
  const list: readonly PricingRuleRow[] = rules === null ? [] : Array.isArray(rules) ? rules : [rules as PricingRuleRow];
  const precision = ctx.precision ?? 2;
  const method = ctx.rounding_method ?? DEFAULT_ROUNDING_METHOD;
  const query = ctx.query;

  let plr: Money | null = price_list_rate === null ? null : dec(price_list_rate);
  const margin = [...list].reverse().find((r) => (r.margin_type === 'Percentage' || r.margin_type === 'Amount') && !dec(r.margin_rate_or_amount).isZero()) ?? null;
  const withMargin = (x: Money): Money => {
    if (!margin) return x;
    const m = dec(margin.margin_rate_or_amount);
    return margin.margin_type === 'Percentage' ? x.add(x.mul(m).div(100)) : x.add(m);
  };
  let percentage = ZERO;
  let discount = ZERO;
  let percentageOnRate = false;

  for (const rule of list) {
    if (rule.rate_or_discount === 'Rate') {
      const sameCurrency = blank(rule.currency) || blank(query?.currency) || rule.currency === query?.currency;
      const r = sameCurrency ? dec(rule.rate) : ZERO;
      if (!r.isZero()) {
        const row = query ? matchedRow(rule, query as PriceQuery) : null;
        const sameUom = row !== null && row.uom !== null && row.uom === query?.uom;
        plr = sameUom || !query ? r : r.mul(conversionFactor(query));
      }
      percentage = ZERO;
      discount = ZERO;
    } else if (rule.rate_or_discount === 'Discount Percentage') {
      const p = dec(rule.discount_percentage);
      if (flag(rule.apply_discount_on_rate) && !percentage.isZero()) {
        percentage = percentage.add(dec(100).sub(percentage).mul(p).div(100));
        percentageOnRate = true;
      } else if (plr !== null && !plr.isZero()) {
        discount = discount.add(withMargin(plr).mul(p).div(100));
        percentage = discount.div(withMargin(plr)).mul(100);
      } else {
        percentage = percentage.add(p);
      }
    } else {
      discount = discount.add(dec(rule.discount_amount));
    }
  }
  if (plr === null) return null;

  const listed = rounded(plr, precision, method);
  const base = rounded(withMargin(listed), precision, method);
  if (percentageOnRate) discount = base.mul(percentage).div(100);
  let off = rounded(discount, precision, method);
  if (off.lt(0)) off = ZERO;
  if (off.gt(base)) off = base;
  const rate = rounded(base.sub(off), precision, method);
  return {
    price_list_rate: listed,
    rate,
    discount_percentage: Money.min(Money.max(percentage, 0), 100),
    discount_amount: base.sub(rate),
    margin_type: margin ? (margin.margin_type as MarginType) : null,
    margin_rate_or_amount: margin ? dec(margin.margin_rate_or_amount) : ZERO,
    rate_with_margin: margin ? base : ZERO,
    pricing_rules: list.map((r) => r.name),
  };
}
