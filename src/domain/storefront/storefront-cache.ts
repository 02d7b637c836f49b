import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RedisConnection, redisReady } from '../../kernel/cache/redis-connection';
import { ChangeFeed } from '../../kernel/db/change-feed';
import { AppConfig } from '../../config/config';
import { Database } from '../../kernel/db/database';
import { writeExactJson } from '../../kernel/money/json';
import { etagOf } from '../../kernel/cache/etag';

/**
 * What a storefront value can be computed from, each part with its own generation: the
 * catalogue (items, publication, attributes, groups, settings, buyers), prices (Item Prices,
 * Pricing Rules, coupons, price lists) and stock (Bins). A committed write advances the parts
 * of the tables it wrote, and a kept value is outdated only by the parts it names: a stock
 * movement leaves the products' priced variants kept, and a page reads its stock again.
 */
export type CachePart = 'catalog' | 'price' | 'stock';
export const ALL_PARTS: readonly CachePart[] = ['catalog', 'price', 'stock'];
export const CATALOG: readonly CachePart[] = ['catalog'];
export const PRICES: readonly CachePart[] = ['price'];
export const CATALOG_AND_PRICES: readonly CachePart[] = ['catalog', 'price'];

/** Every table a storefront answer is read from, and the part a committed write to it outdates. */
export const STOREFRONT_TABLES: Record<string, CachePart> = {
  tabItem: 'catalog',
  'tabItem Variant Attribute': 'catalog',
  'tabItem Attribute': 'catalog',
  'tabItem Attribute Value': 'catalog',
  'tabWebsite Item': 'catalog',
  'tabItem Website Specification': 'catalog',
  'tabWebshop Settings': 'catalog',
  'tabItem Group': 'catalog',
  'tabBrand': 'catalog',
  'tabCustomer': 'catalog',
  'tabCustomer Group': 'catalog',
  'tabTerritory': 'catalog',
  'tabPortal User': 'catalog',
  'tabCurrency': 'catalog',
  'tabItem Price': 'price',
  'tabPricing Rule': 'price',
  'tabPricing Rule Item Code': 'price',
  'tabPricing Rule Item Group': 'price',
  'tabPricing Rule Brand': 'price',
  'tabCoupon Code': 'price',
  'tabPrice List': 'price',
  tabBin: 'stock',
};

const MAX_ENTRIES = 500_000;
/** the share of STOREFRONT_CACHE_MB the serialised answers may take; the rest keeps the values they are computed from */
const ANSWER_SHARE = 0.25;

/** A serialised storefront answer (UTF-8 JSON, kept encoded: a hit is sent as it is) and its entity tag. */
export interface CachedBody {
  body: Buffer;
  etag: string;
  /** JSON.parse reads the body back exactly (it holds no number a double would change) */
  plain: boolean;
}

/**
 * Loads a value once per generation of the parts it is computed from (all unless told) in this
 * process (see StorefrontCache.read); callers never modify what it returns.
 */
export type Memo = <T>(key: string, load: () => Promise<T>, parts?: readonly CachePart[]) => Promise<T>;

/** Memo for many keys at once: those not kept are loaded together, by one call of `load` with them. */
export type MemoMany = <T>(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>, parts?: readonly CachePart[]) => Promise<Map<string, T>>;

/** The generation of each part, as read once for a request. */
type Generations = Record<CachePart, string>;

/** What one request sees of the cache: the generation, read once, and what is current under it. */
export interface CacheRead {
  /** the cached answer for `key`, or `compute`'s */
  answer(key: string, compute: () => Promise<unknown>): Promise<CachedBody>;
  /** a value an answer is computed from (the shop's settings, price rules, a filter's count), kept like the answers */
  memo: Memo;
  /** values kept like `memo`'s, the missing ones loaded in one batch (a page's product cards) */
  many: MemoMany;
  /** a result computed elsewhere (GraphQL's execution), kept like an answer: what is kept for `key`, and how to keep one */
  held<T>(key: string): Held<T>;
}

/** A kept result, if any, and a way to keep one computed under the same generations. */
export interface Held<T> {
  value: T | undefined;
  keep(value: T): Promise<void>;
}

interface Entry {
  /** the generations of the parts it was computed from */
  generation: string;
  value: unknown;
  /** about what it weighs in bytes (the cache holds STOREFRONT_CACHE_MB of them) */
  bytes: number;
}

/**
 * The storefront's answers, kept in each process and outdated by generation numbers: every
 * commit that writes a storefront table advances the generation of that table's part (before
 * that request answers), and an answer or value is served only while the generations of the
 * parts it was computed from are current. With Redis the generations live there, so a change
 * committed through any process (API or worker) is seen by the next request to every other
 * process; the answers themselves stay in process memory, where a hit costs no network round
 * trip but the generations' read. Without Redis the one process counts for itself. When Redis
 * cannot be asked, nothing is served from the cache. The values answers are computed from
 * (settings, rules, counts, product cards) are kept the same way, so a miss reads only what
 * is not kept yet: a new page of products already seen reads its rows alone, and after a stock
 * movement its rows and its stock. What is kept is bounded by
 * STOREFRONT_CACHE_MB, least recently used out first.
 */
@Injectable()
export class StorefrontCache {
  /** serialised answers: many are asked once, and each is cheap to serialise again from the values */
  private readonly answers: LRUCache<string, Entry>;
  /** what answers are computed from (settings, rules, counts, product cards): costly to read again, so kept apart from the answers' churn */
  private readonly values: LRUCache<string, Entry>;
  /** answers and values being computed, by generation and key: callers asking meanwhile share the one computation */
  private readonly computing = new Map<string, Promise<unknown>>();
  private readonly local = byPart(() => 0);
  /** bumps Redis did not take (down): taken before the generations are trusted again */
  private readonly owed = new Set<CachePart>();
  private readonly log = new Logger('StorefrontCache');
  private readonly generationKeys: Record<CachePart, string>;

  constructor(
    db: Database,
    feed: ChangeFeed,
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    const bytes = config.storefrontCacheMb * 1_000_000;
    const lru = (share: number) => new LRUCache<string, Entry>({ max: MAX_ENTRIES, maxSize: Math.floor(bytes * share), sizeCalculation: (e) => e.bytes });
    this.answers = lru(ANSWER_SHARE);
    this.values = lru(1 - ANSWER_SHARE);
    this.generationKeys = byPart((p) => `${redis.prefix}storefront:generation:${p}`);
    db.onWrite((written) => {
      const parts = new Set([...written].flatMap((t) => (STOREFRONT_TABLES[t] ? [STOREFRONT_TABLES[t]] : [])));
      return parts.size ? this.bump(parts) : undefined;
    });
    // Announcements may have been missed while Redis was away.
    feed.onReset(() => this.clear());
  }

  /** Reads the generations once for a request: its answers and values are those current under them. */
  async read(): Promise<CacheRead> {
    const generations = await this.generations();
    return {
      answer: (key, compute) => this.kept(this.answers, generations, ALL_PARTS, key, () => this.fresh(compute), (answer) => answer.body.length + key.length),
      memo: (key, load, parts = ALL_PARTS) => this.kept(this.values, generations, parts, key, load, (value) => weight(value) + key.length),
      many: (keys, load, parts = ALL_PARTS) => this.keptMany(generations, parts, keys, load),
      held: <T>(key: string) => this.held<T>(generations, `held|${key}`),
    };
  }

  private held<T>(generations: Generations | null, key: string): Held<T> {
    if (generations === null) return { value: undefined, keep: async () => undefined };
    const generation = stamp(generations, ALL_PARTS);
    return {
      value: current<T>(this.answers, key, generation),
      keep: async (value) => {
        if (await this.unchanged(generation, ALL_PARTS)) this.answers.set(key, { value, generation, bytes: weight(value) + key.length });
      },
    };
  }

  /** The entries of `keys` kept under the parts' generations; the others from one `load` of them, kept when nothing changed meanwhile. */
  private async keptMany<T>(generations: Generations | null, parts: readonly CachePart[], keys: readonly string[], load: (missing: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
    if (generations === null) return load([...keys]);
    const generation = stamp(generations, parts);
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const key of keys) {
      const hit = current<T>(this.values, key, generation);
      if (hit !== undefined) out.set(key, hit);
      else missing.push(key);
    }
    if (!missing.length) return out;
    const loaded = await load(missing);
    const keep = await this.unchanged(generation, parts);
    for (const [key, value] of loaded) {
      out.set(key, value);
      if (keep) this.values.set(key, { value, generation, bytes: weight(value) + key.length });
    }
    return out;
  }

  /**
   * The entry for `key` kept under the parts' generations, or `compute`'s, kept for the next
   * caller when nothing changed meanwhile. Concurrent misses of one key under one generation
   * share a single computation, so a burst after a change (or of one uncached filter) costs the
   * database one answer, not one per caller.
   */
  private async kept<T>(
    entries: LRUCache<string, Entry>,
    generations: Generations | null,
    parts: readonly CachePart[],
    key: string,
    compute: () => Promise<T>,
    bytes: (value: T) => number,
  ): Promise<T> {
    if (generations === null) return compute();
    const generation = stamp(generations, parts);
    const hit = current<T>(entries, key, generation);
    if (hit !== undefined) return hit;
    const flight = JSON.stringify([entries === this.answers, generation, key]);
    const shared = this.computing.get(flight);
    if (shared) return shared as Promise<T>;
    const run = (async () => {
      try {
        const value = await compute();
        if (await this.unchanged(generation, parts)) entries.set(key, { value, generation, bytes: bytes(value) });
        return value;
      } finally {
        this.computing.delete(flight);
      }
    })();
    this.computing.set(flight, run);
    return run;
  }

  /** Whether the parts' generations are still `generation` (nothing they cover changed while a value was computed). */
  private async unchanged(generation: string, parts: readonly CachePart[]): Promise<boolean> {
    const now = await this.generations();
    return now !== null && stamp(now, parts) === generation;
  }

  private async fresh(compute: () => Promise<unknown>): Promise<CachedBody> {
    const { text, plain } = writeExactJson(await compute());
    return { body: Buffer.from(text), etag: etagOf(text), plain };
  }

  /** Drops every answer (tests, and operators after a restore). */
  clear(): void {
    this.answers.clear();
    this.values.clear();
  }

  private async bump(parts: ReadonlySet<CachePart>): Promise<void> {
    for (const p of parts) this.local[p]++;
    const client = this.redis.client;
    if (!client) return;
    for (const p of parts) this.owed.add(p);
    try {
      if (!redisReady(client)) throw new Error('not connected');
      await this.payOwed(client);
    } catch (err) {
      this.log.warn(`could not advance the storefront generation: ${(err as Error).message}`);
    }
  }

  /** Advances in Redis every part whose bump it has not taken yet. */
  private async payOwed(client: NonNullable<RedisConnection['client']>): Promise<void> {
    const parts = [...this.owed];
    if (!parts.length) return;
    const multi = client.multi();
    for (const p of parts) multi.incr(this.generationKeys[p]);
    const results = await multi.exec();
    if (!results || results.some(([err]) => err)) throw new Error('INCR refused');
    for (const p of parts) this.owed.delete(p);
  }

  /** The current generations, or null when they cannot be known (Redis unreachable). */
  private async generations(): Promise<Generations | null> {
    const client = this.redis.client;
    if (!client) return byPart((p) => String(this.local[p]));
    if (!redisReady(client)) return null;
    try {
      await this.payOwed(client);
      const values = await client.mget(...ALL_PARTS.map((p) => this.generationKeys[p]));
      return byPart((p) => values[ALL_PARTS.indexOf(p)] ?? '0');
    } catch {
      return null;
    }
  }
}

/** A value for each part. */
const byPart = <T>(of: (part: CachePart) => T) => Object.fromEntries(ALL_PARTS.map((p) => [p, of(p)])) as Record<CachePart, T>;

/** The value kept for `key` when it was computed under `generation`. */
function current<T>(entries: LRUCache<string, Entry>, key: string, generation: string): T | undefined {
  const hit = entries.get(key);
  return hit && hit.generation === generation ? (hit.value as T) : undefined;
}

/** The parts' generations as one string (what a kept entry is stamped with). */
const stamp = (g: Generations, parts: readonly CachePart[]) => parts.map((p) => `${p[0]}${g[p]}`).join('.');

/**
 * About what a kept value weighs in bytes, cheaply: strings by their length, objects by their
 * keys and values, an array as its length times its first element (the arrays kept, such as
 * a card's variants, hold values of one shape).
 */
function weight(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length;
  if (value === null || typeof value !== 'object') return 16;
  if (Array.isArray(value)) return 16 + (value.length ? value.length * weight(value[0]) : 0);
  let bytes = 32;
  for (const [k, v] of Object.entries(value)) bytes += k.length + weight(v);
  return bytes;
}
