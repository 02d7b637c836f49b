import { defineDocType } from '../../../kernel/metadata/types';

export const User = defineDocType({
  name: 'User',
  module: 'Core',
  autoname: 'prompt',
  title_field: 'full_name',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'email', fieldtype: 'Data', label: 'Email', reqd: true, unique: true },
    { fieldname: 'first_name', fieldtype: 'Data', label: 'First Name', reqd: true },
    { fieldname: 'middle_name', fieldtype: 'Data', label: 'Middle Name' },
    { fieldname: 'last_name', fieldtype: 'Data', label: 'Last Name' },
    { fieldname: 'full_name', fieldtype: 'Data', label: 'Full Name', read_only: true },
    { fieldname: 'username', fieldtype: 'Data', label: 'Username', unique: true },
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enabled', default: 1 },
    { fieldname: 'user_type', fieldtype: 'Select', label: 'User Type', options: 'System User\nWebsite User', default: 'System User' },
    { fieldname: 'roles', fieldtype: 'Table', label: 'Roles', options: 'Has Role' },
    { fieldname: 'new_password', fieldtype: 'Password', label: 'Set New Password' },
    { fieldname: 'mobile_no', fieldtype: 'Data', label: 'Mobile No', unique: true },
    { fieldname: 'language', fieldtype: 'Data', label: 'Language' },
    { fieldname: 'time_zone', fieldtype: 'Data', label: 'Time Zone' },
    { fieldname: 'last_login', fieldtype: 'Datetime', label: 'Last Login', read_only: true },
    { fieldname: 'api_key', fieldtype: 'Data', label: 'API Key', read_only: true, unique: true, permlevel: 1, no_copy: true },
    { fieldname: 'api_secret', fieldtype: 'Password', label: 'API Secret', read_only: true, permlevel: 1, no_copy: true },
  ],
  permissions: [
    { role: 'System Manager', rights: ['read', 'write', 'create', 'delete', 'report', 'export'] },
    { role: 'System Manager', permlevel: 1, rights: ['read', 'write'] },
  ],
});
