import { defineDocType } from '../../../kernel/metadata/types';
import { grant } from '../../setup/permissions';

/**
 * ERPNext's Stock Reconciliation: sets the quantity and valuation rate of items in warehouses
 * (purpose Opening Stock for a first count). Only a Stock Manager submits one.
 */
export const StockReconciliation = defineDocType({
  name: 'Stock Reconciliation',
  module: 'Stock',
  is_submittable: true,
  autoname: 'MAT-RECO-.YYYY.-.#####',
  company_field: 'company',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'purpose', fieldtype: 'Select', label: 'Purpose', options: 'Stock Reconciliation\nOpening Stock', default: 'Stock Reconciliation', reqd: true },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', default: 'Today', index: true },
    { fieldname: 'posting_time', fieldtype: 'Time', label: 'Posting Time' },
    { fieldname: 'set_posting_time', fieldtype: 'Check', label: 'Edit Posting Date and Time', default: 0 },
    { fieldname: 'set_warehouse', fieldtype: 'Link', label: 'Default Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'items', fieldtype: 'Table', label: 'Items', options: 'Stock Reconciliation Item', reqd: true },
    { fieldname: 'expense_account', fieldtype: 'Link', label: 'Difference Account', options: 'Account', same_company: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'difference_amount', fieldtype: 'Currency', label: 'Difference Amount', read_only: true },
  ],
  permissions: [
    ...grant(['read', 'write', 'create', 'submit', 'cancel', 'amend', 'delete', 'report', 'export'], 'System Manager', 'Stock Manager'),
    ...grant(['read', 'report'], 'Stock User', 'Accounts Manager'),
  ],
});
