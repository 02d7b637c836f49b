import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Cost Center: a nested set per company (root `<company name> - <abbr>`), named `<cost_center_name> - <abbr>`. */
export const CostCenter = defineDocType({
  name: 'Cost Center',
  module: 'Accounts',
  autoname: 'prompt',
  nsm_parent_field: 'parent_cost_center',
  company_field: 'company',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'cost_center_name', fieldtype: 'Data', label: 'Cost Center Name', reqd: true },
    { fieldname: 'parent_cost_center', fieldtype: 'Link', label: 'Parent Cost Center', options: 'Cost Center', index: true, same_company: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
  ],
  permissions: [...grant(FULL, 'Accounts Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Stock User')],
});
