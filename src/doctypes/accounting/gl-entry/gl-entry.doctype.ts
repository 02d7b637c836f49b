import { defineDocType } from '../../../kernel/metadata/types';
import { grant, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's GL Entry: one debit or credit of one account for one voucher, written submitted by
 * the general ledger (src/domain/accounting/general-ledger.ts) and never edited or deleted. A
 * cancelled voucher marks its entries is_cancelled and adds reversing ones (ERPNext since v13).
 */
export const GLEntry = defineDocType({
  name: 'GL Entry',
  module: 'Accounts',
  autoname: 'hash',
  track_changes: false,
  company_field: 'company',
  sort_field: 'posting_date',
  sort_order: 'desc',
  indexes: [
    // covering for the trial balance and the statements (company, a date range, sums per account)
    ['company', 'posting_date', 'account', 'is_cancelled', 'debit', 'credit'],
    // covering for an account's General Ledger: its sums, and its page in posting order (posting_date, creation, name)
    ['account', 'posting_date', 'creation', 'name', 'is_cancelled', 'debit', 'credit'],
    ['voucher_type', 'voucher_no'],
    ['party_type', 'party', 'posting_date'],
    ['against_voucher_type', 'against_voucher'],
  ],
  fields: [
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', read_only: true },
    { fieldname: 'transaction_date', fieldtype: 'Date', label: 'Transaction Date', read_only: true },
    { fieldname: 'account', fieldtype: 'Link', label: 'Account', options: 'Account', read_only: true },
    { fieldname: 'party_type', fieldtype: 'Link', label: 'Party Type', options: 'DocType', read_only: true },
    { fieldname: 'party', fieldtype: 'Dynamic Link', label: 'Party', options: 'party_type', read_only: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', read_only: true },
    { fieldname: 'debit', fieldtype: 'Currency', label: 'Debit Amount', read_only: true },
    { fieldname: 'credit', fieldtype: 'Currency', label: 'Credit Amount', read_only: true },
    { fieldname: 'account_currency', fieldtype: 'Link', label: 'Account Currency', options: 'Currency', read_only: true },
    { fieldname: 'debit_in_account_currency', fieldtype: 'Currency', label: 'Debit Amount in Account Currency', read_only: true },
    { fieldname: 'credit_in_account_currency', fieldtype: 'Currency', label: 'Credit Amount in Account Currency', read_only: true },
    { fieldname: 'against', fieldtype: 'Text', label: 'Against', read_only: true },
    { fieldname: 'against_voucher_type', fieldtype: 'Link', label: 'Against Voucher Type', options: 'DocType', read_only: true },
    { fieldname: 'against_voucher', fieldtype: 'Dynamic Link', label: 'Against Voucher', options: 'against_voucher_type', read_only: true },
    { fieldname: 'voucher_type', fieldtype: 'Link', label: 'Voucher Type', options: 'DocType', read_only: true },
    { fieldname: 'voucher_no', fieldtype: 'Dynamic Link', label: 'Voucher No', options: 'voucher_type', read_only: true },
    { fieldname: 'voucher_detail_no', fieldtype: 'Data', label: 'Voucher Detail No', read_only: true },
    { fieldname: 'is_opening', fieldtype: 'Select', label: 'Is Opening', options: 'No\nYes', read_only: true },
    { fieldname: 'is_advance', fieldtype: 'Select', label: 'Is Advance', options: 'No\nYes', read_only: true },
    { fieldname: 'fiscal_year', fieldtype: 'Link', label: 'Fiscal Year', options: 'Fiscal Year', read_only: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', read_only: true },
    { fieldname: 'remarks', fieldtype: 'Text', label: 'Remarks', read_only: true },
    { fieldname: 'is_cancelled', fieldtype: 'Check', label: 'Is Cancelled', read_only: true },
  ],
  permissions: [...grant(READ_REPORT, 'System Manager', 'Accounts Manager', 'Accounts User')],
});
