import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type ContentSecurityPolicy = Exclude<FastifyHelmetOptions['contentSecurityPolicy'], boolean | undefined>;

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
export const DOCS_PAGE_HELMET = { helmet: { contentSecurityPolicy: DOCS_CSP } };

/** Strict-Transport-Security: a year, subdomains too; sent only on requests that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response, errors included (@fastify/helmet's onRequest hooks:
 * register before any hook that answers by itself, such as the auth hook). HSTS only when
 * the request arrived over https, directly or per X-Forwarded-Proto from a proxy trusted by
 * TRUST_PROXY: over plain http the header is meaningless, and a browser reaching the API
 * through a TLS-terminating proxy learns it from those answers.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: API_CSP,
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
    done();
  });
}
