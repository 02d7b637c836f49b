import { defineDocType } from '../../../kernel/metadata/types';

/** A value of a listed Item Attribute, with the abbreviation variant codes carry (ERPNext's Item Attribute Value). */
export const ItemAttributeValue = defineDocType({
  name: 'Item Attribute Value',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 'attribute_value', fieldtype: 'Data', label: 'Attribute Value', reqd: true },
    { fieldname: 'abbr', fieldtype: 'Data', label: 'Abbreviation', reqd: true, description: 'Goes into the variant codes, e.g. RED in SHIRT-RED-M' },
  ],
  permissions: [],
});
