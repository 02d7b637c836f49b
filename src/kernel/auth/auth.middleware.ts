import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { AppConfig } from '../../config/config';
import { renderError } from '../../api/rest/error-body';
import { GUEST } from '../db/context';
import { AuthenticationError, CSRFTokenError } from '../errors/errors';
import { Authenticated, AuthService } from './auth.service';
import { DocketRequest } from './request';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Cookie sessions need no CSRF token to log in or out. */
const CSRF_EXEMPT = new Set(['/api/method/login', '/api/method/logout']);

/**
 * Resolves the caller of every request before guards and controllers run:
 * `Authorization: token key:secret` | `Basic base64(key:secret)` | `Bearer <oauth token>`
 * (passport-http-bearer) | the `sid` cookie (writes then need X-Frappe-CSRF-Token) | Guest.
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
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

  use(req: Request, res: Response, next: NextFunction): void {
    const r = req as DocketRequest & { docketCsrf?: string };
    const requestId = (req.header('x-request-id') ?? '').slice(0, 100) || randomUUID();
    res.setHeader('X-Request-Id', requestId);
    this.resolve(req, res)
      .then((a) => {
        r.docketUser = a.user;
        r.docketMeta = { requestId, ip: req.ip, apiKey: a.apiKey, via: a.via };
        if (a.via === 'session') {
          r.docketCsrf = a.csrfToken;
          if (UNSAFE.has(req.method) && !CSRF_EXEMPT.has(req.path) && req.header('x-frappe-csrf-token') !== a.csrfToken) {
            throw new CSRFTokenError('Invalid Request: send the X-Frappe-CSRF-Token header with cookie-authenticated writes');
          }
        }
        next();
      })
      .catch((err) => {
        const out = renderError(err, this.config.env === 'development');
        res.status(out.status).json(out.body);
      });
  }

  private async resolve(req: Request, res: Response): Promise<Authenticated> {
    const header = req.header('authorization');
    if (header) {
      if (/^bearer\s/i.test(header)) return this.viaBearer(req, res);
      const a = await this.auth.fromAuthorization(header);
      if (a) return a;
      throw new AuthenticationError('Unsupported Authorization scheme (use token, Basic or Bearer)');
    }
    const sid = (req.cookies as Record<string, string> | undefined)?.sid;
    if (sid && sid !== 'Guest') {
      const a = await this.auth.bySession(sid);
      if (a) return a;
    }
    return { user: GUEST, via: 'guest' };
  }

  private viaBearer(req: Request, res: Response): Promise<Authenticated> {
    return new Promise((resolve, reject) => {
      this.bearer.authenticate('bearer', { session: false }, (err: unknown, found: Authenticated | false) => {
        if (err) reject(err);
        else if (!found) reject(new AuthenticationError('Invalid or expired bearer token'));
        else resolve(found);
      })(req, res, () => undefined);
    });
  }
}
