import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { HttpReply } from '../kernel/auth/request';
import { RedisConnection, redisReady } from '../kernel/cache/redis-connection';
import { Database } from '../kernel/db/database';

const CHECK_TIMEOUT_MS = 3_000;

/** Liveness and readiness probes (Kubernetes, docker-compose healthchecks, load balancers). */
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: Database,
    private readonly redis: RedisConnection,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  /** The database answers `SELECT 1`, and Redis answers PING when configured; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: HttpReply): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.indicators.check('database').attempt(() => this.db.ping()).withTimeout(CHECK_TIMEOUT_MS)];
    const client = this.redis.client;
    if (client) {
      checks.push(() =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            // Down is answered at once, not after the client's reconnection attempts.
            if (!redisReady(client)) throw new Error(`not connected (${client.status})`);
            await client.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      );
    }
    try {
      return await this.health.check(checks);
    } catch (err) {
      // Answer terminus' report itself: the global error filter would reshape it.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      res.status(503);
      return err.getResponse() as HealthCheckResult;
    }
  }
}
