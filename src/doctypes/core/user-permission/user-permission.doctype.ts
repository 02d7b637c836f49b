import { defineDocType } from '../../../kernel/metadata/types';

/** Restricts a user to documents linked to the given value of a doctype (Company, Customer, Warehouse…). */
export const UserPermission = defineDocType({
  name: 'User Permission',
  module: 'Core',
  autoname: 'hash',
  fields: [
    { fieldname: 'user', fieldtype: 'Link', label: 'User', options: 'User', reqd: true, index: true },
    { fieldname: 'allow', fieldtype: 'Link', label: 'Allow', options: 'DocType', reqd: true },
    { fieldname: 'for_value', fieldtype: 'Dynamic Link', label: 'For Value', options: 'allow', reqd: true },
    { fieldname: 'apply_to_all_doctypes', fieldtype: 'Check', label: 'Apply To All Document Types', default: 1 },
    { fieldname: 'is_default', fieldtype: 'Check', label: 'Is Default' },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'write', 'create', 'delete', 'report', 'export'] }],
});
