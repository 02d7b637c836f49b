import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { redisReady } from '../../kernel/cache/redis-connection';
import { RedisScript } from '../../kernel/cache/redis-script';

/**
 * Fixed window with a block, in one atomic step. KEYS: the hit counter, the block marker.
 * ARGV: window ms, limit, block ms. Returns { hits, ms until the window (or block) ends,
 * blocked 0|1, ms until the block ends }. The hit that goes over the limit starts a block of
 * `block ms` and ends the window, so a fresh window begins when the block lifts. Requests made
 * while blocked are not counted.
 */
const INCREMENT = new RedisScript(
  `local windowMs = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockMs = tonumber(ARGV[3])
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return { tonumber(redis.call('GET', KEYS[2])), blockLeft, 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], windowMs)
  left = windowMs
end
if hits <= limit then
  return { hits, left, 0, 0 }
end
if blockMs > 0 then
  redis.call('SET', KEYS[2], hits, 'PX', blockMs)
  redis.call('DEL', KEYS[1])
  return { hits, blockMs, 1, blockMs }
end
return { hits, left, 1, left }`,
  2,
);

const WARN_EVERY_MS = 60_000;

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler 6 storage on Redis, shared by every API process. Takes `ttl` and
 * `blockDuration` in milliseconds and answers `timeToExpire`/`timeToBlockExpire` in whole
 * seconds, as the built-in ThrottlerStorageService does. While Redis is down (or a command
 * fails) hits are counted in this process instead, with that same built-in storage: limits
 * still hold, per process, and without waiting for Redis. A warning is logged once a minute.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly prefix: string;
  private readonly local = new ThrottlerStorageService();
  private readonly log = new Logger('Throttle');
  private lastWarning = 0;

  /** `sitePrefix`: see keyPrefix */
  constructor(
    private readonly client: Redis,
    sitePrefix: string,
  ) {
    this.prefix = `${sitePrefix}throttle:`;
  }

  /** `key` already names the throttler (DocketThrottlerGuard.generateKey). */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    if (!redisReady(this.client)) {
      this.warn(`Redis is not connected (${this.client.status})`);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const counter = this.prefix + key;
    try {
      const [hits, expireMs, blocked, blockMs] = (await INCREMENT.run(this.client, [counter, `${counter}:blocked`], [ttl, limit, blockDuration])) as number[];
      return { totalHits: hits, timeToExpire: seconds(expireMs), isBlocked: blocked === 1, timeToBlockExpire: seconds(blockMs) };
    } catch (err) {
      this.warn(`Redis failed: ${err instanceof Error ? err.message : String(err)}`);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }

  private warn(reason: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.log.warn(`rate limits counted per process: ${reason}`);
  }
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
