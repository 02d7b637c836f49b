import { Injectable } from '@nestjs/common';
import { Ctx } from '../db/context';
import { CommitHook, Database } from '../db/database';
import { OutboxRelay } from './outbox-relay';

/** Rows per INSERT statement (each takes 3 placeholders; both engines allow far more). */
const ROWS_PER_INSERT = 500;

/**
 * The write side of the transactional outbox: the events a transaction emitted (`ctx.emit`)
 * become `__Outbox` rows in that same transaction, just before it commits, so they exist
 * exactly when the change does. Once committed, the relay is woken (it runs off the reply).
 * A transaction that emitted nothing writes nothing here and wakes nobody.
 */
@Injectable()
export class Outbox implements CommitHook {
  constructor(
    db: Database,
    private readonly relay: OutboxRelay,
  ) {
    db.onCommit(this);
  }

  async beforeCommit(ctx: Ctx): Promise<void> {
    const events = ctx.pendingEvents;
    const created = Ctx.now();
    for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
      const chunk = events.slice(i, i + ROWS_PER_INSERT);
      await ctx.db.write(
        '__Outbox',
        `INSERT INTO \`__Outbox\` (event, payload, status, created) VALUES ${chunk.map(() => "(?, ?, 'pending', ?)").join(', ')}`,
        chunk.flatMap((e) => [e.name, JSON.stringify(e.payload ?? null), created]),
      );
    }
  }

  afterCommit(ctx: Ctx): void {
    if (ctx.pendingEvents.length) this.relay.wake();
  }
}
