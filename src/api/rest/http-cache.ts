import type { FastifyInstance } from 'fastify';
import { etagOf } from '../../kernel/cache/etag';
import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { header } from '../../kernel/auth/request';

/** How long a CDN or browser may hold a guest's storefront answer, and serve it stale while it fetches a new one (seconds). */
export const PUBLIC_MAX_AGE = 30;
export const STALE_WHILE_REVALIDATE = 60;

/** What varies a cacheable answer: who asks (credentials) and how it is encoded. */
const VARY = 'Authorization, Cookie, Accept-Encoding';

/**
 * Sends a serialised GET answer with its entity tag: `304 Not Modified` when the client's
 * If-None-Match already names it. A guest's answer is the same for every guest, so shared
 * caches (a CDN) may keep it briefly; an answer that depends on the caller (customer prices)
 * is private and revalidated on every use.
 */
const PUBLIC = `public, max-age=${PUBLIC_MAX_AGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

function matches(req: HttpRequest, etag: string): boolean {
  const given = header(req, 'If-None-Match');
  return !!given && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function sendCacheable(req: HttpRequest, res: HttpReply, cached: { body: Buffer; etag: string }, shared: boolean): void {
  res.header('ETag', cached.etag);
  res.header('Vary', VARY);
  res.header('Cache-Control', shared ? PUBLIC : 'private, no-cache');
  if (matches(req, cached.etag)) {
    res.status(304).send();
    return;
  }
  res.status(200).type('application/json; charset=utf-8').send(cached.body);
}

/**
 * A guest's successful GET of a resource (`/api/resource/...`: the published catalogue, item
 * groups…) is the same for every guest: it gets an entity tag and public Cache-Control, and a
 * `304` when If-None-Match names it. Answers that set their own tag (the storefront) are left as
 * they are.
 */
export function registerGuestCaching(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || reply.getHeader('ETag') || typeof payload !== 'string') return payload;
    if (!/^\/api\/(v1\/)?resource\//.test(req.url) || (req.docketUser && req.docketUser.name !== 'Guest')) return payload;
    const etag = etagOf(payload);
    reply.header('ETag', etag);
    reply.header('Vary', VARY);
    reply.header('Cache-Control', PUBLIC);
    if (!matches(req, etag)) return payload;
    reply.code(304);
    return '';
  });
}
