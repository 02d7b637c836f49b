import { Cache } from './cache';

interface Entry {
  json: string;
  /** epoch ms; Infinity when the entry has no TTL */
  expiresAt: number;
}

/**
 * The in-process cache (no Redis): a Map kept in least-recently-used order and bounded to
 * `maxEntries`. Expired entries are dropped when read or when the bound is reached.
 */
export class MemoryCache extends Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 10_000) {
    super();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as T;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.put(key, { json: JSON.stringify(value ?? null), expiresAt: expiry(ttlMs) });
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async incr(key: string, ttlMs?: number, by = 1): Promise<number> {
    const entry = this.live(key);
    const current = entry ? Number(JSON.parse(entry.json)) : 0;
    if (!Number.isInteger(current)) throw new Error(`cache key "${key}" does not hold an integer`);
    const next = current + by;
    this.put(key, { json: JSON.stringify(next), expiresAt: entry ? entry.expiresAt : expiry(ttlMs) });
    return next;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.evict();
  }

  /** Drops expired entries, then the least recently used ones, down to the bound. */
  private evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

function expiry(ttlMs: number | undefined): number {
  return ttlMs !== undefined && ttlMs > 0 ? Date.now() + ttlMs : Infinity;
}
