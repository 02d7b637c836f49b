import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Payment Entry Reference: one invoice a payment settles, and how much of it. */
export const PaymentEntryReference = defineDocType({
  name: 'Payment Entry Reference',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'reference_doctype', fieldtype: 'Link', label: 'Type', options: 'DocType', reqd: true },
    { fieldname: 'reference_name', fieldtype: 'Dynamic Link', label: 'Name', options: 'reference_doctype', reqd: true },
    { fieldname: 'due_date', fieldtype: 'Date', label: 'Due Date', read_only: true },
    { fieldname: 'total_amount', fieldtype: 'Currency', label: 'Grand Total', read_only: true },
    { fieldname: 'outstanding_amount', fieldtype: 'Currency', label: 'Outstanding', read_only: true },
    { fieldname: 'allocated_amount', fieldtype: 'Currency', label: 'Allocated' },
  ],
  permissions: [],
});
