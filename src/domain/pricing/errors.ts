import { ValidationError } from '../../kernel/errors/errors';

/**
 * ERPNext's MultiplePricingRuleConflict (pricing_rule/utils.py, a ValidationError: HTTP 417):
 * several rules are left after priorities and the tie rules, and nothing says which applies.
 */
export class MultiplePricingRuleConflict extends ValidationError {
  override readonly excType = 'MultiplePricingRuleConflict';
  constructor(readonly rules: readonly string[]) {
    super(`Multiple Price Rules exists with same criteria, please resolve conflict by assigning priority. Price Rules: ${rules.join('\n')}`);
  }
}

/** The message of every refused coupon (the webshop's apply_coupon_code). */
export const INVALID_COUPON = 'Please enter a valid coupon code';

/** Why a Coupon Code cannot be used (the messages of ERPNext's validate_coupon_code, pricing_rule/utils.py). */
export const COUPON_NOT_STARTED = "Sorry, this coupon code's validity has not started";
export const COUPON_EXPIRED = "Sorry, this coupon code's validity has expired";
export const COUPON_USED_UP = 'Sorry, this coupon code is no longer valid';

/** A coupon that cannot be used: "Please enter a valid coupon code" and, when known, the reason. */
export class InvalidCouponCode extends ValidationError {
  constructor(readonly reason: string | null = null) {
    super(reason ? `${INVALID_COUPON}: ${reason}` : INVALID_COUPON);
  }
}
