import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Item Tax Template, named `<title> - <company abbr>`: per-account rates overriding a tax row's. */
export const ItemTaxTemplate = defineDocType({
  name: 'Item Tax Template',
  module: 'Accounts',
  autoname: 'prompt',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'taxes', fieldtype: 'Table', label: 'Tax Rates', options: 'Item Tax Template Detail', reqd: true },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Sales Manager')],
});
