import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { AppConfig } from '../../config/config';

/**
 * The database (site) a process serves, as a short stable id: host:port/database on MariaDB
 * (without credentials, so a new password keeps it), the file's path on SQLite.
 */
export function siteId(config: AppConfig): string {
  const where = config.engine === 'mariadb' ? dbLocation(config.dbUrl) : resolve(config.sqlitePath);
  return createHash('sha256').update(where).digest('hex').slice(0, 12);
}

function dbLocation(url: string): string {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return `${u.host}${u.pathname}`;
}

/**
 * What every key and channel of a site on a shared Redis starts with, `docket:<site id>:`:
 * sites (or test databases) sharing one Redis never read each other's cache, counters or
 * announcements.
 */
export function keyPrefix(config: AppConfig): string {
  return `docket:${siteId(config)}:`;
}

/**
 * A small key-value cache for derived data (never the source of truth). Values are stored as
 * JSON, so what comes back is a plain copy: Decimals and Dates come back as strings.
 * Used as the injection token too: `constructor(private readonly cache: Cache)`.
 */
export abstract class Cache {
  /** The value, or undefined when missing or expired. */
  abstract get<T>(key: string): Promise<T | undefined>;
  /** Stores `value`; without `ttlMs` it lives until evicted or deleted. */
  abstract set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  abstract del(key: string): Promise<void>;
  /** Adds `by` (default 1) to a counter and returns the new value; `ttlMs` applies when the counter is created. */
  abstract incr(key: string, ttlMs?: number, by?: number): Promise<number>;
}
