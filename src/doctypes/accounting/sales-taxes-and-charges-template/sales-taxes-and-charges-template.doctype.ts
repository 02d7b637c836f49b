import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Sales Taxes and Charges Template, named `<title> - <company abbr>`. */
export const SalesTaxesAndChargesTemplate = defineDocType({
  name: 'Sales Taxes and Charges Template',
  module: 'Accounts',
  autoname: 'prompt',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: true },
    { fieldname: 'is_default', fieldtype: 'Check', label: 'Default', default: 0 },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true },
    { fieldname: 'tax_category', fieldtype: 'Link', label: 'Tax Category', options: 'Tax Category' },
    { fieldname: 'taxes', fieldtype: 'Table', label: 'Sales Taxes and Charges', options: 'Sales Taxes and Charges' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Sales Manager')],
});
