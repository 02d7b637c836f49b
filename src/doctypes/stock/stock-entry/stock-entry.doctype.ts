import { defineDocType } from '../../../kernel/metadata/types';
import { grant } from '../../setup/permissions';

const STOCK_VOUCHER_RIGHTS = ['read', 'write', 'create', 'submit', 'cancel', 'amend', 'delete', 'report', 'export'] as const;

/**
 * ERPNext's Stock Entry: receives, issues or transfers stock (purpose from its Stock Entry Type).
 * On submit every line moves stock through the stock ledger; cancelling moves it back.
 */
export const StockEntry = defineDocType({
  name: 'Stock Entry',
  module: 'Stock',
  is_submittable: true,
  autoname: 'MAT-STE-.YYYY.-.#####',
  company_field: 'company',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'stock_entry_type', fieldtype: 'Link', label: 'Stock Entry Type', options: 'Stock Entry Type', reqd: true },
    { fieldname: 'purpose', fieldtype: 'Select', label: 'Purpose', options: 'Material Issue\nMaterial Receipt\nMaterial Transfer', read_only: true, fetch_from: 'stock_entry_type.purpose' },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', default: 'Today', index: true },
    { fieldname: 'posting_time', fieldtype: 'Time', label: 'Posting Time' },
    { fieldname: 'set_posting_time', fieldtype: 'Check', label: 'Edit Posting Date and Time', default: 0 },
    { fieldname: 'from_warehouse', fieldtype: 'Link', label: 'Default Source Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'to_warehouse', fieldtype: 'Link', label: 'Default Target Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'items', fieldtype: 'Table', label: 'Items', options: 'Stock Entry Detail', reqd: true },
    { fieldname: 'total_outgoing_value', fieldtype: 'Currency', label: 'Total Outgoing Value (Consumption)', read_only: true },
    { fieldname: 'total_incoming_value', fieldtype: 'Currency', label: 'Total Incoming Value (Receipt)', read_only: true },
    { fieldname: 'value_difference', fieldtype: 'Currency', label: 'Total Value Difference (Incoming - Outgoing)', read_only: true },
    { fieldname: 'total_amount', fieldtype: 'Currency', label: 'Total Amount', read_only: true },
    { fieldname: 'is_opening', fieldtype: 'Select', label: 'Is Opening', options: 'No\nYes', default: 'No' },
    { fieldname: 'remarks', fieldtype: 'Text', label: 'Remarks' },
  ],
  permissions: [
    ...grant([...STOCK_VOUCHER_RIGHTS], 'System Manager', 'Stock Manager'),
    ...grant(['read', 'write', 'create', 'submit', 'cancel', 'report'], 'Stock User'),
    ...grant(['read', 'report'], 'Accounts Manager', 'Accounts User'),
  ],
});
