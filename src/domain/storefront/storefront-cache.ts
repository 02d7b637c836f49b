import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RedisConnection, redisReady } from '../../kernel/cache/redis-connection';
import { ChangeFeed } from '../../kernel/db/change-feed';
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

const MAX_ENTRIES = 20_000;

/** A serialised storefront answer and its entity tag. */
export interface CachedBody {
  body: string;
  etag: string;
}

/** Loads a value once per generation in this process (see StorefrontCache.read); callers never modify what it returns. */
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** What one request sees of the cache: the generation, read once, and what is current under it. */
export interface CacheRead {
  /** the cached answer for `key`, or `compute`'s */
  answer(key: string, compute: () => Promise<unknown>): Promise<CachedBody>;
  /** a value an answer is computed from (the shop's settings, price rules, a filter's count), kept like the answers */
  memo: Memo;
}

interface Entry {
  generation: string;
  value: unknown;
}

/**
 * The storefront's answers, kept in each process and outdated by a generation number: every
 * commit that writes a storefront table advances it (before that request answers), and an
 * answer is served only while the generation it was computed under is current. With Redis the
 * generation lives there, so a change committed through any process (API or worker) is seen
 * by the next request to every other process; the answers themselves stay in process memory,
 * where a hit costs no network round trip but the generation read. Without Redis the one
 * process counts for itself. When Redis cannot be asked, nothing is served from the cache.
 * The values answers are computed from (settings, rules, counts) are kept the same way, so a
 * miss reads only what the page itself needs.
 */
@Injectable()
export class StorefrontCache {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });
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
  ) {
    this.generationKey = `${redis.prefix}storefront:generation`;
    db.onWrite((written) => ([...written].some((t) => this.tables.has(t)) ? this.bump() : undefined));
    // Announcements may have been missed while Redis was away.
    feed.onReset(() => this.entries.clear());
  }

  /** Reads the generation once for a request: its answers and values are those current under it. */
  async read(): Promise<CacheRead> {
    const generation = await this.generation();
    return {
      answer: (key, compute) => this.kept(generation, `answer|${key}`, () => this.fresh(compute)),
      memo: (key, load) => this.kept(generation, `value|${key}`, load),
    };
  }

  /**
   * The entry for `key` kept under `generation`, or `compute`'s, kept for the next caller when
   * nothing changed meanwhile. Concurrent misses of one key under one generation share a single
   * computation, so a burst after a change (or of one uncached filter) costs the database one
   * answer, not one per caller.
   */
  private async kept<T>(generation: string | null, key: string, compute: () => Promise<T>): Promise<T> {
    if (generation === null) return compute();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) return hit.value as T;
    const flight = JSON.stringify([generation, key]);
    const shared = this.computing.get(flight);
    if (shared) return shared as Promise<T>;
    const run = (async () => {
      try {
        const value = await compute();
        if ((await this.generation()) === generation) this.entries.set(key, { value, generation });
        return value;
      } finally {
        this.computing.delete(flight);
      }
    })();
    this.computing.set(flight, run);
    return run;
  }

  private async fresh(compute: () => Promise<unknown>): Promise<CachedBody> {
    const body = stringifyExactJson(await compute());
    return { body, etag: etagOf(body) };
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
