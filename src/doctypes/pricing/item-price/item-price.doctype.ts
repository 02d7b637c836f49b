import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/**
 * ERPNext's Item Price: one rate of an Item in a Price List, for a unit, optionally for one
 * Customer, valid between two dates. Currency, selling and buying come from the Price List;
 * item name, description and brand from the Item (all read-only to clients).
 */
export const ItemPrice = defineDocType({
  name: 'Item Price',
  module: 'Stock',
  autoname: 'hash',
  title_field: 'item_name',
  sort_field: 'modified',
  sort_order: 'asc',
  indexes: [['item_code', 'price_list']],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true, index: true },
    {
      fieldname: 'uom',
      fieldtype: 'Link',
      label: 'UOM',
      options: 'UOM',
      fetch_from: 'item_code.stock_uom',
      description: "The unit the rate is for; the item's stock unit when not given",
    },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', read_only: true, fetch_from: 'item_code.item_name' },
    { fieldname: 'brand', fieldtype: 'Link', label: 'Brand', options: 'Brand', read_only: true, fetch_from: 'item_code.brand' },
    { fieldname: 'item_description', fieldtype: 'Text', label: 'Item Description', read_only: true, fetch_from: 'item_code.description' },
    { fieldname: 'price_list', fieldtype: 'Link', label: 'Price List', options: 'Price List', reqd: true, index: true },
    { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer', index: true },
    { fieldname: 'buying', fieldtype: 'Check', label: 'Buying', default: 0, read_only: true },
    { fieldname: 'selling', fieldtype: 'Check', label: 'Selling', default: 0, read_only: true },
    { fieldname: 'currency', fieldtype: 'Link', label: 'Currency', options: 'Currency', read_only: true },
    { fieldname: 'price_list_rate', fieldtype: 'Currency', label: 'Rate', options: 'currency', reqd: true },
    { fieldname: 'valid_from', fieldtype: 'Date', label: 'Valid From', default: 'Today' },
    { fieldname: 'valid_upto', fieldtype: 'Date', label: 'Valid Upto' },
    { fieldname: 'note', fieldtype: 'Text', label: 'Note' },
    { fieldname: 'reference', fieldtype: 'Data', label: 'Reference', read_only: true },
  ],
  permissions: [
    // ERPNext's "Sales Master Manager" rights go to Sales Manager (Docket has no master-manager roles).
    ...grant(FULL, 'System Manager', 'Sales Manager', 'Item Manager'),
    ...grant(READ, 'Sales User', 'Accounts Manager', 'Accounts User'),
  ],
});
