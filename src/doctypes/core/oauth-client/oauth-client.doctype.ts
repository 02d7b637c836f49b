import { defineDocType } from '../../../kernel/metadata/types';

/** Who may use the password grant of a client, by user type ("None": the client may not use it). */
export const PASSWORD_GRANT_USERS: Record<string, ReadonlyArray<'System User' | 'Website User'>> = {
  None: [],
  'Website Users': ['Website User'],
  'System Users': ['System User'],
  'All Users': ['Website User', 'System User'],
};
const PASSWORD_GRANT_OPTIONS = Object.keys(PASSWORD_GRANT_USERS);

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
    // Docket's own field (ERPNext's OAuth Client has none): a public client, such as a
    // storefront, must not hand desk users' tokens to whoever knows a password.
    {
      fieldname: 'password_grant_users',
      fieldtype: 'Select',
      label: 'Password Grant For',
      options: PASSWORD_GRANT_OPTIONS.join('\n'),
      default: 'None',
      description: 'Which users may get tokens from this client with grant_type=password. Empty counts as None',
    },
  ],
  permissions: [{ role: 'System Manager', rights: ['read', 'write', 'create', 'delete', 'report', 'export'] }],
});
