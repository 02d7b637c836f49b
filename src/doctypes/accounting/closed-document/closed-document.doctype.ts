import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Closed Document: a doctype an Accounting Period closes (or leaves open). */
export const ClosedDocument = defineDocType({
  name: 'Closed Document',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'document_type', fieldtype: 'Link', label: 'Document Type', options: 'DocType', reqd: true },
    { fieldname: 'closed', fieldtype: 'Check', label: 'Closed', default: 0 },
  ],
  permissions: [],
});
