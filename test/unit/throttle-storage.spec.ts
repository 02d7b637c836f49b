import { Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { rateLimitFor, trackerFor } from '../../src/api/throttle/rate-limits';
import { RedisThrottlerStorage } from '../../src/api/throttle/redis-throttler-storage';
import type { RateLimitConfig } from '../../src/config/config';
import { GUEST, type SessionUser } from '../../src/kernel/db/context';

const REDIS_URL = process.env.REDIS_URL;

// The fallback to per-process counting logs a warning; keep the test output to the results.
beforeAll(() => Logger.overrideLogger(false));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniqueKey = () => `test-${randomBytes(6).toString('hex')}`;
const SITE = 'docket:unit-test:';

/** The behaviour ThrottlerGuard relies on: ttl/blockDuration in ms in, seconds out. */
function storageContract(make: () => ThrottlerStorage): void {
  let storage: ThrottlerStorage;
  beforeEach(() => {
    storage = make();
  });

  it('counts hits up to the limit without blocking', async () => {
    const key = uniqueKey();
    for (let i = 1; i <= 3; i++) {
      const r = await storage.increment(key, 60_000, 3, 60_000, 'default');
      // timeToBlockExpire means something only when blocked (the built-in answers a negative number)
      expect(r).toMatchObject({ totalHits: i, isBlocked: false });
      expect(r.timeToExpire).toBeGreaterThanOrEqual(59);
      expect(r.timeToExpire).toBeLessThanOrEqual(60);
    }
  });

  it('blocks the hit over the limit for blockDuration, in seconds', async () => {
    const key = uniqueKey();
    for (let i = 0; i < 2; i++) await storage.increment(key, 60_000, 2, 30_000, 'default');
    const over = await storage.increment(key, 60_000, 2, 30_000, 'default');
    expect(over.isBlocked).toBe(true);
    expect(over.totalHits).toBe(3);
    expect(over.timeToBlockExpire).toBeGreaterThanOrEqual(29);
    expect(over.timeToBlockExpire).toBeLessThanOrEqual(30);
    const still = await storage.increment(key, 60_000, 2, 30_000, 'default');
    expect(still.isBlocked).toBe(true);
  });

  it('starts counting afresh once the block lifts', async () => {
    const key = uniqueKey();
    await storage.increment(key, 300, 1, 300, 'default');
    expect((await storage.increment(key, 300, 1, 300, 'default')).isBlocked).toBe(true);
    await sleep(450);
    const after = await storage.increment(key, 300, 1, 300, 'default');
    expect(after).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets hits once the window is over', async () => {
    const key = uniqueKey();
    await storage.increment(key, 300, 5, 300, 'default');
    await storage.increment(key, 300, 5, 300, 'default');
    await sleep(450);
    expect((await storage.increment(key, 300, 5, 300, 'default')).totalHits).toBe(1);
  });

  it('keeps separate counters per key', async () => {
    const a = uniqueKey();
    const b = uniqueKey();
    await storage.increment(a, 60_000, 1, 60_000, 'default');
    expect((await storage.increment(a, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
    expect((await storage.increment(b, 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
  });
}

describe('in-memory throttler storage (@nestjs/throttler ThrottlerStorageService)', () => {
  const services: ThrottlerStorageService[] = [];
  afterAll(() => services.forEach((s) => s.onApplicationShutdown()));
  storageContract(() => {
    const s = new ThrottlerStorageService();
    services.push(s);
    return s;
  });
});

const describeRedis = REDIS_URL ? describe : describe.skip;
describeRedis(`RedisThrottlerStorage on ${REDIS_URL ?? 'Redis (skipped: set REDIS_URL=redis://127.0.0.1:6379 to run)'}`, () => {
  let client: Redis;
  beforeAll(async () => {
    client = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
    // Connected before the first case: a store that is not connected yet is bypassed.
    await client.ping();
  });
  afterAll(async () => {
    await client.quit();
  });
  storageContract(() => new RedisThrottlerStorage(client, SITE));

  it("keeps its counters under the site's prefix and throttle:", async () => {
    const key = uniqueKey();
    await new RedisThrottlerStorage(client, SITE).increment(key, 60_000, 5, 60_000, 'default');
    expect(await client.get(`${SITE}throttle:${key}`)).toBe('1');
    expect(await client.pttl(`${SITE}throttle:${key}`)).toBeGreaterThan(59_000);
    await client.del(`${SITE}throttle:${key}`);
  });

  it('counts concurrent hits exactly (one atomic script)', async () => {
    const key = uniqueKey();
    const storage = new RedisThrottlerStorage(client, SITE);
    const results = await Promise.all(Array.from({ length: 50 }, () => storage.increment(key, 60_000, 20, 60_000, 'default')));
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(20);
    expect(results.filter((r) => r.isBlocked)).toHaveLength(30);
  });
});

describe('RedisThrottlerStorage when Redis is unreachable', () => {
  it('counts in this process instead, at once: the limit still holds (fails closed, not open)', async () => {
    const offline = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    const storage = new RedisThrottlerStorage(offline, SITE);
    const started = Date.now();
    const first = await storage.increment('k', 60_000, 1, 60_000, 'default');
    const second = await storage.increment('k', 60_000, 1, 60_000, 'default');
    expect(Date.now() - started).toBeLessThan(100);
    expect(first).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(second).toMatchObject({ totalHits: 2, isBlocked: true });
    expect(second.timeToBlockExpire).toBeGreaterThanOrEqual(59);
    storage.onApplicationShutdown();
    offline.disconnect();
  });
});

describe('rate limit resolution', () => {
  const limits: RateLimitConfig = {
    default: { limit: 600, ttlMs: 60_000 },
    guest: { limit: 120, ttlMs: 60_000 },
    roles: { 'Sales User': { limit: 1_000, ttlMs: 60_000 }, 'System Manager': { limit: 100, ttlMs: 1_000 } },
    keys: { abc123: { limit: 10, ttlMs: 60_000 } },
  };
  const user = (name: string, roles: string[]): SessionUser => ({ name, roles: new Set(roles), userType: 'System User' });

  it('gives Guest the guest limit, tracked by IP', () => {
    expect(rateLimitFor(limits, GUEST, { via: 'guest', ip: '10.0.0.1' })).toBe(limits.guest);
    expect(trackerFor(GUEST, { via: 'guest' }, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(trackerFor(GUEST, { via: 'guest' }, undefined)).toBe('ip:unknown');
  });

  it('prefers the API key override, tracked by key', () => {
    const u = user('a@example.com', ['Sales User']);
    expect(rateLimitFor(limits, u, { via: 'token', apiKey: 'abc123' })).toBe(limits.keys.abc123);
    expect(trackerFor(u, { via: 'token', apiKey: 'abc123' }, '10.0.0.1')).toBe('key:abc123');
  });

  it('takes the most generous of the user roles, else the default; tracked by user', () => {
    expect(rateLimitFor(limits, user('a', ['Sales User', 'System Manager']), { via: 'session' })).toBe(limits.roles['System Manager']);
    expect(rateLimitFor(limits, user('b', ['Sales User']), { via: 'token', apiKey: 'other' })).toBe(limits.roles['Sales User']);
    expect(rateLimitFor(limits, user('c', ['Stock User']), { via: 'session' })).toBe(limits.default);
    expect(trackerFor(user('c', []), { via: 'session' }, '10.0.0.1')).toBe('user:c');
  });
});
