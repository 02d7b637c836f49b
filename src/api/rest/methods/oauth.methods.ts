import { randomToken, sha256 } from '../../../kernel/auth/passwords';
import { admittedLogin } from '../../../kernel/auth/request';
import { AuthenticationError } from '../../../kernel/errors/errors';
import { Ctx } from '../../../kernel/db/context';
import { timestamp } from '../../../kernel/time/clock';
import { PASSWORD_GRANT_USERS } from '../../../doctypes/core/oauth-client/oauth-client.doctype';
import { defineMethod, MethodCall } from '../method-registry';

interface OAuthError {
  error: string;
  error_description: string;
}

function oauthError(res: { status(code: number): unknown }, error: string, description: string): OAuthError {
  res.status(400);
  return { error, error_description: description };
}

function expiry(seconds: number): string {
  return timestamp(Date.now() + seconds * 1000);
}

async function issue(call: MethodCall, client: string, user: string, scopes: string, ttl: number) {
  const access = randomToken(24);
  const refresh = randomToken(24);
  const { docs } = call.services;
  await docs.insertRecord(call.ctx, 'OAuth Bearer Token', {
    name: sha256(access),
    owner: user,
    modified_by: user,
    client,
    user,
    scopes,
    refresh_token: sha256(refresh),
    expiration_time: expiry(ttl),
    expires_in: ttl,
    status: 'Active',
  });
  return { access_token: access, token_type: 'Bearer', expires_in: ttl, refresh_token: refresh, scope: scopes };
}

/** Whether the client's password grant serves this user's type (Website or System User). */
async function servesUser(call: MethodCall, userTypes: ReadonlyArray<string>, user: string): Promise<boolean> {
  return userTypes.includes((await call.services.auth.loadUser(user)).userType);
}

/**
 * Frappe's OAuth 2 token endpoints (password and refresh_token grants). Bodies are raw, not in
 * {message}. Errors follow RFC 6749 §5.2, all with 400: a client whose Password Grant For is
 * None gets unauthorized_client; a user the client does not serve gets invalid_grant, the same
 * answer as a wrong password (so it tells nothing about the password).
 */
export const OAUTH_METHODS = [
  defineMethod({
    path: 'frappe.integrations.oauth2.get_token',
    methods: ['POST'],
    allowGuest: true,
    write: true,
    raw: true,
    form: true,
    summary: 'OAuth 2 token endpoint: grant_type=password (username, password, client_id) or grant_type=refresh_token',
    params: {
      grant_type: { type: 'string', required: true, description: 'password | refresh_token' },
      client_id: { type: 'string', required: true },
      username: { type: 'string' },
      password: { type: 'string' },
      refresh_token: { type: 'string' },
      scope: { type: 'string' },
    },
    handler: async (call) => {
      const { ctx, args, services, req, res } = call;
      const clientId = String(args.client_id ?? '');
      const [client] = await ctx.db.query<{ name: string; scopes: string; access_token_ttl: number; password_grant_users: string | null }>(
        'SELECT name, scopes, access_token_ttl, password_grant_users FROM `tabOAuth Client` WHERE name = ?',
        [clientId],
      );
      if (!client) return oauthError(res, 'invalid_client', 'Unknown client_id');
      const ttl = Number(client.access_token_ttl) || 3600;
      const scopes = String(args.scope || client.scopes || 'all');
      const userTypes = PASSWORD_GRANT_USERS[client.password_grant_users || 'None'] ?? [];
      if (args.grant_type === 'password') {
        if (!args.username || !args.password) return oauthError(res, 'invalid_request', 'username and password are required');
        if (!userTypes.length) return oauthError(res, 'unauthorized_client', 'This client may not use the password grant');
        try {
          const admission = admittedLogin(req, String(args.username));
          const user = await services.auth.checkPassword(ctx.db, admission, String(args.password));
          if (!(await servesUser(call, userTypes, user))) throw new AuthenticationError('The client does not serve this user');
          await services.auth.loginSucceeded(ctx.db, admission);
          return await issue(call, client.name, user, scopes, ttl);
        } catch (err) {
          if (err instanceof AuthenticationError) return oauthError(res, 'invalid_grant', 'Invalid credentials given.');
          throw err;
        }
      }
      if (args.grant_type === 'refresh_token') {
        const [old] = await ctx.db.query<{ name: string; user: string; scopes: string }>(
          "SELECT name, user, scopes FROM `tabOAuth Bearer Token` WHERE refresh_token = ? AND client = ? AND status = 'Active'",
          [sha256(String(args.refresh_token ?? '')), client.name],
        );
        if (!old || !(await servesUser(call, userTypes, old.user))) return oauthError(res, 'invalid_grant', 'Invalid refresh token');
        const revoked = await ctx.db.write('tabOAuth Bearer Token', "UPDATE `tabOAuth Bearer Token` SET status = 'Revoked' WHERE name = ? AND status = 'Active'", [old.name]);
        if (!revoked.affectedRows) return oauthError(res, 'invalid_grant', 'Invalid refresh token');
        return issue(call, client.name, old.user, old.scopes, ttl);
      }
      return oauthError(res, 'unsupported_grant_type', 'grant_type must be password or refresh_token');
    },
  }),
  defineMethod({
    path: 'frappe.integrations.oauth2.revoke_token',
    methods: ['POST'],
    allowGuest: true,
    write: true,
    raw: true,
    form: true,
    summary: 'Revoke an access or refresh token; always answers {}',
    params: { token: { type: 'string', required: true } },
    handler: async ({ ctx, args }) => {
      const digest = sha256(String(args.token ?? ''));
      await ctx.db.write('tabOAuth Bearer Token', "UPDATE `tabOAuth Bearer Token` SET status = 'Revoked' WHERE name = ? OR refresh_token = ?", [digest, digest]);
      return {};
    },
  }),
  defineMethod({
    path: 'frappe.integrations.oauth2.introspect_token',
    methods: ['POST'],
    allowGuest: true,
    raw: true,
    form: true,
    summary: 'Whether an access token is active, with its client, scope and expiry',
    params: { token: { type: 'string', required: true }, token_type_hint: { type: 'string' } },
    handler: async ({ ctx, args }) => {
      const [row] = await ctx.db.query<{ client: string; scopes: string; expiration_time: string; status: string }>(
        'SELECT client, scopes, expiration_time, status FROM `tabOAuth Bearer Token` WHERE name = ?',
        [sha256(String(args.token ?? ''))],
      );
      if (!row || row.status !== 'Active' || String(row.expiration_time) < Ctx.now()) return { active: false };
      return { active: true, client_id: row.client, scope: row.scopes, exp: Math.floor(Date.parse(String(row.expiration_time).replace(' ', 'T') + 'Z') / 1000) };
    },
  }),
];
