import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, PUBLIC_READ } from '../permissions';

/** Frappe's Country (module Geo); `code` is the lower-case ISO 3166-1 alpha-2 code. */
export const Country = defineDocType({
  name: 'Country',
  module: 'Geo',
  autoname: 'field:country_name',
  sort_field: 'country_name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'country_name', fieldtype: 'Data', label: 'Country Name', reqd: true, unique: true },
    { fieldname: 'date_format', fieldtype: 'Data', label: 'Date Format' },
    { fieldname: 'time_zones', fieldtype: 'Text', label: 'Time Zones' },
    { fieldname: 'code', fieldtype: 'Data', label: 'Code', length: 10 },
    { fieldname: 'calling_code', fieldtype: 'Data', label: 'Calling Code', length: 20 },
  ],
  permissions: [{ role: 'System Manager', rights: FULL }, ...PUBLIC_READ],
});
