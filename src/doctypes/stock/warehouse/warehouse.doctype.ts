import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Warehouse: a nested set per company (root "All Warehouses - <abbr>"), named
 * `<warehouse_name> - <company abbr>` by its controller.
 */
export const Warehouse = defineDocType({
  name: 'Warehouse',
  module: 'Stock',
  autoname: 'prompt',
  nsm_parent_field: 'parent_warehouse',
  company_field: 'company',
  sort_field: 'creation',
  sort_order: 'desc',
  fields: [
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'warehouse_name', fieldtype: 'Data', label: 'Warehouse Name', reqd: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'is_rejected_warehouse', fieldtype: 'Check', label: 'Is Rejected Warehouse', default: 0 },
    { fieldname: 'parent_warehouse', fieldtype: 'Link', label: 'Parent Warehouse', options: 'Warehouse', index: true, same_company: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group Warehouse', default: 0 },
    {
      fieldname: 'territory',
      fieldtype: 'Link',
      label: 'Territory',
      options: 'Territory',
      index: true,
      description: 'Orders of customers in this territory (or a territory under it) are fulfilled from here first',
    },
    {
      fieldname: 'default_in_transit_warehouse',
      fieldtype: 'Link',
      label: 'Default In-Transit Warehouse',
      options: 'Warehouse',
      same_company: true,
    },
    { fieldname: 'email_id', fieldtype: 'Data', label: 'Email Address' },
    { fieldname: 'phone_no', fieldtype: 'Data', label: 'Phone No' },
    { fieldname: 'mobile_no', fieldtype: 'Data', label: 'Mobile No' },
    { fieldname: 'address_line_1', fieldtype: 'Data', label: 'Address Line 1', length: 240 },
    { fieldname: 'address_line_2', fieldtype: 'Data', label: 'Address Line 2', length: 240 },
    { fieldname: 'city', fieldtype: 'Data', label: 'City' },
    { fieldname: 'state', fieldtype: 'Data', label: 'State/Province' },
    { fieldname: 'pin', fieldtype: 'Data', label: 'PIN' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Item Manager', 'Stock Manager'),
    ...grant(READ_REPORT, 'Stock User', 'Sales Manager', 'Sales User', 'Accounts Manager', 'Accounts User'),
  ],
});
