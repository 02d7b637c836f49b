import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/config';

/**
 * The one ioredis client of the process (cache, rate limits, health), or none without
 * REDIS_URL. It connects at start; a command waits through a short outage (offline queue)
 * but fails after two reconnection attempts instead of hanging the request.
 * BullMQ opens connections of its own (its workers block on Redis).
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | undefined;
  private readonly log = new Logger('Redis');

  constructor(config: AppConfig) {
    if (!config.redisUrl) return;
    this.client = createRedisClient(config.redisUrl, this.log);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client || this.client.status === 'end') return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

export function createRedisClient(url: string, log: Logger): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 2,
    // Commands issued in the same tick (every request's rate-limit count) go out in one write.
    enableAutoPipelining: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  // Report the first failure of a healthy connection, not every reconnection attempt.
  let healthy = true;
  client.on('ready', () => {
    if (!healthy) log.log('connection restored');
    healthy = true;
  });
  client.on('error', (err: Error) => {
    if (healthy) log.warn(`connection failed: ${err.message}`);
    healthy = false;
  });
  return client;
}
