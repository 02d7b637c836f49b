import type { HttpRequest } from '../kernel/auth/request';

/**
 * The route pattern that served a request (`/api/resource/:doctype/:name`, `/graphql`), never
 * the raw path, so log fields and metric labels stay low-cardinality; `unmatched` when no
 * route matched (404s). Fastify routes before any hook runs, so a request the auth hook
 * turned away keeps its route too.
 */
export function routeLabel(req: HttpRequest): string {
  return req.routeOptions.url ?? 'unmatched';
}
