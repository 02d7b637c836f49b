import type { Redis } from 'ioredis';
import { Cache } from './cache';
import { redisReady } from './redis-connection';
import { RedisScript } from './redis-script';

/** INCRBY, and PEXPIRE when the counter was just created: one atomic step. */
const INCR = new RedisScript(
  `local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n`,
  1,
);

/**
 * The cache on the shared Redis connection, under `<site prefix>cache:`. While Redis is down it is
 * bypassed at once: `get` misses and `set` stores nothing; `del` and `incr`, whose loss
 * would leave a wrong value behind, fail (at once, see FAIL_FAST).
 */
export class RedisCache extends Cache {
  private readonly prefix: string;

  /** `sitePrefix`: see keyPrefix */
  constructor(
    private readonly client: Redis,
    sitePrefix: string,
  ) {
    super();
    this.prefix = `${sitePrefix}cache:`;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!redisReady(this.client)) return undefined;
    const json = await this.client.get(this.prefix + key).catch(() => null);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    if (!redisReady(this.client)) return;
    const json = JSON.stringify(value ?? null);
    const stored = ttlMs !== undefined && ttlMs > 0 ? this.client.set(this.prefix + key, json, 'PX', ttlMs) : this.client.set(this.prefix + key, json);
    await stored.catch(() => undefined);
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async incr(key: string, ttlMs?: number, by = 1): Promise<number> {
    return Number(await INCR.run(this.client, [this.prefix + key], [by, ttlMs ?? 0]));
  }
}
