import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/config';
import { requestMeta, requestUser, type DocketRequest } from '../../kernel/auth/request';
import { RedisConnection } from '../../kernel/cache/redis-connection';
import { DocketThrottlerGuard } from './docket-throttler.guard';
import { GraphqlThrottleMiddleware } from './graphql-throttle.middleware';
import { rateLimitFor } from './rate-limits';
import { RedisThrottlerStorage } from './redis-throttler-storage';

function throttlerOptions(config: AppConfig, redis: RedisConnection): ThrottlerModuleOptions {
  const limitOf = (context: ExecutionContext) => {
    const req = context.switchToHttp().getRequest<DocketRequest>();
    return rateLimitFor(config.rateLimits, requestUser(req), requestMeta(req));
  };
  return {
    throttlers: [{ name: 'default', limit: (context) => limitOf(context).limit, ttl: (context) => limitOf(context).ttlMs }],
    // Without Redis, @nestjs/throttler's in-memory ThrottlerStorageService (per process).
    storage: redis.client ? new RedisThrottlerStorage(redis.client) : undefined,
  };
}

/**
 * Rate limiting for every REST route (a global guard) and for /graphql (a middleware using
 * the same guard); counters on Redis when configured. AppModule applies the middleware
 * right after the auth middleware, whose caller it keys the budget on.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [DocketThrottlerGuard, GraphqlThrottleMiddleware, { provide: APP_GUARD, useExisting: DocketThrottlerGuard }],
  exports: [DocketThrottlerGuard, GraphqlThrottleMiddleware],
})
export class ThrottleModule {}
