import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's UOM Conversion Detail (Item.uoms): how many stock units one `uom` holds. */
export const UOMConversionDetail = defineDocType({
  name: 'UOM Conversion Detail',
  module: 'Stock',
  istable: true,
  fields: [
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM', reqd: true },
    { fieldname: 'conversion_factor', fieldtype: 'Float', label: 'Conversion Factor', precision: 9, reqd: true },
  ],
  permissions: [],
});
