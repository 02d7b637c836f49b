import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type ContentSecurityPolicy = Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>;

/** The API answers JSON: nothing in it may load, run, be framed or post a form. */
const API_CSP: ContentSecurityPolicy = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
};

/**
 * Swagger UI at /api/docs: its script, stylesheet and init file come from this server
 * (no inline script), the spec and "Try it out" calls go to this origin, and its
 * stylesheet draws its icons from data: URIs.
 */
const DOCS_CSP: ContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Route config (`@RouteConfig`) that gives the docs page its CSP instead of the API's. */
export const DOCS_PAGE_HELMET = { docsPage: true };

/** Strict-Transport-Security: a year, subdomains too; sent only on requests that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Helmet's headers for the API's answers and for the docs page, each set up once. */
const headersOf = (csp: ContentSecurityPolicy) => helmet({ contentSecurityPolicy: csp, xFrameOptions: { action: 'deny' }, strictTransportSecurity: false });
const API_HEADERS = headersOf(API_CSP);
const DOCS_HEADERS = headersOf(DOCS_CSP);

/**
 * Security headers on every response, errors included (an onRequest hook: register before any
 * hook that answers by itself, such as the auth hook). Helmet is set up once per policy, not
 * per request. HSTS only when the request arrived over https, directly or per
 * X-Forwarded-Proto from a proxy trusted by TRUST_PROXY: over plain http the header is
 * meaningless, and a browser reaching the API through a TLS-terminating proxy learns it from
 * those answers.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', (req, reply, done) => {
    const docsPage = (req.routeOptions.config as { docsPage?: boolean } | undefined)?.docsPage === true;
    (docsPage ? DOCS_HEADERS : API_HEADERS)(req.raw, reply.raw, (err?: unknown) => {
      if (err) return done(err as Error);
      if (req.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
      done();
    });
  });
}
