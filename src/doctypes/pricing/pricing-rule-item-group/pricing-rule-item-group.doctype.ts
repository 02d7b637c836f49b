import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Pricing Rule Item Group: an item group a Pricing Rule applies to (apply_on "Item Group"). */
export const PricingRuleItemGroup = defineDocType({
  name: 'Pricing Rule Item Group',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'item_group', fieldtype: 'Link', label: 'Item Group', options: 'Item Group', index: true },
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
  ],
  permissions: [],
});
