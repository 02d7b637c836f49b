import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../permissions';

/** ERPNext's UOM (unit of measure). */
export const UOM = defineDocType({
  name: 'UOM',
  module: 'Setup',
  autoname: 'field:uom_name',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'uom_name', fieldtype: 'Data', label: 'UOM Name', reqd: true, unique: true },
    { fieldname: 'symbol', fieldtype: 'Data', label: 'Symbol' },
    { fieldname: 'common_code', fieldtype: 'Data', label: 'Common Code', length: 3, description: 'UN/CEFACT Recommendation 20 code' },
    { fieldname: 'description', fieldtype: 'Small Text', label: 'Description' },
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enabled', default: 1 },
    {
      fieldname: 'must_be_whole_number',
      fieldtype: 'Check',
      label: 'Must be Whole Number',
      default: 0,
      description: 'Check this to disallow fractions (for Nos)',
    },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Item Manager'),
    ...grant(READ_REPORT, 'Stock Manager', 'Stock User', 'Sales Manager', 'Sales User', 'Accounts Manager', 'Accounts User'),
    ...PUBLIC_READ,
  ],
});
