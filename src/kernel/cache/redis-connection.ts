import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { once } from 'node:events';
import { AppConfig } from '../../config/config';
import { keyPrefix } from './cache';

/** A Redis that accepts a command but does not answer cannot hold a request longer than this. */
const COMMAND_TIMEOUT_MS = 500;
/** How long the start waits for the first connection before serving without Redis. */
const FIRST_CONNECT_MS = 2_000;

/** Reconnect soon after Redis comes back: 100 ms, 200 ms, … at most 1 s between attempts. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1_000);
}

/**
 * Options of every Docket client that serves requests: while the connection is down a
 * command fails at once (no offline queue), a command in flight when it drops fails at once
 * (no resend), and a silent Redis fails the command after COMMAND_TIMEOUT_MS. Callers
 * check `redisReady` first and fall back (per-process rate limits, cache bypass, jobs held).
 */
export const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: 5_000,
  retryStrategy: reconnectDelay,
};

/** True when a command sent now goes to Redis (else it would fail at once). */
export function redisReady(client: Redis): boolean {
  return client.status === 'ready';
}

/**
 * The one ioredis client of the process (cache, rate limits, change feed, health), or none
 * without REDIS_URL. The start waits briefly for it; afterwards Docket never waits for Redis
 * (FAIL_FAST). BullMQ opens connections of its own (see BullJobQueue).
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis | undefined;
  /** what this site's keys and channels start with (keyPrefix) */
  readonly prefix: string;
  private readonly log = new Logger('Redis');

  constructor(config: AppConfig) {
    this.prefix = keyPrefix(config);
    if (!config.redisUrl) return;
    // Commands issued in the same tick (every request's rate-limit count) go out in one write.
    this.client = createRedisClient(config.redisUrl, this.log, { enableAutoPipelining: true });
  }

  /** Whether Redis answers now; false without REDIS_URL. */
  get ready(): boolean {
    return !!this.client && redisReady(this.client);
  }

  async onModuleInit(): Promise<void> {
    if (!this.client || this.ready) return;
    try {
      await once(this.client, 'ready', { signal: AbortSignal.timeout(FIRST_CONNECT_MS) });
    } catch {
      this.log.warn('not connected at start: serving without Redis (per-process rate limits, no shared caches) until it is');
    }
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

/** A FAIL_FAST client that reports the first failure of a healthy connection and its return, not every attempt. */
export function createRedisClient(url: string, log: Logger, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { ...FAIL_FAST, ...options, lazyConnect: false });
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
