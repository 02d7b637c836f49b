import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ, READ_REPORT } from '../permissions';

/** ERPNext's Territory: a tree of sales regions rooted at "All Territories". */
export const Territory = defineDocType({
  name: 'Territory',
  module: 'Setup',
  autoname: 'field:territory_name',
  nsm_parent_field: 'parent_territory',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'territory_name', fieldtype: 'Data', label: 'Territory Name', reqd: true, unique: true, no_copy: true },
    { fieldname: 'parent_territory', fieldtype: 'Link', label: 'Parent Territory', options: 'Territory', index: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
  ],
  permissions: [
    // ERPNext's "Sales Master Manager" rights go to Sales Manager (Docket has no master-manager roles).
    ...grant(FULL, 'System Manager', 'Sales Manager'),
    ...grant(READ_REPORT, 'Sales User', 'Accounts Manager', 'Accounts User'),
    ...grant(READ, 'Stock Manager', 'Stock User'),
  ],
});
