import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Item Tax Template Detail: the rate an item pays on one tax account. */
export const ItemTaxTemplateDetail = defineDocType({
  name: 'Item Tax Template Detail',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'tax_type', fieldtype: 'Link', label: 'Tax', options: 'Account', reqd: true, same_company: true },
    { fieldname: 'tax_rate', fieldtype: 'Float', label: 'Tax Rate' },
  ],
  permissions: [],
});
