import { defineDocType } from '../../../kernel/metadata/types';

export const Role = defineDocType({
  name: 'Role',
  module: 'Core',
  autoname: 'field:role_name',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'role_name', fieldtype: 'Data', label: 'Role Name', reqd: true, unique: true },
    { fieldname: 'desk_access', fieldtype: 'Check', label: 'Desk Access', default: 1 },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled' },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'write', 'create', 'delete', 'report', 'export'] }],
});
