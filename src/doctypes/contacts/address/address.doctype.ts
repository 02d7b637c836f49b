import { defineDocType } from '../../../kernel/metadata/types';
import { EDIT, FULL, grant } from '../../setup/permissions';

export const ADDRESS_TYPES = [
  'Billing',
  'Shipping',
  'Office',
  'Personal',
  'Plant',
  'Postal',
  'Shop',
  'Subsidiary',
  'Warehouse',
  'Current',
  'Permanent',
  'Other',
] as const;

/**
 * Frappe's Address, linked to its owners (Customer, Company…) through `links`. Named
 * `<address_title>-<address_type>` (with a -N suffix when taken) by its controller.
 */
export const Address = defineDocType({
  name: 'Address',
  module: 'Contacts',
  autoname: 'prompt',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'address_title', fieldtype: 'Data', label: 'Address Title' },
    { fieldname: 'address_type', fieldtype: 'Select', label: 'Address Type', options: ADDRESS_TYPES.join('\n'), reqd: true },
    { fieldname: 'address_line1', fieldtype: 'Data', label: 'Address Line 1', length: 240, reqd: true },
    { fieldname: 'address_line2', fieldtype: 'Data', label: 'Address Line 2', length: 240 },
    { fieldname: 'city', fieldtype: 'Data', label: 'City/Town', reqd: true, index: true },
    { fieldname: 'county', fieldtype: 'Data', label: 'County' },
    { fieldname: 'state', fieldtype: 'Data', label: 'State/Province' },
    { fieldname: 'country', fieldtype: 'Link', label: 'Country', options: 'Country', reqd: true, index: true },
    { fieldname: 'pincode', fieldtype: 'Data', label: 'Postal Code', index: true },
    { fieldname: 'email_id', fieldtype: 'Data', label: 'Email Address' },
    { fieldname: 'phone', fieldtype: 'Data', label: 'Phone' },
    { fieldname: 'fax', fieldtype: 'Data', label: 'Fax' },
    { fieldname: 'is_primary_address', fieldtype: 'Check', label: 'Preferred Billing Address', default: 0 },
    { fieldname: 'is_shipping_address', fieldtype: 'Check', label: 'Preferred Shipping Address', default: 0 },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'links', fieldtype: 'Table', label: 'Links', options: 'Dynamic Link' },
  ],
  permissions: [
    { role: 'System Manager', rights: FULL },
    ...grant(EDIT, 'Sales Manager', 'Sales User', 'Accounts Manager', 'Accounts User'),
    // The kernel limits a Customer-role user to addresses linked to its own Customer.
    { role: 'Customer', rights: ['read', 'write', 'create'] },
    { role: 'All', if_owner: true, rights: ['read', 'write', 'create', 'export'] },
  ],
});
