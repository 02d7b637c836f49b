import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { decimalOf, isBlank } from '../pricing-checks';
import { checkPricingRule } from './pricing-rule-checks';

/** ERPNext's pricing_rule.py validate (price discounts only), with the checks that read other doctypes. */
@DocController('Pricing Rule')
export class PricingRuleController implements DocHooks {
  /** The currency defaults to the company's (ERPNext's ":Company" default), else the price list's. */
  async beforeValidate(ctx: Ctx, doc: Doc): Promise<void> {
    if (!isBlank(doc.currency)) return;
    if (!isBlank(doc.company)) {
      const company = await ctx.asSystem((sys) => sys.getValue('Company', String(doc.company), ['default_currency']));
      if (company?.default_currency) doc.currency = company.default_currency;
    }
    if (isBlank(doc.currency) && !isBlank(doc.for_price_list)) {
      const list = await ctx.asSystem((sys) => sys.getValue('Price List', String(doc.for_price_list), ['currency']));
      if (list?.currency) doc.currency = list.currency;
    }
  }

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    if (isBlank(doc.currency)) throw new MandatoryError('Error: Value missing for Pricing Rule: Currency');
    checkPricingRule(doc);
    await this.checkMaxDiscount(ctx, doc);
    if (!isBlank(doc.for_price_list)) {
      const list = await ctx.asSystem((sys) => sys.getValue('Price List', String(doc.for_price_list), ['currency']));
      if (list && list.currency !== doc.currency) throw new ValidationError(`Currency should be same as Price List Currency: ${list.currency}`);
    }
  }

  /** ERPNext's validate_max_discount: a percentage above an item's max_discount is refused. */
  private async checkMaxDiscount(ctx: Ctx, doc: Doc): Promise<void> {
    if (doc.rate_or_discount !== 'Discount Percentage' || !(doc.items ?? []).length) return;
    const percent = decimalOf(doc.discount_percentage);
    if (!percent) return;
    const codes = [...new Set((doc.items as Doc[]).map((r) => String(r.item_code)))];
    const items = await ctx.asSystem((sys) => sys.getList('Item', { filters: { name: ['in', codes] }, fields: ['name', 'max_discount'], limit: codes.length }));
    for (const code of codes) {
      const max = decimalOf(items.find((i) => i.name === code)?.max_discount);
      if (max && !max.isZero() && percent.gt(max)) throw new ValidationError(`Max discount allowed for item: ${code} is ${max.toString()}%`);
    }
  }
}
