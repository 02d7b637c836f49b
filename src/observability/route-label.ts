import type { Request } from 'express';

/** Catch-all patterns (`{/*splat}`, `*path`) belong to middleware mounts, not to routes. */
const CATCH_ALL = /^\{?\/?\*/;

/**
 * The route pattern that served a request (`/api/resource/:doctype/:name`), never the raw
 * path, so log fields and metric labels stay low-cardinality. GraphQL is mounted as
 * middleware at /graphql; anything else that no route matched (404s, auth failures) is
 * `unmatched`.
 */
export function routeLabel(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string' && !CATCH_ALL.test(route)) return route;
  if (req.baseUrl === '/graphql') return '/graphql';
  return 'unmatched';
}
