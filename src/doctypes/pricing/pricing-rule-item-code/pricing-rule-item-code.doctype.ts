import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Pricing Rule Item Code: an item a Pricing Rule applies to (apply_on "Item Code"). */
export const PricingRuleItemCode = defineDocType({
  name: 'Pricing Rule Item Code',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', index: true },
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
  ],
  permissions: [],
});
