import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Item Default (Item.item_defaults, Item Group.item_group_defaults): per-company defaults. */
export const ItemDefault = defineDocType({
  name: 'Item Default',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true },
    { fieldname: 'default_warehouse', fieldtype: 'Link', label: 'Default Warehouse', options: 'Warehouse' },
    { fieldname: 'default_price_list', fieldtype: 'Link', label: 'Default Price List', options: 'Price List' },
  ],
  permissions: [],
});
