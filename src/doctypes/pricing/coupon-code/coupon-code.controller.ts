import { randomBytes } from 'node:crypto';
import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { checkWindow, isBlank } from '../pricing-checks';

/** ten upper-case hex characters (ERPNext: frappe.generate_hash()[:10].upper()) */
const hashCode = () => randomBytes(5).toString('hex').toUpperCase();

/** ERPNext's coupon_code.py: the name is the trimmed coupon name, a code is generated when absent, Gift Cards are single-use and for one customer. */
@DocController('Coupon Code')
export class CouponCodeController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (typeof doc.coupon_name === 'string') doc.coupon_name = doc.coupon_name.trim();
    if (!isBlank(doc.coupon_code)) return;
    // Promotional: the name's first eight non-digit characters, upper-cased (ERPNext), without
    // spaces; a random code when that is empty or already taken.
    const fromName = String(doc.coupon_name ?? '').replace(/[\d\s]/g, '').slice(0, 8).toUpperCase();
    const taken = async (code: string) => !!(await ctx.asSystem((sys) => sys.getValue('Coupon Code', { coupon_code: code }, ['name'])));
    doc.coupon_code = doc.coupon_type !== 'Gift Card' && fromName && !(await taken(fromName)) ? fromName : hashCode();
  }

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    if (doc.coupon_type === 'Gift Card') {
      doc.maximum_use = 1;
      if (isBlank(doc.customer)) throw new MandatoryError('Please select the customer.');
    }
    if (Number(doc.maximum_use ?? 0) < 0) throw new ValidationError('Maximum Use can not be negative');
    checkWindow(doc, 'Valid Upto must be after Valid From');
    const rule = await ctx.asSystem((sys) => sys.getValue('Pricing Rule', String(doc.pricing_rule), ['coupon_code_based']));
    if (rule && !Number(rule.coupon_code_based)) {
      throw new ValidationError(`Pricing Rule ${doc.pricing_rule} is not Coupon Code Based: a Coupon Code needs a Pricing Rule with Coupon Code Based checked`);
    }
  }
}
