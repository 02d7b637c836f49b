/** Every key Docket writes to a shared store starts with this. */
export const KEY_PREFIX = 'docket:';

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
