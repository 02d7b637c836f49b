import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Item Tax: an item's tax template for a tax category, from a date, within a net-rate band. */
export const ItemTax = defineDocType({
  name: 'Item Tax',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 'item_tax_template', fieldtype: 'Link', label: 'Item Tax Template', options: 'Item Tax Template', reqd: true },
    { fieldname: 'tax_category', fieldtype: 'Link', label: 'Tax Category', options: 'Tax Category' },
    { fieldname: 'valid_from', fieldtype: 'Date', label: 'Valid From' },
    { fieldname: 'minimum_net_rate', fieldtype: 'Float', label: 'Minimum Net Rate' },
    { fieldname: 'maximum_net_rate', fieldtype: 'Float', label: 'Maximum Net Rate' },
  ],
  permissions: [],
});
