import { defineDocType } from '../../../kernel/metadata/types';

/** An issued OAuth token. Only the SHA-256 of each token is stored (the name is the access token's hash). */
export const OAuthBearerToken = defineDocType({
  name: 'OAuth Bearer Token',
  module: 'Integrations',
  autoname: 'prompt',
  track_changes: false,
  fields: [
    { fieldname: 'client', fieldtype: 'Link', label: 'Client', options: 'OAuth Client', read_only: true },
    { fieldname: 'user', fieldtype: 'Link', label: 'User', options: 'User', read_only: true, index: true },
    { fieldname: 'scopes', fieldtype: 'Text', label: 'Scopes', read_only: true },
    { fieldname: 'refresh_token', fieldtype: 'Data', label: 'Refresh Token (SHA-256)', read_only: true, unique: true, permlevel: 1 },
    { fieldname: 'expiration_time', fieldtype: 'Datetime', label: 'Expiration time', read_only: true },
    { fieldname: 'expires_in', fieldtype: 'Int', label: 'Expires In', read_only: true },
    { fieldname: 'status', fieldtype: 'Select', label: 'Status', options: 'Active\nRevoked', default: 'Active', read_only: true },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'report'] }],
});
