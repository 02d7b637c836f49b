import { Ctx } from '../../kernel/db/context';
import { checkCoupon } from './coupon';
import { COUPON_USED_UP, InvalidCouponCode } from './errors';
import { CouponCodeRow } from './types';

/**
 * Takes one use of a coupon for an order being placed, in the caller's transaction: the coupon
 * must be valid today, and the use is counted by one conditional UPDATE (used < maximum_use), so
 * when two orders race for the last use exactly one gets it and the other is refused, whatever
 * the isolation level. A cancelled order gives its use back with `releaseCoupon`.
 */
export async function redeemCoupon(ctx: Ctx, code: string, today: string): Promise<CouponCodeRow> {
  const [coupon] = await ctx.db.query<CouponCodeRow>(
    'SELECT name, coupon_code, pricing_rule, valid_from, valid_upto, maximum_use, used, customer, coupon_type FROM `tabCoupon Code` WHERE coupon_code = ? OR name = ?',
    [code, code],
  );
  checkCoupon(coupon, today);
  const { affectedRows } = await ctx.db.write(
    'tabCoupon Code',
    'UPDATE `tabCoupon Code` SET used = used + 1 WHERE name = ? AND (maximum_use IS NULL OR maximum_use = 0 OR used < maximum_use)',
    [coupon.name],
  );
  if (affectedRows !== 1) throw new InvalidCouponCode(COUPON_USED_UP);
  return coupon;
}

/** Gives back a use taken by `redeemCoupon` (never below zero). */
export async function releaseCoupon(ctx: Ctx, name: string): Promise<void> {
  await ctx.db.write('tabCoupon Code', 'UPDATE `tabCoupon Code` SET used = used - 1 WHERE name = ? AND used > 0', [name]);
}
