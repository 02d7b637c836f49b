import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LoginLimits } from '../auth/login-limits';
import { Inbox } from '../effects/inbox';
import { OutboxRelay } from '../effects/outbox-relay';
import { Ctx } from './context';
import { Database } from './database';
import { IdempotencyService } from './idempotency';

const EVERY_MS = 60 * 60_000;

/**
 * Hourly clean-up of the kernel's own tables: Idempotency-Key records past their 24 h,
 * expired login sessions, failed-login streaks a day old, settled outbox rows a week old and
 * inbox rows past 30 days. Each process runs it; the deletes are idempotent.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly log = new Logger('Housekeeping');

  constructor(
    private readonly db: Database,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxRelay,
    private readonly inbox: Inbox,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run().catch((err: Error) => this.log.warn(`housekeeping failed: ${err.message}`)), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many rows each clean-up removed. */
  async run(): Promise<{ idempotencyKeys: number; sessions: number; loginAttempts: number; outboxRows: number; inboxRows: number }> {
    const idempotencyKeys = await this.idempotency.purge();
    const sessions = await this.db.autonomous((db) => db.write('__Sessions', 'DELETE FROM `__Sessions` WHERE expires < ?', [Ctx.now()]));
    const loginAttempts = await LoginLimits.purge(this.db);
    const outboxRows = await this.outbox.purge();
    const inboxRows = await this.inbox.purge();
    return { idempotencyKeys, sessions: sessions.affectedRows, loginAttempts, outboxRows, inboxRows };
  }
}
