import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Accounting Period: a date range of a company whose listed document types may be closed. */
export const AccountingPeriod = defineDocType({
  name: 'Accounting Period',
  module: 'Accounts',
  autoname: 'field:period_name',
  company_field: 'company',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'period_name', fieldtype: 'Data', label: 'Period Name', reqd: true, unique: true },
    { fieldname: 'start_date', fieldtype: 'Date', label: 'Start Date', reqd: true },
    { fieldname: 'end_date', fieldtype: 'Date', label: 'End Date', reqd: true },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'closed_documents', fieldtype: 'Table', label: 'Closed Documents', options: 'Closed Document' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User')],
});
