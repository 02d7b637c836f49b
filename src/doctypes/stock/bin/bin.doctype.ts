import { defineDocType } from '../../../kernel/metadata/types';
import { grant, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Bin: the running balance of one item in one warehouse, a cache of the Stock Ledger
 * (src/domain/stock keeps it; nobody writes it through the API). projected_qty is ERPNext's
 * actual + ordered + indented + planned - reserved.
 */
export const Bin = defineDocType({
  name: 'Bin',
  module: 'Stock',
  autoname: 'hash',
  track_changes: false,
  unique_keys: [['item_code', 'warehouse']],
  indexes: [['warehouse']],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true, read_only: true },
    { fieldname: 'warehouse', fieldtype: 'Link', label: 'Warehouse', options: 'Warehouse', reqd: true, read_only: true },
    { fieldname: 'actual_qty', fieldtype: 'Float', label: 'Actual Quantity', read_only: true, precision: 9 },
    { fieldname: 'reserved_qty', fieldtype: 'Float', label: 'Reserved Quantity', read_only: true, precision: 9 },
    { fieldname: 'ordered_qty', fieldtype: 'Float', label: 'Ordered Quantity', read_only: true, precision: 9 },
    { fieldname: 'indented_qty', fieldtype: 'Float', label: 'Requested Quantity', read_only: true, precision: 9 },
    { fieldname: 'planned_qty', fieldtype: 'Float', label: 'Planned Qty', read_only: true, precision: 9 },
    { fieldname: 'projected_qty', fieldtype: 'Float', label: 'Projected Qty', read_only: true, precision: 9 },
    { fieldname: 'valuation_rate', fieldtype: 'Float', label: 'Valuation Rate', read_only: true, precision: 9 },
    { fieldname: 'stock_value', fieldtype: 'Float', label: 'Stock Value', read_only: true, precision: 9 },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'UOM', options: 'UOM', read_only: true },
  ],
  permissions: [...grant(READ_REPORT, 'System Manager', 'Stock Manager', 'Stock User', 'Sales Manager', 'Sales User', 'Item Manager', 'Accounts Manager', 'Accounts User')],
});
