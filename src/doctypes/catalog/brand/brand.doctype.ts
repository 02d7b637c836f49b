import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../../setup/permissions';

/** ERPNext's Brand: a maker or label items are sold under (a storefront filter). */
export const Brand = defineDocType({
  name: 'Brand',
  module: 'Setup',
  autoname: 'field:brand',
  sort_field: 'brand',
  sort_order: 'asc',
  fields: [
    { fieldname: 'brand', fieldtype: 'Data', label: 'Brand Name', reqd: true, unique: true },
    { fieldname: 'image', fieldtype: 'Data', label: 'Image', length: 240 },
    { fieldname: 'description', fieldtype: 'Long Text', label: 'Description' },
  ],
  permissions: [...grant(FULL, 'System Manager', 'Item Manager', 'Website Manager'), ...grant(READ_REPORT, 'Sales User', 'Sales Manager', 'Stock User', 'Stock Manager'), ...PUBLIC_READ],
});
