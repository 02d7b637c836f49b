import { NUMBER_FORMATS } from '../../../kernel/money/precision';
import { ROUNDING_METHODS } from '../../../kernel/money/rounding';
import { SYSTEM_SETTINGS } from '../../../kernel/settings/system-settings';
import { defineDocType } from '../../../kernel/metadata/types';

const digits = (from: number) => Array.from({ length: 10 - from }, (_, i) => String(from + i)).join('\n');

/**
 * Frappe's System Settings (a Single there): one record, named System Settings, created at
 * install; its time zone and number rules apply to every document (kernel/settings).
 */
export const SystemSettings = defineDocType({
  name: SYSTEM_SETTINGS,
  module: 'Core',
  autoname: 'prompt',
  fields: [
    {
      fieldname: 'time_zone',
      fieldtype: 'Data',
      label: 'Time Zone',
      reqd: true,
      description: 'IANA time zone of every posting date and time, "today" and the timestamps the server writes (e.g. Asia/Kolkata)',
    },
    { fieldname: 'number_format', fieldtype: 'Select', label: 'Number Format', options: NUMBER_FORMATS.join('\n'), default: '#,###.##' },
    { fieldname: 'float_precision', fieldtype: 'Select', label: 'Float Precision', options: `\n${digits(2)}`, default: '3' },
    {
      fieldname: 'currency_precision',
      fieldtype: 'Select',
      label: 'Currency Precision',
      options: `\n${digits(0)}`,
      description: 'If not set, the currency precision will depend on number format',
    },
    {
      fieldname: 'rounding_method',
      fieldtype: 'Select',
      label: 'Rounding Method',
      options: ROUNDING_METHODS.join('\n'),
      default: ROUNDING_METHODS[0],
    },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'write'] }],
});
