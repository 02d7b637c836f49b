export { checkCoupon } from './coupon';
export { COUPON_EXPIRED, COUPON_NOT_STARTED, COUPON_USED_UP, INVALID_COUPON, InvalidCouponCode, MultiplePricingRuleConflict } from './errors';
export { price, type PricingData } from './price';
export { choosePriceListRate } from './price-list-rate';
export { applicablePricingRules, applyRule, chooseRule, findCoupon, matchedRow, type ApplyContext } from './pricing-rules';
export * from './types';
