import { Global, Module } from '@nestjs/common';
import { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';
import { RedisConnection } from './redis-connection';

/** `Cache` on Redis when REDIS_URL is set, else in process; also exports the shared `RedisConnection`. */
@Global()
@Module({
  providers: [
    RedisConnection,
    {
      provide: Cache,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection): Cache => (redis.client ? new RedisCache(redis.client, redis.prefix) : new MemoryCache()),
    },
  ],
  exports: [RedisConnection, Cache],
})
export class CacheModule {}
