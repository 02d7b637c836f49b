import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Mode of Payment Account: the default account of a mode of payment in one company. */
export const ModeOfPaymentAccount = defineDocType({
  name: 'Mode of Payment Account',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true },
    { fieldname: 'default_account', fieldtype: 'Link', label: 'Default Account', options: 'Account', description: 'Default Bank / Cash account' },
  ],
  permissions: [],
});
