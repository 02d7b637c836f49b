import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsMiddleware } from './metrics.middleware';

/**
 * GET /metrics (Prometheus). Global so that Nest mounts its middleware ahead of the auth
 * middleware, which answers failed logins itself: those requests are counted too.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [HttpMetrics, MetricsMiddleware],
  exports: [HttpMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
