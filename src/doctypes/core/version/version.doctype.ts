import { defineDocType } from '../../../kernel/metadata/types';

/** One row per change of a saved document: who, when, and the field diff. Written by the kernel. */
export const Version = defineDocType({
  name: 'Version',
  module: 'Core',
  autoname: 'hash',
  track_changes: false,
  fields: [
    { fieldname: 'ref_doctype', fieldtype: 'Link', label: 'Reference Document Type', options: 'DocType', read_only: true },
    { fieldname: 'docname', fieldtype: 'Data', label: 'Reference Document Name', read_only: true },
    { fieldname: 'data', fieldtype: 'Long Text', label: 'Data', read_only: true },
  ],
  indexes: [['ref_doctype', 'docname']],
  permissions: [{ role: 'System Manager', rights: ['read', 'report', 'export'] }],
});
