import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Stock Entry Detail: one line of a Stock Entry (qty in `uom`, transfer_qty in the stock UOM). */
export const StockEntryDetail = defineDocType({
  name: 'Stock Entry Detail',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 's_warehouse', fieldtype: 'Link', label: 'Source Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 't_warehouse', fieldtype: 'Link', label: 'Target Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', fetch_from: 'item_code.item_name', read_only: true },
    { fieldname: 'qty', fieldtype: 'Float', label: 'Qty', reqd: true },
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
    { fieldname: 'conversion_factor', fieldtype: 'Float', label: 'Conversion Factor', precision: 9 },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'Stock UOM', options: 'UOM', read_only: true },
    { fieldname: 'transfer_qty', fieldtype: 'Float', label: 'Qty as per Stock UOM', read_only: true },
    { fieldname: 'basic_rate', fieldtype: 'Currency', label: 'Basic Rate (as per Stock UOM)', precision: 9 },
    { fieldname: 'basic_amount', fieldtype: 'Currency', label: 'Basic Amount', read_only: true },
    { fieldname: 'valuation_rate', fieldtype: 'Currency', label: 'Valuation Rate', read_only: true, precision: 9 },
    { fieldname: 'amount', fieldtype: 'Currency', label: 'Amount', read_only: true },
    { fieldname: 'actual_qty', fieldtype: 'Float', label: 'Actual Qty (at source/target)', read_only: true },
    { fieldname: 'expense_account', fieldtype: 'Link', label: 'Difference Account', options: 'Account', same_company: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'allow_zero_valuation_rate', fieldtype: 'Check', label: 'Allow Zero Valuation Rate' },
  ],
  permissions: [],
});
