import { checkCoupon } from './coupon';
import { choosePriceListRate } from './price-list-rate';
import { applicablePricingRules, applyRule, chooseRule, findCoupon } from './pricing-rules';
import type { CouponCodeRow, ItemPriceRow, PriceOptions, PriceQuery, PriceResult, PricingRuleRow } from './types';
import { dec, isoDay, lineQty, todayIso } from './values';

export interface PricingData {
  prices: readonly ItemPriceRow[];
  rules: readonly PricingRuleRow[];
  coupons?: readonly CouponCodeRow[];
}

/**
 * The one price function (the storefront, get_item_details, the cart and every later document):
 * 1. the coupon, when the query names one, must exist and be usable today ("Please enter a valid
 *    coupon code" and the reason otherwise);
 * 2. the price list rate (choosePriceListRate);
 * 3. the applicable selling rules, the amount breaks measured on price_list_rate × qty unless the
 *    query gives `amount` (applicablePricingRules), the winner or the rules applied together
 *    (chooseRule: MultiplePricingRuleConflict on an unresolved tie, unless for_shopping_cart);
 * 4. the rate after them (applyRule), rounded to the currency's precision.
 * Returns null when the item has no price: no Item Price applies and no Rate rule sets one.
 */
export function price(query: PriceQuery, data: PricingData, options: PriceOptions = {}): PriceResult | null {
  const today = isoDay(options.today) ?? todayIso();
  const day = isoDay(query.transaction_date) ?? today;
  const coupons = data.coupons ?? [];

  let coupon: CouponCodeRow | null = null;
  if (query.coupon_code) coupon = checkCoupon(findCoupon(coupons, query.coupon_code), day);

  const listed = choosePriceListRate(data.prices, { ...query, transaction_date: day });
  const plr = listed?.price_list_rate ?? null;
  const amount = query.amount ?? (plr ? plr.mul(lineQty(query)) : dec(0));
  const q: PriceQuery = { ...query, transaction_date: day, amount };

  const chosen = chooseRule(applicablePricingRules(data.rules, q, coupons), q, { for_shopping_cart: options.for_shopping_cart });
  const applied = applyRule(plr, chosen, { query: q, precision: options.precision, rounding_method: options.rounding_method });
  if (!applied) return null;

  const rateRuleSetPrice = chosen.some((r) => r.rate_or_discount === 'Rate' && !dec(r.rate).isZero() && !applied.price_list_rate.equals(plr ?? -1));
  return {
    ...applied,
    item_price: listed && !rateRuleSetPrice ? listed.item_price : null,
    coupon_code: coupon && chosen.some((r) => r.name === coupon.pricing_rule) ? coupon.name : null,
  };
}
