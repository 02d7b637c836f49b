import { Injectable } from '@nestjs/common';
import { Ctx } from '../db/context';
import { Database } from '../db/database';
import { DataError } from '../errors/errors';
import { timestampAgo } from './timestamps';

/** Kept well past the longest redelivery window of the usual senders (Stripe retries for 3 days). */
const KEEP_MS = 30 * 24 * 3600_000;
const MAX_SOURCE = 140;
const MAX_EVENT_ID = 255;

export type InboxResult<T> = { duplicate: false; result: T } | { duplicate: true };

/**
 * Exactly-once processing of external events (webhooks), whose senders deliver at least once:
 * `__Inbox` holds one row per (source, event id), inserted in the transaction of the event's
 * effect. The effect and its row commit together: a repeat finds the row and runs nothing,
 * and an effect that rolled back leaves no row, so the sender's retry runs it again. A repeat
 * that arrives while the first is still in its transaction waits for it on MariaDB (the row's
 * key lock) and SQLite (serial transactions), then sees the outcome.
 */
@Injectable()
export class Inbox {
  constructor(private readonly db: Database) {}

  /** Runs `effect` in `ctx`'s transaction unless (source, eventId) was already processed. */
  async once<T>(ctx: Ctx, source: string, eventId: string, effect: () => Promise<T>): Promise<InboxResult<T>> {
    if (!ctx.inTransaction) throw new Error('the inbox records an event in the transaction of its effect');
    if (!source || source.length > MAX_SOURCE) throw new DataError(`event source must be 1-${MAX_SOURCE} characters`);
    if (!eventId || eventId.length > MAX_EVENT_ID) throw new DataError(`event id must be 1-${MAX_EVENT_ID} characters`);
    const insert = this.db.engine === 'mariadb' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
    const { affectedRows } = await ctx.db.write('__Inbox', `${insert} \`__Inbox\` (source, event_id, received) VALUES (?, ?, ?)`, [source, eventId, Ctx.now()]);
    if (!affectedRows) return { duplicate: true };
    return { duplicate: false, result: await effect() };
  }

  /** Forgets events received more than KEEP_MS ago (the housekeeping's hourly run). */
  async purge(): Promise<number> {
    const r = await this.db.autonomous((db) => db.write('__Inbox', 'DELETE FROM `__Inbox` WHERE received < ?', [timestampAgo(KEEP_MS)]));
    return r.affectedRows;
  }
}
