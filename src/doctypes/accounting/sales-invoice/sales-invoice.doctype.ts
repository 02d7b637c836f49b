import { defineDocType } from '../../../kernel/metadata/types';
import { grant } from '../../setup/permissions';

const FULL = ['read', 'write', 'create', 'submit', 'cancel', 'amend', 'delete', 'report', 'export'] as const;

/** ERPNext's Sales Invoice status options (sales_invoice.json); computed, never the client's. */
export const SALES_INVOICE_STATUSES = [
  'Draft', 'Return', 'Credit Note Issued', 'Submitted', 'Paid', 'Partly Paid', 'Unpaid', 'Unpaid and Discounted',
  'Partly Paid and Discounted', 'Overdue and Discounted', 'Overdue', 'Cancelled', 'Internal Transfer',
] as const;

/**
 * ERPNext's Sales Invoice: bills a customer. The server computes every total (src/domain/tax);
 * on submit it debits the customer's receivable and credits income and tax accounts, and with
 * update_stock issues the items from stock and posts their cost.
 */
export const SalesInvoice = defineDocType({
  name: 'Sales Invoice',
  module: 'Accounts',
  is_submittable: true,
  autoname: 'ACC-SINV-.YYYY.-.#####',
  company_field: 'company',
  title_field: 'customer_name',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer', reqd: true, index: true },
    { fieldname: 'customer_name', fieldtype: 'Data', label: 'Customer Name', fetch_from: 'customer.customer_name', read_only: true },
    { fieldname: 'tax_id', fieldtype: 'Data', label: 'Tax Id', fetch_from: 'customer.tax_id', read_only: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'posting_date', fieldtype: 'Date', label: 'Date', default: 'Today', reqd: true, index: true },
    { fieldname: 'posting_time', fieldtype: 'Time', label: 'Posting Time' },
    { fieldname: 'set_posting_time', fieldtype: 'Check', label: 'Edit Posting Date and Time', default: 0 },
    { fieldname: 'due_date', fieldtype: 'Date', label: 'Payment Due Date' },
    { fieldname: 'is_pos', fieldtype: 'Check', label: 'Include Payment (POS)', default: 0, read_only: true },
    { fieldname: 'is_return', fieldtype: 'Check', label: 'Is Return (Credit Note)', default: 0 },
    { fieldname: 'return_against', fieldtype: 'Link', label: 'Return Against', options: 'Sales Invoice' },
    { fieldname: 'update_stock', fieldtype: 'Check', label: 'Update Stock', default: 0 },
    { fieldname: 'set_warehouse', fieldtype: 'Link', label: 'Source Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'customer_address', fieldtype: 'Link', label: 'Customer Address', options: 'Address' },
    { fieldname: 'shipping_address_name', fieldtype: 'Link', label: 'Shipping Address Name', options: 'Address' },
    { fieldname: 'currency', fieldtype: 'Link', label: 'Currency', options: 'Currency' },
    { fieldname: 'conversion_rate', fieldtype: 'Float', label: 'Exchange Rate', precision: 9 },
    { fieldname: 'selling_price_list', fieldtype: 'Link', label: 'Price List', options: 'Price List' },
    { fieldname: 'price_list_currency', fieldtype: 'Link', label: 'Price List Currency', options: 'Currency', read_only: true },
    { fieldname: 'plc_conversion_rate', fieldtype: 'Float', label: 'Price List Exchange Rate', precision: 9 },
    { fieldname: 'items', fieldtype: 'Table', label: 'Items', options: 'Sales Invoice Item', reqd: true },
    { fieldname: 'total_qty', fieldtype: 'Float', label: 'Total Quantity', read_only: true },
    { fieldname: 'base_total', fieldtype: 'Currency', label: 'Total (Company Currency)', read_only: true },
    { fieldname: 'base_net_total', fieldtype: 'Currency', label: 'Net Total (Company Currency)', read_only: true },
    { fieldname: 'total', fieldtype: 'Currency', label: 'Total', options: 'currency', read_only: true },
    { fieldname: 'net_total', fieldtype: 'Currency', label: 'Net Total', options: 'currency', read_only: true },
    { fieldname: 'tax_category', fieldtype: 'Data', label: 'Tax Category' },
    { fieldname: 'taxes', fieldtype: 'Table', label: 'Sales Taxes and Charges', options: 'Sales Taxes and Charges' },
    { fieldname: 'base_total_taxes_and_charges', fieldtype: 'Currency', label: 'Total Taxes and Charges (Company Currency)', read_only: true },
    { fieldname: 'total_taxes_and_charges', fieldtype: 'Currency', label: 'Total Taxes and Charges', options: 'currency', read_only: true },
    { fieldname: 'apply_discount_on', fieldtype: 'Select', label: 'Apply Additional Discount On', options: '\nGrand Total\nNet Total', default: 'Grand Total' },
    { fieldname: 'base_discount_amount', fieldtype: 'Currency', label: 'Additional Discount Amount (Company Currency)', read_only: true },
    { fieldname: 'additional_discount_percentage', fieldtype: 'Float', label: 'Additional Discount Percentage' },
    { fieldname: 'discount_amount', fieldtype: 'Currency', label: 'Additional Discount Amount', options: 'currency' },
    { fieldname: 'base_grand_total', fieldtype: 'Currency', label: 'Grand Total (Company Currency)', read_only: true },
    { fieldname: 'base_rounding_adjustment', fieldtype: 'Currency', label: 'Rounding Adjustment (Company Currency)', read_only: true },
    { fieldname: 'base_rounded_total', fieldtype: 'Currency', label: 'Rounded Total (Company Currency)', read_only: true },
    { fieldname: 'grand_total', fieldtype: 'Currency', label: 'Grand Total', options: 'currency', read_only: true },
    { fieldname: 'rounding_adjustment', fieldtype: 'Currency', label: 'Rounding Adjustment', options: 'currency', read_only: true },
    { fieldname: 'rounded_total', fieldtype: 'Currency', label: 'Rounded Total', options: 'currency', read_only: true },
    { fieldname: 'disable_rounded_total', fieldtype: 'Check', label: 'Disable Rounded Total', default: 0 },
    { fieldname: 'write_off_amount', fieldtype: 'Currency', label: 'Write Off Amount', options: 'currency', read_only: true },
    { fieldname: 'paid_amount', fieldtype: 'Currency', label: 'Paid Amount', options: 'currency', read_only: true },
    { fieldname: 'debit_to', fieldtype: 'Link', label: 'Debit To', options: 'Account', same_company: true },
    { fieldname: 'party_account_currency', fieldtype: 'Link', label: 'Party Account Currency', options: 'Currency', read_only: true },
    { fieldname: 'outstanding_amount', fieldtype: 'Currency', label: 'Outstanding Amount', options: 'party_account_currency', read_only: true },
    { fieldname: 'status', fieldtype: 'Select', label: 'Status', options: ['', ...SALES_INVOICE_STATUSES].join('\n'), default: 'Draft', read_only: true, index: true },
    { fieldname: 'archived', fieldtype: 'Check', label: 'Archived', default: 0 },
    { fieldname: 'remarks', fieldtype: 'Small Text', label: 'Remarks' },
  ],
  permissions: [
    ...grant([...FULL], 'System Manager', 'Accounts Manager'),
    ...grant(['read', 'write', 'create', 'submit', 'cancel', 'report'], 'Accounts User'),
    ...grant(['read', 'report'], 'Sales User', 'Sales Manager'),
    ...grant(['read'], 'Customer'),
  ],
});
