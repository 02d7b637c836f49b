import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RedisConnection, redisReady } from '../../kernel/cache/redis-connection';
import { ChangeFeed } from '../../kernel/db/change-feed';
import { AppConfig } from '../../config/config';
import { Database } from '../../kernel/db/database';
import { stringifyExactJson } from '../../kernel/money/json';
import { etagOf } from '../../kernel/cache/etag';

/** Every table a storefront answer is read from: a committed write to any of them outdates every cached answer. */
export const STOREFRONT_TABLES = [
  'tabItem',
  'tabItem Variant Attribute',
  'tabItem Attribute',
  'tabItem Attribute Value',
  'tabWebsite Item',
  'tabItem Website Specification',
  'tabWebshop Settings',
  'tabItem Price',
  'tabPricing Rule',
  'tabPricing Rule Item Code',
  'tabPricing Rule Item Group',
  'tabPricing Rule Brand',
  'tabCoupon Code',
  'tabBin',
  'tabItem Group',
  'tabBrand',
  'tabPrice List',
  'tabCustomer',
  'tabCustomer Group',
  'tabTerritory',
  'tabPortal User',
  'tabCurrency',
];

const MAX_ENTRIES = 200_000;
/** what a kept value (settings, a count, a group) is taken to weigh, in bytes */
const VALUE_BYTES = 1024;

/** A serialised storefront answer (UTF-8 JSON, kept encoded: a hit is sent as it is) and its entity tag. */
export interface CachedBody {
  body: Buffer;
  etag: string;
}

/** Loads a value once per generation in this process (see StorefrontCache.read); callers never modify what it returns. */
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** Memo for many keys at once: those not kept are loaded together, by one call of `load` with them. */
export type MemoMany = <T>(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>) => Promise<Map<string, T>>;

/** What one request sees of the cache: the generation, read once, and what is current under it. */
export interface CacheRead {
  /** the cached answer for `key`, or `compute`'s */
  answer(key: string, compute: () => Promise<unknown>): Promise<CachedBody>;
  /** a value an answer is computed from (the shop's settings, price rules, a filter's count), kept like the answers */
  memo: Memo;
  /** values kept like `memo`'s, the missing ones loaded in one batch (a page's product cards) */
  many: MemoMany;
}

interface Entry {
  generation: string;
  value: unknown;
  /** about what it weighs in bytes (the cache holds STOREFRONT_CACHE_MB of them) */
  bytes: number;
}

/**
 * The storefront's answers, kept in each process and outdated by a generation number: every
 * commit that writes a storefront table advances it (before that request answers), and an
 * answer is served only while the generation it was computed under is current. With Redis the
 * generation lives there, so a change committed through any process (API or worker) is seen
 * by the next request to every other process; the answers themselves stay in process memory,
 * where a hit costs no network round trip but the generation read. Without Redis the one
 * process counts for itself. When Redis cannot be asked, nothing is served from the cache.
 * The values answers are computed from (settings, rules, counts, product cards) are kept the
 * same way, so a miss reads only what is not kept yet: a new page of products already seen
 * reads its rows alone. What is kept is bounded by STOREFRONT_CACHE_MB, least recently used out
 * first.
 */
@Injectable()
export class StorefrontCache {
  private readonly entries: LRUCache<string, Entry>;
  /** answers and values being computed, by generation and key: callers asking meanwhile share the one computation */
  private readonly computing = new Map<string, Promise<unknown>>();
  private readonly tables = new Set(STOREFRONT_TABLES);
  private local = 0;
  /** a bump Redis did not take (down): taken before the generation is trusted again */
  private bumpOwed = false;
  private readonly log = new Logger('StorefrontCache');
  private readonly generationKey: string;

  constructor(
    db: Database,
    feed: ChangeFeed,
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    this.entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, maxSize: config.storefrontCacheMb * 1_000_000, sizeCalculation: (e) => e.bytes });
    this.generationKey = `${redis.prefix}storefront:generation`;
    db.onWrite((written) => ([...written].some((t) => this.tables.has(t)) ? this.bump() : undefined));
    // Announcements may have been missed while Redis was away.
    feed.onReset(() => this.entries.clear());
  }

  /** Reads the generation once for a request: its answers and values are those current under it. */
  async read(): Promise<CacheRead> {
    const generation = await this.generation();
    return {
      answer: (key, compute) => this.kept(generation, `answer|${key}`, () => this.fresh(compute), (answer) => answer.body.length + key.length),
      memo: (key, load) => this.kept(generation, `value|${key}`, load, () => VALUE_BYTES),
      many: (keys, load) => this.keptMany(generation, keys, load),
    };
  }

  /** The entries of `keys` kept under `generation`; the others from one `load` of them, kept when nothing changed meanwhile. */
  private async keptMany<T>(generation: string | null, keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
    if (generation === null) return load([...keys]);
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const key of keys) {
      const hit = this.entries.get(`value|${key}`);
      if (hit && hit.generation === generation) out.set(key, hit.value as T);
      else missing.push(key);
    }
    if (!missing.length) return out;
    const loaded = await load(missing);
    const current = (await this.generation()) === generation;
    for (const [key, value] of loaded) {
      out.set(key, value);
      // a card's weight is its JSON's length
      if (current) this.entries.set(`value|${key}`, { value, generation, bytes: JSON.stringify(value).length + key.length });
    }
    return out;
  }

  /**
   * The entry for `key` kept under `generation`, or `compute`'s, kept for the next caller when
   * nothing changed meanwhile. Concurrent misses of one key under one generation share a single
   * computation, so a burst after a change (or of one uncached filter) costs the database one
   * answer, not one per caller.
   */
  private async kept<T>(generation: string | null, key: string, compute: () => Promise<T>, bytes: (value: T) => number): Promise<T> {
    if (generation === null) return compute();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) return hit.value as T;
    const flight = JSON.stringify([generation, key]);
    const shared = this.computing.get(flight);
    if (shared) return shared as Promise<T>;
    const run = (async () => {
      try {
        const value = await compute();
        if ((await this.generation()) === generation) this.entries.set(key, { value, generation, bytes: bytes(value) });
        return value;
      } finally {
        this.computing.delete(flight);
      }
    })();
    this.computing.set(flight, run);
    return run;
  }

  private async fresh(compute: () => Promise<unknown>): Promise<CachedBody> {
    const text = stringifyExactJson(await compute());
    return { body: Buffer.from(text), etag: etagOf(text) };
  }

  /** Drops every answer (tests, and operators after a restore). */
  clear(): void {
    this.entries.clear();
  }

  private async bump(): Promise<void> {
    this.local++;
    this.entries.clear();
    const client = this.redis.client;
    if (!client) return;
    try {
      if (!redisReady(client)) throw new Error('not connected');
      await client.incr(this.generationKey);
      this.bumpOwed = false;
    } catch (err) {
      this.bumpOwed = true;
      this.log.warn(`could not advance the storefront generation: ${(err as Error).message}`);
    }
  }

  /** The current generation, or null when it cannot be known (Redis unreachable). */
  private async generation(): Promise<string | null> {
    const client = this.redis.client;
    if (!client) return String(this.local);
    if (!redisReady(client)) return null;
    try {
      if (this.bumpOwed) {
        await client.incr(this.generationKey);
        this.bumpOwed = false;
      }
      return (await client.get(this.generationKey)) ?? '0';
    } catch {
      return null;
    }
  }
}
