import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** What a storefront on a listed origin may send, and read back, in a cross-origin call. */
const LISTED_ORIGIN: FastifyCorsOptions = {
  credentials: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  // Apollo-Require-Preflight: what Apollo's CSRF prevention asks of GraphQL GET queries
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Frappe-CSRF-Token', 'Idempotency-Key', 'X-Request-Id', 'Apollo-Require-Preflight'],
  exposedHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'X-Frappe-CSRF-Token'],
  /** browsers may reuse a preflight answer for 10 minutes */
  maxAge: 600,
};

/**
 * CORS by allowlist (CORS_ORIGINS): a listed Origin gets its own origin back with
 * credentials; any other gets no CORS header, so the browser keeps the answer from the
 * calling page. Preflights of listed origins are answered in this onRequest hook, before
 * the auth hook and the rate limits (a browser sends no credentials with them). Not
 * installed at all without CORS_ORIGINS.
 */
export async function registerCors(fastify: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const listed = new Set(origins);
  await fastify.register(fastifyCors, {
    delegator: (req, cb) => {
      const origin = req.headers.origin;
      cb(null, origin && listed.has(origin) ? { ...LISTED_ORIGIN, origin } : { origin: false });
    },
  });
}
