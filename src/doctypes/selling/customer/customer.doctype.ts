import { defineDocType } from '../../../kernel/metadata/types';
import { EDIT, FULL, grant, READ, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Customer. Website users act for a Customer through portal_users; the kernel then
 * limits them to that Customer and the documents linked to it.
 */
export const Customer = defineDocType({
  name: 'Customer',
  module: 'Selling',
  autoname: 'naming_series:',
  title_field: 'customer_name',
  sort_field: 'modified',
  sort_order: 'asc',
  fields: [
    { fieldname: 'naming_series', fieldtype: 'Select', label: 'Series', options: 'CUST-.YYYY.-', default: 'CUST-.YYYY.-', no_copy: true },
    { fieldname: 'customer_name', fieldtype: 'Data', label: 'Customer Name', reqd: true, index: true, no_copy: true },
    { fieldname: 'customer_type', fieldtype: 'Select', label: 'Customer Type', options: 'Company\nIndividual\nPartnership', default: 'Company', reqd: true },
    { fieldname: 'customer_group', fieldtype: 'Link', label: 'Customer Group', options: 'Customer Group', index: true },
    { fieldname: 'territory', fieldtype: 'Link', label: 'Territory', options: 'Territory', index: true },
    { fieldname: 'image', fieldtype: 'Data', label: 'Image', length: 240 },
    { fieldname: 'default_currency', fieldtype: 'Link', label: 'Billing Currency', options: 'Currency', no_copy: true },
    { fieldname: 'default_price_list', fieldtype: 'Link', label: 'Default Price List', options: 'Price List' },
    { fieldname: 'is_internal_customer', fieldtype: 'Check', label: 'Is Internal Customer', default: 0 },
    { fieldname: 'represents_company', fieldtype: 'Link', label: 'Represents Company', options: 'Company', unique: true },
    { fieldname: 'website', fieldtype: 'Data', label: 'Website' },
    { fieldname: 'customer_primary_contact', fieldtype: 'Link', label: 'Customer Primary Contact', options: 'Contact' },
    { fieldname: 'mobile_no', fieldtype: 'Data', label: 'Mobile No', read_only: true },
    { fieldname: 'email_id', fieldtype: 'Data', label: 'Email Id', read_only: true },
    { fieldname: 'customer_primary_address', fieldtype: 'Link', label: 'Customer Primary Address', options: 'Address' },
    { fieldname: 'primary_address', fieldtype: 'Text', label: 'Primary Address', read_only: true },
    { fieldname: 'tax_id', fieldtype: 'Data', label: 'Tax ID' },
    { fieldname: 'customer_details', fieldtype: 'Text', label: 'Customer Details' },
    { fieldname: 'is_frozen', fieldtype: 'Check', label: 'Is Frozen', default: 0 },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'portal_users', fieldtype: 'Table', label: 'Customer Portal Users', options: 'Portal User' },
  ],
  permissions: [
    // ERPNext's "Sales Master Manager" rights go to Sales Manager (Docket has no master-manager roles).
    ...grant(FULL, 'System Manager', 'Sales Manager'),
    ...grant(EDIT, 'Sales User'),
    ...grant(READ_REPORT, 'Stock Manager', 'Stock User', 'Accounts Manager', 'Accounts User'),
    // The kernel limits a Customer-role user to the Customer(s) it is a portal user of.
    ...grant(READ, 'Customer'),
  ],
});
