import { defineDocType } from '../../../kernel/metadata/types';

/** The API transaction log: one row per write through REST, /api/method or GraphQL. */
export const ApiRequestLog = defineDocType({
  name: 'API Request Log',
  module: 'Core',
  autoname: 'hash',
  track_changes: false,
  sort_field: 'creation',
  fields: [
    { fieldname: 'user', fieldtype: 'Link', label: 'User', options: 'User', read_only: true, index: true },
    { fieldname: 'action', fieldtype: 'Data', label: 'Action', read_only: true },
    { fieldname: 'reference_doctype', fieldtype: 'Data', label: 'Reference DocType', read_only: true, index: true },
    { fieldname: 'reference_name', fieldtype: 'Data', label: 'Reference Name', read_only: true },
    { fieldname: 'http_method', fieldtype: 'Data', label: 'HTTP Method', read_only: true },
    { fieldname: 'path', fieldtype: 'Small Text', label: 'Path', read_only: true },
    { fieldname: 'ip_address', fieldtype: 'Data', label: 'IP Address', read_only: true },
    { fieldname: 'api_key', fieldtype: 'Data', label: 'API Key', read_only: true },
    { fieldname: 'auth_method', fieldtype: 'Data', label: 'Authenticated Via', read_only: true },
    { fieldname: 'request_id', fieldtype: 'Data', label: 'Request ID', read_only: true },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'report', 'export'] }],
});
