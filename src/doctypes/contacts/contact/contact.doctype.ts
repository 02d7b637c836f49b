import { defineDocType } from '../../../kernel/metadata/types';
import { EDIT, FULL, grant } from '../../setup/permissions';

/**
 * Frappe's Contact: a person linked to parties (Customer, Company…) through `links`. email_id,
 * phone and mobile_no come from the primary rows of email_ids and phone_nos. Named
 * `<full name>-<first link>` (with a -N suffix when taken) by its controller.
 */
export const Contact = defineDocType({
  name: 'Contact',
  module: 'Contacts',
  autoname: 'prompt',
  title_field: 'full_name',
  sort_field: 'modified',
  sort_order: 'asc',
  fields: [
    { fieldname: 'first_name', fieldtype: 'Data', label: 'First Name', reqd: true },
    { fieldname: 'middle_name', fieldtype: 'Data', label: 'Middle Name' },
    { fieldname: 'last_name', fieldtype: 'Data', label: 'Last Name' },
    { fieldname: 'full_name', fieldtype: 'Data', label: 'Full Name', read_only: true },
    { fieldname: 'email_id', fieldtype: 'Data', label: 'Email Address', read_only: true, index: true },
    { fieldname: 'user', fieldtype: 'Link', label: 'User Id', options: 'User', index: true },
    { fieldname: 'address', fieldtype: 'Link', label: 'Address', options: 'Address' },
    { fieldname: 'status', fieldtype: 'Select', label: 'Status', options: 'Passive\nOpen\nReplied', default: 'Passive' },
    { fieldname: 'salutation', fieldtype: 'Data', label: 'Salutation' },
    { fieldname: 'designation', fieldtype: 'Data', label: 'Designation' },
    { fieldname: 'department', fieldtype: 'Data', label: 'Department' },
    { fieldname: 'phone', fieldtype: 'Data', label: 'Phone', read_only: true },
    { fieldname: 'mobile_no', fieldtype: 'Data', label: 'Mobile No', read_only: true },
    { fieldname: 'company_name', fieldtype: 'Data', label: 'Company Name' },
    { fieldname: 'image', fieldtype: 'Data', label: 'Image', length: 240 },
    { fieldname: 'email_ids', fieldtype: 'Table', label: 'Email IDs', options: 'Contact Email' },
    { fieldname: 'phone_nos', fieldtype: 'Table', label: 'Contact Numbers', options: 'Contact Phone' },
    { fieldname: 'links', fieldtype: 'Table', label: 'Links', options: 'Dynamic Link' },
    { fieldname: 'is_primary_contact', fieldtype: 'Check', label: 'Is Primary Contact', default: 0 },
    { fieldname: 'unsubscribed', fieldtype: 'Check', label: 'Unsubscribed', default: 0 },
  ],
  permissions: [
    { role: 'System Manager', rights: FULL },
    // ERPNext's "Sales Master Manager" may delete; Docket gives that to Sales Manager.
    { role: 'Sales Manager', rights: FULL },
    ...grant(EDIT, 'Sales User', 'Accounts Manager', 'Accounts User'),
    // The kernel limits a Customer-role user to contacts linked to its own Customer.
    { role: 'Customer', rights: ['read', 'write', 'create'] },
    { role: 'All', if_owner: true, rights: ['read', 'write', 'create', 'delete', 'report'] },
  ],
});
