import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Shipping Rule Country: a country a shipping rule applies to. */
export const ShippingRuleCountry = defineDocType({
  name: 'Shipping Rule Country',
  module: 'Accounts',
  istable: true,
  fields: [{ fieldname: 'country', fieldtype: 'Link', label: 'Country', options: 'Country', reqd: true }],
  permissions: [],
});
