import { defineDocType } from '../../../kernel/metadata/types';

export const HasRole = defineDocType({
  name: 'Has Role',
  module: 'Core',
  istable: true,
  fields: [{ fieldname: 'role', fieldtype: 'Link', label: 'Role', options: 'Role', reqd: true, index: true }],
  permissions: [],
});
