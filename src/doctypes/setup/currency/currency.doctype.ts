import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ } from '../permissions';

/** Frappe's Currency (module Geo): a currency and how its amounts are written. */
export const Currency = defineDocType({
  name: 'Currency',
  module: 'Geo',
  autoname: 'field:currency_name',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'currency_name', fieldtype: 'Data', label: 'Currency Name', reqd: true, unique: true },
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enabled', default: 0 },
    { fieldname: 'fraction', fieldtype: 'Data', label: 'Fraction', description: 'Sub-currency, e.g. Cent for USD' },
    { fieldname: 'fraction_units', fieldtype: 'Int', label: 'Fraction Units', description: '1 Currency = [?] Fraction, e.g. 1 USD = 100 Cent' },
    {
      fieldname: 'smallest_currency_fraction_value',
      fieldtype: 'Currency',
      label: 'Smallest Currency Fraction Value',
      precision: 9,
      description: 'Smallest circulating fraction unit (coin), e.g. 0.01 for USD',
    },
    { fieldname: 'symbol', fieldtype: 'Data', label: 'Symbol' },
    {
      fieldname: 'number_format',
      fieldtype: 'Select',
      label: 'Number Format',
      options: "\n#,###.##\n#.###,##\n# ###.##\n# ###,##\n#'###.##\n#, ###.##\n#,##,###.##\n#,###.###\n#.###\n#,###",
    },
  ],
  permissions: [
    { role: 'System Manager', rights: FULL },
    ...grant(READ, 'Accounts Manager', 'Accounts User', 'Sales Manager', 'Sales User', 'Stock Manager', 'Stock User', 'Item Manager'),
    ...PUBLIC_READ,
  ],
});
