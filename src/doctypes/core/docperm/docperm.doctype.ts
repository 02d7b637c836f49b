import { defineDocType } from '../../../kernel/metadata/types';

/** Rows of the permission matrix (parent = the doctype), written from the definitions by migrate. */
export const DocPerm = defineDocType({
  name: 'DocPerm',
  module: 'Core',
  istable: true,
  fields: [
    { fieldname: 'role', fieldtype: 'Link', label: 'Role', options: 'Role', reqd: true },
    { fieldname: 'permlevel', fieldtype: 'Int', label: 'Level' },
    { fieldname: 'if_owner', fieldtype: 'Check', label: 'If user is the owner' },
    { fieldname: 'read', fieldtype: 'Check', label: 'Read', default: 1 },
    { fieldname: 'write', fieldtype: 'Check', label: 'Write' },
    { fieldname: 'create', fieldtype: 'Check', label: 'Create' },
    { fieldname: 'delete', fieldtype: 'Check', label: 'Delete' },
    { fieldname: 'submit', fieldtype: 'Check', label: 'Submit' },
    { fieldname: 'cancel', fieldtype: 'Check', label: 'Cancel' },
    { fieldname: 'amend', fieldtype: 'Check', label: 'Amend' },
    { fieldname: 'report', fieldtype: 'Check', label: 'Report' },
    { fieldname: 'export', fieldtype: 'Check', label: 'Export' },
  ],
  permissions: [],
});
