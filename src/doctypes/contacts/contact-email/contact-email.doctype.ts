import { defineDocType } from '../../../kernel/metadata/types';

/** Frappe's Contact Email (Contact.email_ids); the primary row becomes Contact.email_id. */
export const ContactEmail = defineDocType({
  name: 'Contact Email',
  module: 'Contacts',
  istable: true,
  fields: [
    { fieldname: 'email_id', fieldtype: 'Data', label: 'Email ID', reqd: true },
    { fieldname: 'is_primary', fieldtype: 'Check', label: 'Is Primary', default: 0 },
  ],
  permissions: [],
});
