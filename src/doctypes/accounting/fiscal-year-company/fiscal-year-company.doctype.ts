import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Fiscal Year Company: a company a fiscal year applies to (none listed: every company). */
export const FiscalYearCompany = defineDocType({
  name: 'Fiscal Year Company',
  module: 'Accounts',
  istable: true,
  fields: [{ fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true }],
  permissions: [],
});
