import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../kernel/metadata/types';
import { CouponCodeController } from './coupon-code/coupon-code.controller';
import { CouponCode } from './coupon-code/coupon-code.doctype';
import { ItemPriceController } from './item-price/item-price.controller';
import { ItemPrice } from './item-price/item-price.doctype';
import { PricingRuleBrand, PricingRuleItemCode, PricingRuleItemGroup } from './pricing-rule-apply-on/pricing-rule-apply-on.doctype';
import { PricingRuleController } from './pricing-rule/pricing-rule.controller';
import { PricingRule } from './pricing-rule/pricing-rule.doctype';

/** Selling prices: Item Prices in price lists, Pricing Rules and their Coupon Codes. */
export const PRICING_DOCTYPES: DocTypeDef[] = [ItemPrice, PricingRuleItemCode, PricingRuleItemGroup, PricingRuleBrand, PricingRule, CouponCode];

export const PRICING_CONTROLLERS: Type[] = [ItemPriceController, PricingRuleController, CouponCodeController];
