import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../permissions';

/**
 * ERPNext's Company: a legal entity with its own books. A nested set on parent_company, like
 * ERPNext's. Account and Cost Center defaults are added by the accounting module's doctypes.
 */
export const Company = defineDocType({
  name: 'Company',
  module: 'Setup',
  autoname: 'field:company_name',
  nsm_parent_field: 'parent_company',
  sort_field: 'modified',
  sort_order: 'asc',
  fields: [
    { fieldname: 'company_name', fieldtype: 'Data', label: 'Company', reqd: true, unique: true },
    { fieldname: 'abbr', fieldtype: 'Data', label: 'Abbr', reqd: true, unique: true, length: 20, description: 'Set once; suffixes warehouse and account names' },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
    { fieldname: 'parent_company', fieldtype: 'Link', label: 'Parent Company', options: 'Company', index: true },
    { fieldname: 'domain', fieldtype: 'Data', label: 'Domain' },
    { fieldname: 'default_currency', fieldtype: 'Link', label: 'Default Currency', options: 'Currency', reqd: true },
    { fieldname: 'country', fieldtype: 'Link', label: 'Country', options: 'Country', reqd: true },
    { fieldname: 'tax_id', fieldtype: 'Data', label: 'Tax ID' },
    { fieldname: 'date_of_establishment', fieldtype: 'Date', label: 'Date of Establishment' },
    { fieldname: 'default_warehouse_for_sales_return', fieldtype: 'Link', label: 'Default Warehouse for Sales Return', options: 'Warehouse' },
    { fieldname: 'default_in_transit_warehouse', fieldtype: 'Link', label: 'Default In-Transit Warehouse', options: 'Warehouse' },
    { fieldname: 'credit_limit', fieldtype: 'Currency', label: 'Credit Limit' },
    { fieldname: 'enable_perpetual_inventory', fieldtype: 'Check', label: 'Enable Perpetual Inventory', default: 1 },
    {
      fieldname: 'enable_perpetual_inventory_for_non_stock_items',
      fieldtype: 'Check',
      label: 'Enable Perpetual Inventory For Non Stock Items',
      default: 0,
    },
    { fieldname: 'phone_no', fieldtype: 'Data', label: 'Phone No' },
    { fieldname: 'email', fieldtype: 'Data', label: 'Email' },
    { fieldname: 'website', fieldtype: 'Data', label: 'Website' },
    { fieldname: 'company_description', fieldtype: 'Long Text', label: 'Company Description' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Accounts Manager'),
    ...grant(READ, 'Accounts User', 'Sales Manager', 'Sales User', 'Stock Manager', 'Stock User', 'Item Manager'),
  ],
});
