import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LoginLimits } from '../auth/login-limits';
import { Ctx } from './context';
import { Database } from './database';
import { IdempotencyService } from './idempotency';

const EVERY_MS = 60 * 60_000;

/**
 * Hourly clean-up of the kernel's own tables: Idempotency-Key records past their 24 h,
 * expired login sessions, and failed-login streaks a day old. Each process runs it; the deletes are idempotent.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly log = new Logger('Housekeeping');

  constructor(
    private readonly db: Database,
    private readonly idempotency: IdempotencyService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run().catch((err: Error) => this.log.warn(`housekeeping failed: ${err.message}`)), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many rows each clean-up removed. */
  async run(): Promise<{ idempotencyKeys: number; sessions: number; loginAttempts: number }> {
    const idempotencyKeys = await this.idempotency.purge();
    const sessions = await this.db.autonomous((db) => db.write('__Sessions', 'DELETE FROM `__Sessions` WHERE expires < ?', [Ctx.now()]));
    const loginAttempts = await LoginLimits.purge(this.db);
    return { idempotencyKeys, sessions: sessions.affectedRows, loginAttempts };
  }
}
