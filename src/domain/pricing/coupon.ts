import { COUPON_EXPIRED, COUPON_NOT_STARTED, COUPON_USED_UP, InvalidCouponCode } from './errors';
import type { CouponCodeRow, DateInput } from './types';
import { isoDay, todayIso } from './values';

/**
 * Refuses a coupon that cannot be used today, as ERPNext's validate_coupon_code
 * (accounts/doctype/pricing_rule/utils.py) does, with "Please enter a valid coupon code" (the
 * webshop's apply_coupon_code, also for an unknown code) and its reason: validity not started (valid_from after today), expired (valid_upto before
 * today), used up (used ≥ maximum_use; a blank or 0 maximum_use is no limit). The three are
 * checked in that order, each on its own (older ERPNext checked valid_upto only when valid_from
 * was blank).
 * Enforcing maximum_use when two orders race for the last use is the caller's: it counts the
 * use under a row lock when the order is placed.
 */
export function checkCoupon(coupon: CouponCodeRow | null | undefined, today: DateInput = todayIso()): CouponCodeRow {
  if (!coupon) throw new InvalidCouponCode();
  const day = isoDay(today) ?? todayIso();
  const from = isoDay(coupon.valid_from);
  const upto = isoDay(coupon.valid_upto);
  if (from !== null && from > day) throw new InvalidCouponCode(COUPON_NOT_STARTED);
  if (upto !== null && upto < day) throw new InvalidCouponCode(COUPON_EXPIRED);
  const max = coupon.maximum_use ?? 0;
  if (max > 0 && (coupon.used ?? 0) >= max) throw new InvalidCouponCode(COUPON_USED_UP);
  return coupon;
}
