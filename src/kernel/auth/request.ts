import type { FastifyReply, FastifyRequest } from 'fastify';
import { GUEST, RequestMeta, SessionUser } from '../db/context';

declare module 'fastify' {
  /** What the auth hook puts on every request (declared on the instance with decorateRequest). */
  interface FastifyRequest {
    docketUser?: SessionUser;
    docketMeta?: RequestMeta;
    /** the CSRF token of a cookie session */
    docketCsrf?: string;
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
