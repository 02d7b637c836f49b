import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Fiscal Year, named by its year; `companies` lists the companies it applies to (none: all). */
export const FiscalYear = defineDocType({
  name: 'Fiscal Year',
  module: 'Accounts',
  autoname: 'field:year',
  sort_field: 'name',
  sort_order: 'desc',
  fields: [
    { fieldname: 'year', fieldtype: 'Data', label: 'Year Name', reqd: true, unique: true, description: 'For e.g. 2012, 2012-13' },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'is_short_year', fieldtype: 'Check', label: 'Is Short/Long Year', default: 0 },
    { fieldname: 'year_start_date', fieldtype: 'Date', label: 'Year Start Date', reqd: true },
    { fieldname: 'year_end_date', fieldtype: 'Date', label: 'Year End Date', reqd: true },
    { fieldname: 'companies', fieldtype: 'Table', label: 'Companies', options: 'Fiscal Year Company' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Stock User')],
});
