import { defineDocType } from '../../../kernel/metadata/types';

/** A row of a Website Item's specifications table (ERPNext's Item Website Specification). */
export const ItemWebsiteSpecification = defineDocType({
  name: 'Item Website Specification',
  module: 'Webshop',
  istable: true,
  fields: [
    { fieldname: 'label', fieldtype: 'Data', label: 'Label', reqd: true },
    { fieldname: 'description', fieldtype: 'Long Text', label: 'Description' },
  ],
  permissions: [],
});
