import { defineDocType } from '../../../kernel/metadata/types';

/** Frappe's Dynamic Link (Address.links, Contact.links): a reference to a document of any doctype. */
export const DynamicLink = defineDocType({
  name: 'Dynamic Link',
  module: 'Core',
  istable: true,
  indexes: [['link_doctype', 'link_name']],
  fields: [
    { fieldname: 'link_doctype', fieldtype: 'Link', label: 'Link DocType', options: 'DocType', reqd: true },
    { fieldname: 'link_name', fieldtype: 'Dynamic Link', label: 'Link Name', options: 'link_doctype', reqd: true },
    { fieldname: 'link_title', fieldtype: 'Data', label: 'Link Title', read_only: true },
  ],
  permissions: [],
});
