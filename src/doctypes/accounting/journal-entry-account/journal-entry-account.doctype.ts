import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Journal Entry Account: one debit or credit row of a Journal Entry (single-currency books). */
export const JournalEntryAccount = defineDocType({
  name: 'Journal Entry Account',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'account', fieldtype: 'Link', label: 'Account', options: 'Account', reqd: true, same_company: true },
    { fieldname: 'account_type', fieldtype: 'Data', label: 'Account Type', fetch_from: 'account.account_type', read_only: true },
    { fieldname: 'account_currency', fieldtype: 'Link', label: 'Account Currency', options: 'Currency', read_only: true },
    { fieldname: 'party_type', fieldtype: 'Link', label: 'Party Type', options: 'DocType' },
    { fieldname: 'party', fieldtype: 'Dynamic Link', label: 'Party', options: 'party_type' },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'debit_in_account_currency', fieldtype: 'Currency', label: 'Debit', options: 'account_currency' },
    { fieldname: 'credit_in_account_currency', fieldtype: 'Currency', label: 'Credit', options: 'account_currency' },
    { fieldname: 'debit', fieldtype: 'Currency', label: 'Debit in Company Currency', read_only: true },
    { fieldname: 'credit', fieldtype: 'Currency', label: 'Credit in Company Currency', read_only: true },
    { fieldname: 'is_advance', fieldtype: 'Select', label: 'Is Advance', options: 'No\nYes', default: 'No' },
    { fieldname: 'user_remark', fieldtype: 'Small Text', label: 'User Remark' },
  ],
  permissions: [],
});
