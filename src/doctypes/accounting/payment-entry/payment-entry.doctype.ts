import { defineDocType } from '../../../kernel/metadata/types';
import { grant } from '../../setup/permissions';

const RIGHTS = ['read', 'write', 'create', 'submit', 'cancel', 'amend', 'delete', 'report', 'export'] as const;

/**
 * ERPNext's Payment Entry: money received from a customer (or paid, or moved between accounts),
 * allocated to the invoices it settles; on submit it posts to the general ledger and reduces the
 * invoices' outstanding amounts, cancel restores them. Single-currency only.
 */
export const PaymentEntry = defineDocType({
  name: 'Payment Entry',
  module: 'Accounts',
  is_submittable: true,
  autoname: 'ACC-PAY-.YYYY.-.#####',
  company_field: 'company',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'payment_type', fieldtype: 'Select', label: 'Payment Type', options: 'Receive\nPay\nInternal Transfer', reqd: true, default: 'Receive' },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Posting Date', default: 'Today', index: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'mode_of_payment', fieldtype: 'Link', label: 'Mode of Payment', options: 'Mode of Payment' },
    { fieldname: 'party_type', fieldtype: 'Link', label: 'Party Type', options: 'DocType' },
    { fieldname: 'party', fieldtype: 'Dynamic Link', label: 'Party', options: 'party_type', index: true },
    { fieldname: 'party_name', fieldtype: 'Data', label: 'Party Name', read_only: true },
    { fieldname: 'paid_from', fieldtype: 'Link', label: 'Account Paid From', options: 'Account', same_company: true },
    { fieldname: 'paid_to', fieldtype: 'Link', label: 'Account Paid To', options: 'Account', same_company: true },
    { fieldname: 'paid_from_account_currency', fieldtype: 'Link', label: 'Account Currency (From)', options: 'Currency', read_only: true },
    { fieldname: 'paid_to_account_currency', fieldtype: 'Link', label: 'Account Currency (To)', options: 'Currency', read_only: true },
    { fieldname: 'paid_amount', fieldtype: 'Currency', label: 'Paid Amount', reqd: true },
    { fieldname: 'received_amount', fieldtype: 'Currency', label: 'Received Amount', read_only: true },
    { fieldname: 'source_exchange_rate', fieldtype: 'Float', label: 'Exchange Rate', read_only: true, default: 1 },
    { fieldname: 'target_exchange_rate', fieldtype: 'Float', label: 'Exchange Rate', read_only: true, default: 1 },
    { fieldname: 'base_paid_amount', fieldtype: 'Currency', label: 'Paid Amount (Company Currency)', read_only: true },
    { fieldname: 'base_received_amount', fieldtype: 'Currency', label: 'Received Amount (Company Currency)', read_only: true },
    { fieldname: 'reference_no', fieldtype: 'Data', label: 'Cheque/Reference No' },
    { fieldname: 'reference_date', fieldtype: 'Date', label: 'Cheque/Reference Date' },
    { fieldname: 'references', fieldtype: 'Table', label: 'Payment References', options: 'Payment Entry Reference' },
    { fieldname: 'total_allocated_amount', fieldtype: 'Currency', label: 'Total Allocated Amount', read_only: true },
    { fieldname: 'unallocated_amount', fieldtype: 'Currency', label: 'Unallocated Amount', read_only: true },
    { fieldname: 'difference_amount', fieldtype: 'Currency', label: 'Difference Amount (Company Currency)', read_only: true },
    { fieldname: 'status', fieldtype: 'Select', label: 'Status', options: '\nDraft\nSubmitted\nCancelled', read_only: true, default: 'Draft' },
    { fieldname: 'remarks', fieldtype: 'Small Text', label: 'Remarks' },
  ],
  permissions: [...grant([...RIGHTS], 'System Manager', 'Accounts Manager'), ...grant(['read', 'write', 'create', 'submit', 'cancel', 'report'], 'Accounts User')],
});
