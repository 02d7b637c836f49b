import { randomBytes } from 'node:crypto';
import { setPassword } from '../../../kernel/auth/passwords';
import { admittedLogin, type HttpReply, type HttpRequest } from '../../../kernel/auth/request';
import { DataError, DoesNotExistError, PermissionError } from '../../../kernel/errors/errors';
import { stringArg } from '../list-params';
import { defineMethod } from '../method-registry';

const COOKIE_OPTS = { path: '/', sameSite: 'lax' as const };

/** https, directly or (behind a proxy trusted by TRUST_PROXY) as X-Forwarded-Proto says. */
function secure(req: HttpRequest): boolean {
  return req.protocol === 'https';
}

function clearCookies(res: HttpReply): void {
  for (const c of ['sid', 'user_id', 'full_name', 'system_user', 'user_image']) res.clearCookie(c, COOKIE_OPTS);
}

/** A 15-character key or secret, as Frappe generates. */
function frappeKey(): string {
  return randomBytes(12).toString('base64url').slice(0, 15);
}

export const AUTH_METHODS = [
  defineMethod({
    path: 'ping',
    allowGuest: true,
    summary: 'Health check: answers "pong"',
    handler: async () => 'pong',
  }),
  defineMethod({
    path: 'login',
    methods: ['POST'],
    allowGuest: true,
    write: true,
    summary:
      'Log in with {usr, pwd}; sets the sid cookie. The CSRF token for cookie writes is in csrf_token. After LOGIN_ATTEMPTS failures in a row an account is locked for LOGIN_LOCKOUT_SECONDS (429 with Retry-After)',
    params: { usr: { type: 'string', required: true }, pwd: { type: 'string', required: true } },
    raw: true,
    handler: async ({ ctx, args, services, req, res }) => {
      const [usr, pwd] = [stringArg('usr', args.usr), stringArg('pwd', args.pwd)];
      const admission = admittedLogin(req, usr);
      const name = await services.auth.checkPassword(ctx.db, admission, pwd);
      const session = await services.auth.startSession(ctx.db, name);
      await services.auth.loginSucceeded(ctx.db, admission);
      const desk = session.user.userType === 'System User';
      const cookie = { ...COOKIE_OPTS, secure: secure(req) };
      res.setCookie('sid', session.sid, { ...cookie, httpOnly: true });
      res.setCookie('user_id', name, cookie);
      res.setCookie('full_name', session.user.fullName ?? name, cookie);
      res.setCookie('system_user', desk ? 'yes' : 'no', cookie);
      res.setCookie('user_image', '', cookie);
      res.header('X-Frappe-CSRF-Token', session.csrfToken);
      return {
        message: desk ? 'Logged In' : 'No App',
        home_page: desk ? '/app' : '/me',
        full_name: session.user.fullName ?? name,
        csrf_token: session.csrfToken,
      };
    },
  }),
  defineMethod({
    path: 'logout',
    methods: ['POST'],
    allowGuest: true,
    write: true,
    summary: 'End the current login session',
    handler: async ({ ctx, services, req, res }) => {
      const sid = req.cookies?.sid;
      if (sid) await services.auth.endSession(ctx.db, sid);
      clearCookies(res);
      return undefined;
    },
  }),
  defineMethod({
    path: 'frappe.auth.get_logged_user',
    summary: 'The name of the logged-in user (Guest gets 403)',
    handler: async ({ ctx }) => {
      if (ctx.isGuest) throw new PermissionError('Not logged in');
      return ctx.user.name;
    },
  }),
  defineMethod({
    path: 'frappe.core.doctype.user.user.generate_keys',
    methods: ['POST'],
    write: true,
    summary: 'System Manager: give a user a new API secret (and an API key if it has none). Returns only the secret',
    params: { user: { type: 'string', required: true } },
    handler: async ({ ctx, args }) => {
      if (!ctx.hasRole('System Manager')) throw new PermissionError('Only a System Manager may generate API keys');
      const user = stringArg('user', args.user);
      const [row] = await ctx.db.query<{ api_key: string | null }>('SELECT api_key FROM `tabUser` WHERE name = ?', [user]);
      if (!row) throw new DoesNotExistError(`User ${user} not found`);
      const secret = frappeKey();
      if (!row.api_key) await ctx.db.write('tabUser', 'UPDATE `tabUser` SET api_key = ? WHERE name = ?', [frappeKey(), user]);
      await setPassword(ctx.db, 'User', user, 'api_secret', secret, true);
      return { api_secret: secret };
    },
  }),
  defineMethod({
    path: 'docket.auth.revoke_keys',
    methods: ['POST'],
    write: true,
    summary: 'System Manager: revoke a user\'s API key and secret at once',
    params: { user: { type: 'string', required: true } },
    handler: async ({ ctx, args }) => {
      if (!ctx.hasRole('System Manager')) throw new PermissionError('Only a System Manager may revoke API keys');
      const user = stringArg('user', args.user);
      const r = await ctx.db.write('tabUser', 'UPDATE `tabUser` SET api_key = NULL WHERE name = ?', [user]);
      if (!r.affectedRows) throw new DoesNotExistError(`User ${user} not found`);
      await ctx.db.write('__Auth', "DELETE FROM `__Auth` WHERE doctype = 'User' AND name = ? AND fieldname = 'api_secret'", [user]);
      return undefined;
    },
  }),
  defineMethod({
    path: 'docket.auth.get_csrf_token',
    summary: 'The CSRF token of the current cookie session (send it as X-Frappe-CSRF-Token on writes)',
    handler: async ({ req }) => {
      const token = req.docketCsrf;
      if (!token) throw new DataError('No login session on this request');
      return token;
    },
  }),
];

