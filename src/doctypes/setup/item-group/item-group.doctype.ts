import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../permissions';

/** ERPNext's Item Group: the catalogue tree rooted at "All Item Groups". */
export const ItemGroup = defineDocType({
  name: 'Item Group',
  module: 'Setup',
  autoname: 'field:item_group_name',
  nsm_parent_field: 'parent_item_group',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'item_group_name', fieldtype: 'Data', label: 'Item Group Name', reqd: true, unique: true },
    { fieldname: 'parent_item_group', fieldtype: 'Link', label: 'Parent Item Group', options: 'Item Group', index: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0, description: 'Only leaf nodes are allowed in transaction' },
    { fieldname: 'image', fieldtype: 'Data', label: 'Image', length: 240 },
    { fieldname: 'description', fieldtype: 'Long Text', label: 'Description' },
    { fieldname: 'item_group_defaults', fieldtype: 'Table', label: 'Item Group Defaults', options: 'Item Default' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Item Manager'),
    { role: 'Stock Manager', rights: ['read', 'report', 'export'] },
    ...grant(READ_REPORT, 'Stock User', 'Sales Manager', 'Sales User', 'Accounts Manager', 'Accounts User'),
    ...PUBLIC_READ,
  ],
});
