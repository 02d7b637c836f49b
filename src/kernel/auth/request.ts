import type { FastifyReply, FastifyRequest } from 'fastify';
import { GUEST, RequestMeta, SessionUser } from '../db/context';
import { AuthenticationError } from '../errors/errors';
import type { LoginAdmission } from './login-limits';

declare module '../db/context' {
  interface RequestMeta {
    /** SHA-256 of the request's sid or bearer token: the credential a user's own password change keeps */
    credential?: string;
  }
}

declare module 'fastify' {
  /** What the auth hook puts on every request (declared on the instance with decorateRequest). */
  interface FastifyRequest {
    docketUser?: SessionUser;
    docketMeta?: RequestMeta;
    /** the CSRF token of a cookie session */
    docketCsrf?: string;
    /** a password login in the body, let through and counted by the per-account limit */
    docketLogin?: LoginAdmission;
  }
}

/** The HTTP request and reply every controller, hook and method handler sees (Fastify's). */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;

export function requestUser(req: HttpRequest): SessionUser {
  return req.docketUser ?? GUEST;
}

export function requestMeta(req: HttpRequest): RequestMeta {
  return req.docketMeta ?? { via: 'guest', ip: req.ip };
}

/** The path without the query string. */
export function requestPath(req: HttpRequest): string {
  const q = req.url.indexOf('?');
  return q < 0 ? req.url : req.url.slice(0, q);
}

/** One header's value (the first, when sent more than once). */
export function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The per-account limit's admission of this request's password login for `login` (the auth
 * hook counted it before the handler's transaction). None: the login was never counted, so
 * it is refused like a wrong password.
 */
export function admittedLogin(req: HttpRequest, login: string): LoginAdmission {
  const admission = req.docketLogin;
  if (admission?.login !== login) throw new AuthenticationError('Invalid login credentials');
  return admission;
}
