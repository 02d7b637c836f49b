import { defineDocType } from '../../../kernel/metadata/types';
import { grant, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Stock Ledger Entry: one stock move of one item in one warehouse, written submitted
 * by the stock ledger (src/domain/stock) and never edited or deleted; a cancelled voucher marks
 * its entries is_cancelled. Posting order: posting_datetime, then creation, then name.
 */
export const StockLedgerEntry = defineDocType({
  name: 'Stock Ledger Entry',
  module: 'Stock',
  autoname: 'hash',
  track_changes: false,
  company_field: 'company',
  sort_field: 'posting_datetime',
  sort_order: 'desc',
  indexes: [
    ['item_code', 'warehouse', 'posting_datetime', 'creation'],
    ['voucher_type', 'voucher_no'],
    ['warehouse', 'posting_date'],
  ],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true, read_only: true },
    { fieldname: 'warehouse', fieldtype: 'Link', label: 'Warehouse', options: 'Warehouse', reqd: true, read_only: true },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', read_only: true, index: true },
    { fieldname: 'posting_time', fieldtype: 'Time', label: 'Posting Time', read_only: true },
    { fieldname: 'posting_datetime', fieldtype: 'Datetime', label: 'Posting Datetime', read_only: true },
    { fieldname: 'voucher_type', fieldtype: 'Data', label: 'Voucher Type', read_only: true },
    { fieldname: 'voucher_no', fieldtype: 'Dynamic Link', label: 'Voucher No', options: 'voucher_type', read_only: true },
    { fieldname: 'voucher_detail_no', fieldtype: 'Data', label: 'Voucher Detail No', read_only: true },
    { fieldname: 'actual_qty', fieldtype: 'Float', label: 'Qty Change', read_only: true, precision: 9 },
    { fieldname: 'qty_after_transaction', fieldtype: 'Float', label: 'Qty After Transaction', read_only: true, precision: 9 },
    { fieldname: 'incoming_rate', fieldtype: 'Currency', label: 'Incoming Rate', read_only: true, precision: 9 },
    { fieldname: 'outgoing_rate', fieldtype: 'Currency', label: 'Outgoing Rate', read_only: true, precision: 9 },
    { fieldname: 'valuation_rate', fieldtype: 'Currency', label: 'Valuation Rate', read_only: true, precision: 9 },
    { fieldname: 'stock_value', fieldtype: 'Currency', label: 'Balance Stock Value', read_only: true },
    { fieldname: 'stock_value_difference', fieldtype: 'Currency', label: 'Change in Stock Value', read_only: true },
    { fieldname: 'stock_queue', fieldtype: 'Long Text', label: 'FIFO Stock Queue (qty, rate)', read_only: true },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'Stock UOM', options: 'UOM', read_only: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', read_only: true, index: true },
    { fieldname: 'is_cancelled', fieldtype: 'Check', label: 'Is Cancelled', read_only: true },
    { fieldname: 'recalculate_rate', fieldtype: 'Check', label: 'Recalculate Incoming/Outgoing Rate', read_only: true },
  ],
  permissions: [...grant(READ_REPORT, 'System Manager', 'Stock Manager', 'Stock User', 'Accounts Manager', 'Accounts User')],
});
