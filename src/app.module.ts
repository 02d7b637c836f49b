import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { GRAPHQL_PATH, GraphqlApiModule } from './api/graphql/graphql.module';
import { OpenApiModule } from './api/openapi/openapi.module';
import { GraphqlThrottleMiddleware } from './api/throttle/graphql-throttle.middleware';
import { ThrottleModule } from './api/throttle/throttle.module';
import { AppConfig } from './config/config';
import { JobsModule } from './jobs/jobs.module';
import { CacheModule } from './kernel/cache/cache.module';
import { AuthMiddleware } from './kernel/auth/auth.middleware';
import { Extensions, KernelModule } from './kernel/kernel.module';
import { HealthModule } from './observability/health.module';
import { LoggingModule } from './observability/logging.module';
import { MetricsModule } from './observability/metrics.module';
import { SetupService } from './setup/setup.service';

@Module({})
export class AppModule implements NestModule {
  static register(config: AppConfig, extensions: Extensions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KernelModule.register(config, extensions),
        CacheModule,
        LoggingModule,
        MetricsModule,
        HealthModule,
        JobsModule,
        ApiModule,
        GraphqlApiModule,
        OpenApiModule,
        ThrottleModule,
      ],
      providers: [SetupService],
      exports: [SetupService],
    };
  }

  /** One ordered chain: resolve the caller, then rate-limit /graphql on that caller's budget. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthMiddleware).forRoutes('*path');
    consumer.apply(GraphqlThrottleMiddleware).forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.ALL });
  }
}
