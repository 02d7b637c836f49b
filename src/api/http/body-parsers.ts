import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Request bodies: JSON, and the form encoding Frappe's form posts and the OAuth token endpoint
 * use (Nest registers that one at init). Any other content type with a body, text/plain
 * included (what an HTML form can post cross-site without a preflight), is refused with 415
 * Unsupported Media Type before any guard or handler runs; multipart is not parsed at all.
 */
export function installBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // frappe-js-sdk sends DELETE with `Content-Type: application/json` and no body at all.
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req, body, done) => (body.length ? json(req as never, body.toString('utf8'), done) : done(null, undefined)));
}
