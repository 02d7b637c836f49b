import type { SecurityConfig } from '../../config/config';

/** How often, at most, Node looks for requests past their deadline (its default is 30 s). */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * Fastify server options that bound slow clients: the request headers must arrive within
 * HEADERS_TIMEOUT_SECONDS and the whole request, body included, within REQUEST_TIMEOUT_SECONDS
 * of its first byte, or the socket is answered 408 and closed. Node's http server keeps both
 * deadlines but only checks them every connectionsCheckingInterval, so that interval is set
 * to a fraction of the shorter one. A request whose body has arrived is not timed: a slow
 * answer (a long report) is the server's, not the client's.
 */
export function serverTimeouts(security: SecurityConfig): { requestTimeout: number; http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } } {
  const { headersTimeoutMs, requestTimeoutMs } = security;
  const http = { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, headersTimeoutMs / 4) };
  return { requestTimeout: requestTimeoutMs, http };
}
