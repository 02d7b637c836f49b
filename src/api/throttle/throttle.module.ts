import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/config';
import { requestMeta, requestUser, type HttpRequest } from '../../kernel/auth/request';
import { RedisConnection } from '../../kernel/cache/redis-connection';
import { DocketThrottlerGuard } from './docket-throttler.guard';
import { GraphqlThrottleHook } from './graphql-throttle.hook';
import { rateLimitFor } from './rate-limits';
import { RedisThrottlerStorage } from './redis-throttler-storage';

function throttlerOptions(config: AppConfig, redis: RedisConnection): ThrottlerModuleOptions {
  const limitOf = (context: ExecutionContext) => {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    return rateLimitFor(config.rateLimits, requestUser(req), requestMeta(req));
  };
  return {
    throttlers: [{ name: 'default', limit: (context) => limitOf(context).limit, ttl: (context) => limitOf(context).ttlMs }],
    // Without Redis, @nestjs/throttler's in-memory ThrottlerStorageService (per process).
    storage: redis.client ? new RedisThrottlerStorage(redis.client, redis.prefix) : undefined,
  };
}

/**
 * Rate limiting for every REST route (a global guard) and for /graphql (a Fastify hook using
 * the same guard); counters on Redis when configured. The bootstrap installs the hook right
 * after the auth hook, whose caller it keys the budget on.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [DocketThrottlerGuard, GraphqlThrottleHook, { provide: APP_GUARD, useExisting: DocketThrottlerGuard }],
  exports: [DocketThrottlerGuard, GraphqlThrottleHook],
})
export class ThrottleModule {}
