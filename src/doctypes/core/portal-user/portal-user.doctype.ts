import { defineDocType } from '../../../kernel/metadata/types';

/** A website user who acts for the parent Customer (Customer.portal_users). */
export const PortalUser = defineDocType({
  name: 'Portal User',
  module: 'Utilities',
  istable: true,
  fields: [{ fieldname: 'user', fieldtype: 'Link', label: 'User', options: 'User', reqd: true, index: true }],
  permissions: [],
});
