import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Queryable } from '../db/context';

const scrypt = promisify(scryptCb) as (pwd: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;
const KEYLEN = 32;
const PARAMS = { N: 16384, r: 8, p: 1 };

/** scrypt with a random salt: `scrypt$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, PARAMS);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, PARAMS);
  return timingSafeEqual(got, expected);
}

/** SHA-256 for high-entropy secrets (API secrets, tokens, session ids): fast and safe to index. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Stores a secret hashed in __Auth (never in the doctype's own table). */
export async function setPassword(db: Queryable, doctype: string, name: string, fieldname: string, value: string, fast = false): Promise<void> {
  const stored = fast ? `sha256$${sha256(value)}` : await hashPassword(value);
  await db.write('__Auth', 'DELETE FROM `__Auth` WHERE doctype = ? AND name = ? AND fieldname = ?', [doctype, name, fieldname]);
  await db.write('__Auth', 'INSERT INTO `__Auth` (doctype, name, fieldname, password) VALUES (?, ?, ?, ?)', [doctype, name, fieldname, stored]);
}

/** What an unknown key's secret is compared with, so that a miss costs what a wrong secret costs. */
const NO_DIGEST = sha256('no such secret');

/**
 * Checks a secret against its stored hash (scrypt for passwords, SHA-256 for generated secrets).
 * With nothing stored (no such user or key) it spends the same time and answers false: a
 * scrypt for passwords, one SHA-256 comparison for generated secrets.
 */
export async function checkSecret(value: string, stored: string | null, kind: 'password' | 'token' = 'password'): Promise<boolean> {
  if (!stored) {
    if (kind === 'password') await hashPassword(value);
    else sameDigest(sha256(value), NO_DIGEST);
    return false;
  }
  if (stored.startsWith('sha256$')) return sameDigest(sha256(value), stored.slice(7));
  return verifyPassword(value, stored);
}

/** The SQL join that reads a user's stored secret together with the user (one round trip, found or not). */
export function userSecretJoin(fieldname: 'new_password' | 'api_secret'): string {
  return `LEFT JOIN \`__Auth\` a ON a.doctype = 'User' AND a.name = u.name AND a.fieldname = '${fieldname}'`;
}
