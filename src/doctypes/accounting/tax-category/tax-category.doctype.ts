import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Tax Category: a label a party, address or item tax row carries for tax rule matching. */
export const TaxCategory = defineDocType({
  name: 'Tax Category',
  module: 'Accounts',
  autoname: 'field:title',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: true, unique: true },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Sales Manager')],
});
