import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Stock Reconciliation Item: the quantity and valuation rate an item is set to in a warehouse. */
export const StockReconciliationItem = defineDocType({
  name: 'Stock Reconciliation Item',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', fetch_from: 'item_code.item_name', read_only: true },
    { fieldname: 'warehouse', fieldtype: 'Link', label: 'Warehouse', options: 'Warehouse', reqd: true, same_company: true },
    { fieldname: 'qty', fieldtype: 'Float', label: 'Quantity' },
    { fieldname: 'valuation_rate', fieldtype: 'Currency', label: 'Valuation Rate', precision: 9 },
    { fieldname: 'amount', fieldtype: 'Currency', label: 'Amount', read_only: true },
    { fieldname: 'current_qty', fieldtype: 'Float', label: 'Current Qty', read_only: true },
    { fieldname: 'current_valuation_rate', fieldtype: 'Currency', label: 'Current Valuation Rate', read_only: true, precision: 9 },
    { fieldname: 'current_amount', fieldtype: 'Currency', label: 'Current Amount', read_only: true },
    { fieldname: 'quantity_difference', fieldtype: 'Float', label: 'Quantity Difference', read_only: true },
    { fieldname: 'amount_difference', fieldtype: 'Currency', label: 'Amount Difference', read_only: true },
  ],
  permissions: [],
});
