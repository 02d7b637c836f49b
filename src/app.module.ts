import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { GraphqlApiModule } from './api/graphql/graphql.module';
import { OpenApiModule } from './api/openapi/openapi.module';
import { ThrottleModule } from './api/throttle/throttle.module';
import { AppConfig } from './config/config';
import { DoctypesModule } from './doctypes/doctypes.module';
import { buildRegistry } from './doctypes';
import { CustomerPortalScope } from './doctypes/selling/customer/customer-portal-scope';
import { JobsModule } from './jobs/jobs.module';
import { CacheModule } from './kernel/cache/cache.module';
import { Extensions, KernelModule } from './kernel/kernel.module';
import { HealthModule } from './observability/health.module';
import { LoggingModule } from './observability/logging.module';
import { MetricsModule } from './observability/metrics.module';
import type { DestinationStream } from 'pino';
import { SetupService } from './setup/setup.service';

@Module({})
export class AppModule {
  static register(config: AppConfig, extensions: Extensions = {}, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KernelModule.register(config, { registry: buildRegistry(extensions.doctypes), websiteUserScope: CustomerPortalScope }),
        DoctypesModule,
        CacheModule,
        LoggingModule.register(logDestination),
        MetricsModule,
        HealthModule,
        JobsModule,
        ApiModule,
        GraphqlApiModule,
        OpenApiModule,
        ThrottleModule,
      ],
      // Extension controllers live here, beside the services they are given.
      providers: [SetupService, ...(extensions.controllers ?? []), ...(extensions.providers ?? [])],
      exports: [SetupService],
    };
  }
}
