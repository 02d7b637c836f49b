import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { AppConfig } from '../../config/config';
import { renderError } from '../rest/error-body';
import { requestArgs } from '../rest/list-params';
import { GUEST } from '../../kernel/db/context';
import { AuthenticationError, CSRFTokenError } from '../../kernel/errors/errors';
import { Authenticated, AuthService } from '../../kernel/auth/auth.service';
import { header, HttpReply, HttpRequest, requestPath } from '../../kernel/auth/request';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Logging in or out needs no CSRF token, and works with a cookie whose session has ended. */
const SESSION_EXEMPT = new Set(['login', 'logout']);
const OAUTH_TOKEN = 'frappe.integrations.oauth2.get_token';

/** The method a request calls at /api/method/<path> (or /api/v1/method/<path>). */
function methodPath(req: HttpRequest): string | undefined {
  return /^\/api(?:\/v1)?\/method\/([^/]+)\/?$/.exec(requestPath(req))?.[1];
}

/** The login a password is sent for: to the login method ({usr, pwd}) or the OAuth password grant. */
function passwordLogin(req: HttpRequest): string | undefined {
  const method = req.method === 'POST' ? methodPath(req) : undefined;
  if (method !== 'login' && method !== OAUTH_TOKEN) return undefined;
  const args = requestArgs(req);
  const [login, password] = method === 'login' ? [args.usr, args.pwd] : args.grant_type === 'password' ? [args.username, args.password] : [];
  return typeof login === 'string' && login.trim() && typeof password === 'string' && password ? login : undefined;
}

function answer(reply: HttpReply, err: unknown, development: boolean): HttpReply {
  const out = renderError(err, development);
  return reply.status(out.status).headers(out.headers).send(out.body);
}

/**
 * Resolves the caller of every request before guards, controllers and GraphQL run (a Fastify
 * onRequest hook): `Authorization: token key:secret` | `Basic base64(key:secret)` |
 * `Bearer <oauth token>` (passport-http-bearer) | the `sid` cookie (writes then need
 * X-Frappe-CSRF-Token; a sid whose session ended answers 401) | Guest. A bad credential is
 * answered here, in Frappe's error shape.
 *
 * A password login is let through the per-account limit here too, once the body is parsed
 * (preHandler), and counted: outside the handler's transaction, whose rollback on a wrong
 * password would take the count with it (on SQLite the transaction holds the only
 * connection). The handler checks the password with the admission (req.docketLogin).
 */
@Injectable()
export class AuthHook {
  private readonly bearer: passport.Authenticator;

  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {
    this.bearer = new passport.Passport();
    this.bearer.use(
      new BearerStrategy((token, done) => {
        this.auth.byBearer(token).then((a) => done(null, a ?? false), done);
      }),
    );
  }

  install(app: FastifyInstance): void {
    app.decorateRequest('docketUser', undefined);
    app.decorateRequest('docketMeta', undefined);
    app.decorateRequest('docketCsrf', undefined);
    app.decorateRequest('docketLogin', undefined);
    const development = this.config.env === 'development';
    app.addHook('onRequest', async (req, reply) => {
      try {
        await this.authenticate(req, reply);
      } catch (err) {
        return answer(reply, err, development);
      }
    });
    app.addHook('preHandler', async (req, reply) => {
      const login = passwordLogin(req);
      if (!login) return;
      try {
        req.docketLogin = await this.auth.admitLogin(login);
      } catch (err) {
        return answer(reply, err, development);
      }
    });
  }

  private async authenticate(req: HttpRequest, reply: HttpReply): Promise<void> {
    const a = await this.resolve(req, reply);
    req.docketUser = a.user;
    req.docketMeta = { requestId: req.id, ip: req.ip, apiKey: a.apiKey, via: a.via, credential: a.digest };
    if (a.via !== 'session') return;
    req.docketCsrf = a.csrfToken;
    if (UNSAFE.has(req.method) && !SESSION_EXEMPT.has(methodPath(req) ?? '') && header(req, 'x-frappe-csrf-token') !== a.csrfToken) {
      throw new CSRFTokenError('Invalid Request: send the X-Frappe-CSRF-Token header with cookie-authenticated writes');
    }
  }

  private async resolve(req: HttpRequest, reply: HttpReply): Promise<Authenticated> {
    const authorization = header(req, 'authorization');
    if (authorization) {
      if (/^bearer\s/i.test(authorization)) return this.viaBearer(req, reply);
      const a = await this.auth.fromAuthorization(authorization);
      if (a) return a;
      throw new AuthenticationError('Unsupported Authorization scheme (use token, Basic or Bearer)');
    }
    const sid = req.cookies?.sid;
    if (sid && sid !== 'Guest') {
      const a = await this.auth.bySession(sid);
      if (a) return a;
      if (SESSION_EXEMPT.has(methodPath(req) ?? '')) return { user: GUEST, via: 'guest' };
      // Logged out, expired, or ended by a password change: say so (the browser drops the cookie).
      reply.clearCookie('sid', { path: '/' });
      throw new AuthenticationError('Session expired or ended: log in again');
    }
    return { user: GUEST, via: 'guest' };
  }

  private viaBearer(req: HttpRequest, reply: HttpReply): Promise<Authenticated> {
    return new Promise((resolve, reject) => {
      this.bearer.authenticate('bearer', { session: false }, (err: unknown, found: Authenticated | false) => {
        if (err) reject(err);
        else if (!found) reject(new AuthenticationError('Invalid or expired bearer token'));
        else resolve(found);
      })(req.raw, reply.raw, () => undefined);
    });
  }
}
