import { defineDocType } from '../../../kernel/metadata/types';

/**
 * ERPNext's Pricing Rule child tables naming what a rule applies to (apply_on "Item Code",
 * "Item Group" or "Brand"): each row a Link to one item, group or brand, with an optional UOM.
 * The three tables have the same shape.
 */
function applyOnRows(name: string, fieldname: string, label: string, target: string) {
  return defineDocType({
    name,
    module: 'Accounts',
    istable: true,
    fields: [
      { fieldname, fieldtype: 'Link', label, options: target, index: true },
      { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
    ],
    permissions: [],
  });
}

export const PricingRuleItemCode = applyOnRows('Pricing Rule Item Code', 'item_code', 'Item Code', 'Item');
export const PricingRuleItemGroup = applyOnRows('Pricing Rule Item Group', 'item_group', 'Item Group', 'Item Group');
export const PricingRuleBrand = applyOnRows('Pricing Rule Brand', 'brand', 'Brand', 'Brand');
