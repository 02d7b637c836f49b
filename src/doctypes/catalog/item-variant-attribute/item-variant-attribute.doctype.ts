import { defineDocType } from '../../../kernel/metadata/types';

/**
 * A row of Item's `attributes` (ERPNext's Item Variant Attribute): on a template, an attribute
 * its variants take a value of; on a variant, the value it has.
 */
export const ItemVariantAttribute = defineDocType({
  name: 'Item Variant Attribute',
  module: 'Stock',
  istable: true,
  indexes: [
    ['attribute', 'attribute_value'],
    // covers an item's attribute values (the storefront's attribute filters and facets)
    ['parent', 'parenttype', 'attribute', 'attribute_value'],
  ],
  fields: [
    { fieldname: 'variant_of', fieldtype: 'Link', label: 'Variant Of', options: 'Item', read_only: true },
    { fieldname: 'attribute', fieldtype: 'Link', label: 'Attribute', options: 'Item Attribute', reqd: true },
    { fieldname: 'attribute_value', fieldtype: 'Data', label: 'Attribute Value' },
    { fieldname: 'numeric_values', fieldtype: 'Check', label: 'Numeric Values', default: 0, read_only: true },
    { fieldname: 'from_range', fieldtype: 'Float', label: 'From Range', precision: 9, read_only: true },
    { fieldname: 'increment', fieldtype: 'Float', label: 'Increment', precision: 9, read_only: true },
    { fieldname: 'to_range', fieldtype: 'Float', label: 'To Range', precision: 9, read_only: true },
  ],
  permissions: [],
});
