import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ_REPORT } from '../permissions';

/** ERPNext's Customer Group: a tree rooted at "All Customer Groups", used for pricing and reports. */
export const CustomerGroup = defineDocType({
  name: 'Customer Group',
  module: 'Setup',
  autoname: 'field:customer_group_name',
  nsm_parent_field: 'parent_customer_group',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'customer_group_name', fieldtype: 'Data', label: 'Customer Group Name', reqd: true, unique: true, no_copy: true },
    { fieldname: 'parent_customer_group', fieldtype: 'Link', label: 'Parent Customer Group', options: 'Customer Group', index: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0, description: 'Only leaf nodes are allowed in transaction' },
    { fieldname: 'default_price_list', fieldtype: 'Link', label: 'Default Price List', options: 'Price List' },
  ],
  permissions: [
    // ERPNext's "Sales Master Manager" rights go to Sales Manager (Docket has no master-manager roles).
    ...grant(FULL, 'System Manager', 'Sales Manager'),
    ...grant(READ_REPORT, 'Sales User', 'Accounts Manager', 'Accounts User'),
  ],
});
