import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../kernel/metadata/types';
import { ItemTax } from './item-tax/item-tax.doctype';
import { ItemTaxTemplateDetail } from './item-tax-template-detail/item-tax-template-detail.doctype';
import { ItemTaxTemplateController } from './item-tax-template/item-tax-template.controller';
import { ItemTaxTemplate } from './item-tax-template/item-tax-template.doctype';
import { SalesTaxesAndChargesTemplateController } from './sales-taxes-and-charges-template/sales-taxes-and-charges-template.controller';
import { SalesTaxesAndChargesTemplate } from './sales-taxes-and-charges-template/sales-taxes-and-charges-template.doctype';
import { ShippingRuleCondition } from './shipping-rule-condition/shipping-rule-condition.doctype';
import { ShippingRuleCountry } from './shipping-rule-country/shipping-rule-country.doctype';
import { ShippingRuleController } from './shipping-rule/shipping-rule.controller';
import { ShippingRule } from './shipping-rule/shipping-rule.doctype';
import { TaxCategory } from './tax-category/tax-category.doctype';
import { TaxRuleController } from './tax-rule/tax-rule.controller';
import { TaxRule } from './tax-rule/tax-rule.doctype';

/** Tax configuration (issue 9): templates, item tax, categories, rules, shipping rules. */
export const TAX_CONFIG_DOCTYPES: DocTypeDef[] = [
  TaxCategory,
  SalesTaxesAndChargesTemplate,
  ItemTaxTemplateDetail,
  ItemTaxTemplate,
  ItemTax,
  TaxRule,
  ShippingRuleCondition,
  ShippingRuleCountry,
  ShippingRule,
];

export const TAX_CONFIG_CONTROLLERS: Type[] = [
  SalesTaxesAndChargesTemplateController,
  ItemTaxTemplateController,
  TaxRuleController,
  ShippingRuleController,
];
