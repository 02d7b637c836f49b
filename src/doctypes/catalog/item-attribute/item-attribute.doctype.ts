import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Item Attribute: what variants of a template differ by (Colour, Size). Either a list
 * of values with abbreviations, or numeric: a range with an increment.
 */
export const ItemAttribute = defineDocType({
  name: 'Item Attribute',
  module: 'Stock',
  autoname: 'field:attribute_name',
  sort_field: 'attribute_name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'attribute_name', fieldtype: 'Data', label: 'Attribute Name', reqd: true, unique: true },
    { fieldname: 'numeric_values', fieldtype: 'Check', label: 'Numeric Values', default: 0 },
    { fieldname: 'from_range', fieldtype: 'Float', label: 'From Range', precision: 9 },
    { fieldname: 'increment', fieldtype: 'Float', label: 'Increment', precision: 9 },
    { fieldname: 'to_range', fieldtype: 'Float', label: 'To Range', precision: 9 },
    { fieldname: 'item_attribute_values', fieldtype: 'Table', label: 'Item Attribute Values', options: 'Item Attribute Value' },
  ],
  permissions: [...grant(FULL, 'System Manager', 'Item Manager'), ...grant(READ_REPORT, 'Stock User', 'Stock Manager', 'Sales User', 'Sales Manager', 'Website Manager'), ...PUBLIC_READ],
});
