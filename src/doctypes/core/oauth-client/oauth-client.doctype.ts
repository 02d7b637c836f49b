import { defineDocType } from '../../../kernel/metadata/types';

export const OAuthClient = defineDocType({
  name: 'OAuth Client',
  module: 'Integrations',
  autoname: 'field:client_id',
  fields: [
    { fieldname: 'client_id', fieldtype: 'Data', label: 'App Client ID', reqd: true, unique: true },
    { fieldname: 'app_name', fieldtype: 'Data', label: 'App Name', reqd: true },
    { fieldname: 'user', fieldtype: 'Link', label: 'User', options: 'User' },
    { fieldname: 'client_secret', fieldtype: 'Password', label: 'App Client Secret' },
    { fieldname: 'trusted_client', fieldtype: 'Check', label: 'Trusted client' },
    { fieldname: 'scopes', fieldtype: 'Text', label: 'Scopes', default: 'all openid' },
    { fieldname: 'redirect_uris', fieldtype: 'Text', label: 'Redirect URIs' },
    { fieldname: 'default_redirect_uri', fieldtype: 'Data', label: 'Default Redirect URI' },
    { fieldname: 'grant_type', fieldtype: 'Select', label: 'Grant Type', options: 'Authorization Code\nImplicit', default: 'Authorization Code' },
    { fieldname: 'access_token_ttl', fieldtype: 'Int', label: 'Access Token TTL (seconds)', default: 3600 },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'write', 'create', 'delete', 'report', 'export'] }],
});
