import { createHash } from 'node:crypto';

/** A strong entity tag of a body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}
