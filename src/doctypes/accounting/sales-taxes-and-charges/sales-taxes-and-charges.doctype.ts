import { defineDocType } from '../../../kernel/metadata/types';
import { CHARGE_TYPES } from '../../../domain/tax/types';

/**
 * ERPNext's Sales Taxes and Charges: a tax or charge row, the `taxes` table of a Sales Taxes and
 * Charges Template and of every selling document. On a document the amounts are computed by
 * src/domain/tax (a client's amounts are replaced); rate, row_id and account_head are its input.
 */
export const SalesTaxesAndCharges = defineDocType({
  name: 'Sales Taxes and Charges',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'charge_type', fieldtype: 'Select', label: 'Type', options: ['', ...CHARGE_TYPES].join('\n'), reqd: true },
    { fieldname: 'row_id', fieldtype: 'Data', label: 'Reference Row #', description: 'The 1-based row an On Previous Row charge is computed on' },
    { fieldname: 'account_head', fieldtype: 'Link', label: 'Account Head', options: 'Account', reqd: true, same_company: true },
    { fieldname: 'description', fieldtype: 'Small Text', label: 'Description', reqd: true },
    { fieldname: 'included_in_print_rate', fieldtype: 'Check', label: 'Is this Tax included in Basic Rate?', default: 0 },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'rate', fieldtype: 'Float', label: 'Rate' },
    { fieldname: 'account_currency', fieldtype: 'Link', label: 'Account Currency', options: 'Currency', read_only: true },
    { fieldname: 'tax_amount', fieldtype: 'Currency', label: 'Amount', options: 'currency', description: 'Given on an Actual row; computed on the others' },
    { fieldname: 'total', fieldtype: 'Currency', label: 'Total', options: 'currency', read_only: true },
    { fieldname: 'tax_amount_after_discount_amount', fieldtype: 'Currency', label: 'Tax Amount After Discount Amount', options: 'currency', read_only: true },
    { fieldname: 'base_tax_amount', fieldtype: 'Currency', label: 'Amount (Company Currency)', read_only: true },
    { fieldname: 'base_total', fieldtype: 'Currency', label: 'Total (Company Currency)', read_only: true },
    { fieldname: 'base_tax_amount_after_discount_amount', fieldtype: 'Currency', label: 'Tax Amount After Discount Amount (Company Currency)', read_only: true },
    { fieldname: 'item_wise_tax_detail', fieldtype: 'Long Text', label: 'Item Wise Tax Detail', read_only: true },
    { fieldname: 'dont_recompute_tax', fieldtype: 'Check', label: 'Dont Recompute tax', default: 0, read_only: true },
  ],
  permissions: [],
});
