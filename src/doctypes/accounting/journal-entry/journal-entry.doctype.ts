import { defineDocType } from '../../../kernel/metadata/types';
import { grant } from '../../setup/permissions';

export const JOURNAL_VOUCHER_TYPES = [
  'Journal Entry',
  'Bank Entry',
  'Cash Entry',
  'Credit Card Entry',
  'Debit Note',
  'Credit Note',
  'Contra Entry',
  'Excise Entry',
  'Write Off Entry',
  'Opening Entry',
  'Depreciation Entry',
  'Exchange Rate Revaluation',
];

/**
 * ERPNext's Journal Entry: debits and credits between accounts, balanced; on submit each row
 * is posted to the general ledger, and cancelling reverses the entries.
 */
export const JournalEntry = defineDocType({
  name: 'Journal Entry',
  module: 'Accounts',
  is_submittable: true,
  autoname: 'ACC-JV-.YYYY.-.#####',
  company_field: 'company',
  title_field: 'title',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'title', fieldtype: 'Data', label: 'Title' },
    { fieldname: 'voucher_type', fieldtype: 'Select', label: 'Entry Type', options: JOURNAL_VOUCHER_TYPES.join('\n'), default: 'Journal Entry', reqd: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', default: 'Today', reqd: true, index: true },
    { fieldname: 'cheque_no', fieldtype: 'Data', label: 'Reference Number' },
    { fieldname: 'cheque_date', fieldtype: 'Date', label: 'Reference Date' },
    { fieldname: 'user_remark', fieldtype: 'Small Text', label: 'User Remark' },
    { fieldname: 'is_opening', fieldtype: 'Select', label: 'Is Opening', options: 'No\nYes', default: 'No' },
    { fieldname: 'accounts', fieldtype: 'Table', label: 'Accounting Entries', options: 'Journal Entry Account', reqd: true },
    { fieldname: 'total_debit', fieldtype: 'Currency', label: 'Total Debit', read_only: true },
    { fieldname: 'total_credit', fieldtype: 'Currency', label: 'Total Credit', read_only: true },
    { fieldname: 'difference', fieldtype: 'Currency', label: 'Difference (Dr - Cr)', read_only: true },
    { fieldname: 'remark', fieldtype: 'Small Text', label: 'Remark', read_only: true },
  ],
  permissions: [
    ...grant(['read', 'write', 'create', 'submit', 'cancel', 'amend', 'delete', 'report', 'export'], 'System Manager', 'Accounts Manager'),
    ...grant(['read', 'write', 'create', 'submit', 'cancel', 'report'], 'Accounts User'),
  ],
});
