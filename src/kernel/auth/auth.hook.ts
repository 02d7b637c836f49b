import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { AppConfig } from '../../config/config';
import { renderError } from '../../api/rest/error-body';
import { GUEST } from '../db/context';
import { AuthenticationError, CSRFTokenError } from '../errors/errors';
import { Authenticated, AuthService } from './auth.service';
import { header, HttpReply, HttpRequest, requestPath } from './request';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Cookie sessions need no CSRF token to log in or out. */
const CSRF_EXEMPT = new Set(['/api/method/login', '/api/method/logout']);

/**
 * Resolves the caller of every request before guards, controllers and GraphQL run (a Fastify
 * onRequest hook): `Authorization: token key:secret` | `Basic base64(key:secret)` |
 * `Bearer <oauth token>` (passport-http-bearer) | the `sid` cookie (writes then need
 * X-Frappe-CSRF-Token) | Guest. A bad credential is answered here, in Frappe's error shape.
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
    app.addHook('onRequest', async (req, reply) => {
      try {
        await this.authenticate(req, reply);
      } catch (err) {
        const out = renderError(err, this.config.env === 'development');
        return reply.status(out.status).headers(out.headers).send(out.body);
      }
    });
  }

  private async authenticate(req: HttpRequest, reply: HttpReply): Promise<void> {
    const a = await this.resolve(req, reply);
    req.docketUser = a.user;
    req.docketMeta = { requestId: req.id, ip: req.ip, apiKey: a.apiKey, via: a.via };
    if (a.via !== 'session') return;
    req.docketCsrf = a.csrfToken;
    if (UNSAFE.has(req.method) && !CSRF_EXEMPT.has(requestPath(req)) && header(req, 'x-frappe-csrf-token') !== a.csrfToken) {
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
