import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Pricing Rule Brand: a brand a Pricing Rule applies to (apply_on "Brand"). */
export const PricingRuleBrand = defineDocType({
  name: 'Pricing Rule Brand',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'brand', fieldtype: 'Link', label: 'Brand', options: 'Brand', index: true },
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
  ],
  permissions: [],
});
