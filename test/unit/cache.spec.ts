import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/config';
import { Cache, keyPrefix } from '../../src/kernel/cache/cache';
import { MemoryCache } from '../../src/kernel/cache/memory-cache';
import { RedisCache } from '../../src/kernel/cache/redis-cache';

const REDIS_URL = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniqueKey = () => `test-${randomBytes(6).toString('hex')}`;
const SITE = 'docket:unit-test:';

function cacheContract(make: () => Cache): void {
  let cache: Cache;
  beforeEach(() => {
    cache = make();
  });

  it('returns undefined for a missing key', async () => {
    expect(await cache.get(uniqueKey())).toBeUndefined();
  });

  it('stores values as JSON copies', async () => {
    const key = uniqueKey();
    const value = { a: 1, b: ['x', null], at: new Date('2026-01-02T03:04:05Z') };
    await cache.set(key, value, 60_000);
    value.a = 2;
    expect(await cache.get(key)).toEqual({ a: 1, b: ['x', null], at: '2026-01-02T03:04:05.000Z' });
  });

  it('expires values after their TTL', async () => {
    const key = uniqueKey();
    await cache.set(key, 'v', 150);
    expect(await cache.get(key)).toBe('v');
    await sleep(250);
    expect(await cache.get(key)).toBeUndefined();
  });

  it('deletes', async () => {
    const key = uniqueKey();
    await cache.set(key, 1, 60_000);
    await cache.del(key);
    expect(await cache.get(key)).toBeUndefined();
  });

  it('increments counters; the TTL is set when the counter is created', async () => {
    const key = uniqueKey();
    expect(await cache.incr(key, 200)).toBe(1);
    expect(await cache.incr(key, 10_000)).toBe(2);
    expect(await cache.incr(key, undefined, 5)).toBe(7);
    expect(await cache.get(key)).toBe(7);
    await sleep(300);
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.incr(key)).toBe(1);
    await cache.del(key);
  });
}

describe('keyPrefix: sites sharing one Redis keep apart', () => {
  const prefixOf = (DB_URL: string) => keyPrefix(loadConfig({ DB_URL }));
  it('one prefix per database, whatever the credentials', () => {
    const shop = prefixOf('mariadb://root:@127.0.0.1:3306/shop');
    expect(shop).toMatch(/^docket:[0-9a-f]{12}:$/);
    expect(prefixOf('mariadb://docket:secret@127.0.0.1:3306/shop')).toBe(shop);
    expect(prefixOf('mariadb://root:@127.0.0.1:3306/other_shop')).not.toBe(shop);
    expect(prefixOf('mariadb://root:@10.0.0.2:3306/shop')).not.toBe(shop);
    expect(prefixOf('sqlite:/tmp/a.sqlite')).not.toBe(prefixOf('sqlite:/tmp/b.sqlite'));
  });
});

describe('MemoryCache', () => {
  cacheContract(() => new MemoryCache());

  it('stays within its bound, evicting the least recently used entry', async () => {
    const cache = new MemoryCache(3);
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.set('c', 3);
    await cache.get('a');
    await cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('d')).toBe(4);
  });

  it('refuses to increment a value that is not an integer', async () => {
    const cache = new MemoryCache();
    await cache.set('s', 'text');
    await expect(cache.incr('s')).rejects.toThrow(/integer/);
  });
});

const describeRedis = REDIS_URL ? describe : describe.skip;
describeRedis(`RedisCache on ${REDIS_URL ?? 'Redis (skipped: set REDIS_URL=redis://127.0.0.1:6379 to run)'}`, () => {
  let client: Redis;
  beforeAll(async () => {
    client = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
    // Connected before the first case: a store that is not connected yet is bypassed.
    await client.ping();
  });
  afterAll(async () => {
    await client.quit();
  });
  cacheContract(() => new RedisCache(client, SITE));

  it("namespaces keys under the site's prefix and cache:", async () => {
    const key = uniqueKey();
    await new RedisCache(client, SITE).set(key, { x: 1 }, 60_000);
    expect(await client.get(`${SITE}cache:${key}`)).toBe('{"x":1}');
    expect(await new RedisCache(client, 'docket:another-site:').get(key)).toBeUndefined();
    await client.del(`${SITE}cache:${key}`);
  });
});

describe('RedisCache while Redis is unreachable', () => {
  it('is bypassed at once: get misses, set stores nothing, del and incr fail rather than leave a wrong value', async () => {
    const offline = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    const cache = new RedisCache(offline, SITE);
    const started = Date.now();
    await cache.set('k', 1, 60_000);
    expect(await cache.get('k')).toBeUndefined();
    await expect(cache.del('k')).rejects.toThrow();
    await expect(cache.incr('k')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(100);
    offline.disconnect();
  });
});
