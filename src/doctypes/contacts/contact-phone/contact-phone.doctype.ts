import { defineDocType } from '../../../kernel/metadata/types';

/** Frappe's Contact Phone (Contact.phone_nos); primary rows become Contact.phone and Contact.mobile_no. */
export const ContactPhone = defineDocType({
  name: 'Contact Phone',
  module: 'Contacts',
  istable: true,
  fields: [
    { fieldname: 'phone', fieldtype: 'Data', label: 'Number', reqd: true },
    { fieldname: 'is_primary_phone', fieldtype: 'Check', label: 'Is Primary Phone', default: 0 },
    { fieldname: 'is_primary_mobile_no', fieldtype: 'Check', label: 'Is Primary Mobile', default: 0 },
  ],
  permissions: [],
});
