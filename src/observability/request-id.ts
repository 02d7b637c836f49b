import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** Incoming ids are echoed only if they look like ids (no spaces, no control characters). */
const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,100}$/;

/**
 * The request id: the caller's X-Request-Id when it is a sensible token, else a new UUID.
 * It is echoed in the response and written back to the request header, so everything after
 * (the auth middleware's RequestMeta, error reports) sees the same id.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const id = candidate && SAFE_ID.test(candidate) ? candidate : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('X-Request-Id', id);
  return id;
}
