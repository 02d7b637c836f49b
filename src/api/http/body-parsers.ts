import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { parseExactJson, stringifyExactJson } from '../../kernel/money/json';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The request body exactly as it arrived (JSON and form bodies), for checks over the bytes
     * such as a webhook's HMAC signature: read it in the handler, never re-serialise `body`.
     */
    rawBody?: Buffer;
  }
}

/** Keys a JSON body may not hold (what Fastify's own parser refuses as prototype poisoning). */
const POISON = /"(?:__proto__|constructor)"/;

/**
 * Request and response bodies.
 *
 * In: JSON, and the form encoding Frappe's form posts and the OAuth token endpoint use. Any
 * other content type with a body, text/plain included (what an HTML form can post cross-site
 * without a preflight), is refused with 415 Unsupported Media Type before any guard or handler
 * runs; multipart is not parsed at all. JSON numbers keep their digits: those a double would
 * change (1234567890.123456789) arrive as ExactNumber, which decimal fields take as written.
 * Every JSON and form request keeps its bytes in `req.rawBody` (the parser's own buffer, no
 * copy, released with the request).
 *
 * Out: JSON through lossless-json's stringify, which writes ExactNumber decimals with their
 * digits (everything else as JSON.stringify would).
 */
export function installBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  // The adapter's own useBodyParser takes the raw-body flag the application's leaves to NestFactory.
  const adapter = app.getHttpAdapter() as unknown as FastifyAdapter;
  fastify.removeContentTypeParser('text/plain');
  const fastifyJson = fastify.getDefaultJsonParser('error', 'error');
  // frappe-js-sdk sends DELETE with `Content-Type: application/json` and no body at all.
  adapter.useBodyParser('application/json', true, { bodyLimit }, (req, body, done) => {
    if (!body.length) return done(null, undefined);
    const text = body.toString('utf8');
    // Fastify's parser answers malformed and poisoned bodies (400) exactly as before.
    const fallback = () => fastifyJson(req as FastifyRequest, text, done);
    if (POISON.test(text)) {
      return fastifyJson(req as FastifyRequest, text, (err) => (err ? done(err, undefined) : exact(text, done, fallback)));
    }
    exact(text, done, fallback);
  });
  // Nest's own form parser, told to keep the raw body too.
  adapter.useBodyParser('application/x-www-form-urlencoded', true, { bodyLimit });
  fastify.setReplySerializer((payload) => stringifyExactJson(payload));
}

function exact(text: string, done: (err: Error | null, body?: unknown) => void, fallback: () => void): void {
  let parsed: unknown;
  try {
    parsed = parseExactJson(text);
  } catch {
    // Malformed JSON, or what only lossless-json refuses (a key given twice): Fastify decides.
    return fallback();
  }
  done(null, parsed);
}
