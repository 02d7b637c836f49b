import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';
import { Ctx, Queryable, WriteResult } from '../db/context';
import { Database } from '../db/database';
import { ProcessIdentity } from '../db/process-identity';
import type { DeliveredEvent } from '../events/types';
import { timestampAgo } from './timestamps';

/** Rows claimed per statement. */
const BATCH = 100;
/** How often every process looks for rows left behind (by a relay that failed, or a process that died). */
const SWEEP_MS = 30_000;
/** A row handed over this long ago and still not settled is handed over again (its job was lost, e.g. Redis restarted empty). */
const STALE_MS = 15 * 60_000;
/** Settled rows are kept this long (then purged by the housekeeping). */
const KEEP_MS = 7 * 24 * 3600_000;

/** Where the relay hands events (the job queue: see JobsModule). */
export interface EventSink {
  /** false while nothing can be handed over (Redis down); the sink calls `wake()` once it can */
  ready(): boolean;
  /**
   * Hands one event over; resolves once it is stored where it survives this process (or will
   * be settled by `settle` when its handlers ran). A rejection puts it, and the rest of its
   * batch, back to pending.
   */
  deliver(event: DeliveredEvent): Promise<void>;
}

interface OutboxRow {
  id: number | string;
  event: string;
  payload: string;
  created: string;
}

/**
 * Moves committed events from `__Outbox` to the sink: woken after each commit that wrote
 * events (off the reply), at start, when the sink is ready again, and every SWEEP_MS.
 *
 * A row goes pending → queued (claimed by one relay: a conditional UPDATE on status =
 * 'pending', so two relays never hand one row over twice) → done or failed, set by `settle`
 * once its handlers ran or gave up. A queued row whose process died (ProcessIdentity), or
 * that has waited STALE_MS, goes back to pending: the sink dedupes on the event id, so a
 * job still queued is not added twice. Delivery is therefore at least once, and exactly once
 * unless a process dies between a handler's end and its settle.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private sink?: EventSink;
  private readonly identity: ProcessIdentity;
  private running?: Promise<void>;
  private again = false;
  private closed = false;
  private timer?: NodeJS.Timeout;
  /** ids delivered and not settled yet: `nextSettle` writes them in one UPDATE, after `lastSettle` */
  private readonly delivered = new Set<string>();
  private nextSettle?: Promise<void>;
  private lastSettle: Promise<void> = Promise.resolve();
  private readonly log = new Logger('Outbox');

  constructor(
    private readonly db: Database,
    config: AppConfig,
  ) {
    this.identity = new ProcessIdentity(config);
  }

  /** The one sink (set before any event can be relayed). */
  attach(sink: EventSink): void {
    if (this.sink) throw new Error('the outbox already has a sink');
    this.sink = sink;
  }

  /** Sweeps at start, if the database is connected by then (the API); else whoever connects it sweeps (the worker). */
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
    if (this.db.dataSource.isInitialized) void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.identity.stop();
  }

  /** Starts a relay pass soon (never in the caller's turn); one pass runs at a time, and runs again if woken meanwhile. */
  wake(): void {
    if (this.closed || !this.sink) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passes().finally(() => (this.running = undefined));
  }

  /** Resolves once no relay pass runs. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Puts back to pending the rows whose relay's process died or that waited too long, then relays. */
  async sweep(): Promise<void> {
    try {
      await this.identity.ensure();
      const requeued = await this.db.autonomous(async (db) => {
        let n = 0;
        for (const { owner } of await db.query<{ owner: string | null }>("SELECT DISTINCT owner FROM `__Outbox` WHERE status = 'queued'")) {
          if (!owner || (await this.identity.isAlive(db, owner))) continue;
          n += (await requeue(db, 'owner = ?', [owner])).affectedRows;
        }
        return n + (await requeue(db, 'queued_at < ?', [timestampAgo(STALE_MS)])).affectedRows;
      });
      if (requeued) this.log.warn(`${requeued} events handed over by a process that stopped, or long ago, are relayed again`);
    } catch (err) {
      this.log.error(`sweep failed: ${(err as Error).message}`);
    }
    this.wake();
  }

  /**
   * Marks an event delivered (`error` undefined) or given up, once its job has run. Deliveries
   * settled in the same turn share one UPDATE (a process dying before it relays them again, as
   * it would between a handler's end and a settle of its own).
   */
  async settle(id: string, error?: string): Promise<void> {
    if (error !== undefined) {
      await this.db.autonomous((db) =>
        db.write('__Outbox', "UPDATE `__Outbox` SET status = 'failed', error = ?, claim = NULL WHERE id = ? AND status IN ('pending', 'queued')", [error.slice(0, 2000), id]),
      );
      return;
    }
    this.delivered.add(id);
    if (!this.nextSettle) {
      // One UPDATE at a time: what is delivered while it runs waits for the next one.
      this.nextSettle = this.lastSettle
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => {
          this.nextSettle = undefined;
          return this.settleDelivered();
        });
      this.lastSettle = this.nextSettle.catch(() => undefined);
    }
    await this.nextSettle;
  }

  private async settleDelivered(): Promise<void> {
    const ids = [...this.delivered];
    this.delivered.clear();
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      await this.db.autonomous((db) =>
        db.write('__Outbox', `UPDATE \`__Outbox\` SET status = 'done', error = NULL, claim = NULL WHERE status IN ('pending', 'queued') AND id IN (${marks(chunk)})`, chunk),
      );
    }
  }

  /** Drops settled rows past KEEP_MS (the housekeeping's hourly run). */
  async purge(): Promise<number> {
    const r = await this.db.autonomous((db) =>
      db.write('__Outbox', "DELETE FROM `__Outbox` WHERE status IN ('done', 'failed') AND created < ?", [timestampAgo(KEEP_MS)]),
    );
    return r.affectedRows;
  }

  private async passes(): Promise<void> {
    // After the committing request's turn, so the reply goes first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (err) {
        this.log.error(`relay failed (the rows stay pending): ${(err as Error).message}`);
      }
    } while (this.again && !this.closed);
  }

  private async pass(): Promise<void> {
    const sink = this.sink as EventSink;
    await this.identity.ensure();
    for (;;) {
      if (this.closed || !sink.ready()) return;
      const { claim, events, more } = await this.claim();
      for (const [i, event] of events.entries()) {
        try {
          await sink.deliver(event);
        } catch (err) {
          this.log.warn(`${events.length - i} events wait in the outbox: ${(err as Error).message}`);
          await this.unclaim(claim, events.slice(i));
          return;
        }
      }
      if (!more) return;
    }
  }

  /**
   * Takes up to BATCH pending rows for this relay: only the rows its conditional UPDATE changed
   * are its own (another relay may have taken the rest). `more`: there may be further rows.
   */
  private claim(): Promise<{ claim: string; events: DeliveredEvent[]; more: boolean }> {
    const claim = randomUUID();
    return this.db.autonomous(async (db) => {
      const rows = await db.query<OutboxRow>(`SELECT id, event, payload, created FROM \`__Outbox\` WHERE status = 'pending' ORDER BY id LIMIT ${BATCH}`);
      if (!rows.length) return { claim, events: [], more: false };
      const ids = rows.map((r) => String(r.id));
      const claimed = await db.write('__Outbox', 
        `UPDATE \`__Outbox\` SET status = 'queued', owner = ?, claim = ?, queued_at = ? WHERE status = 'pending' AND id IN (${marks(ids)})`,
        [this.identity.id, claim, Ctx.now(), ...ids],
      );
      let mine = rows;
      if (claimed.affectedRows < rows.length) {
        const won = new Set((await db.query<{ id: number | string }>('SELECT id FROM `__Outbox` WHERE claim = ?', [claim])).map((r) => String(r.id)));
        mine = rows.filter((r) => won.has(String(r.id)));
      }
      const events = mine.map((r) => ({ id: String(r.id), name: r.event, payload: JSON.parse(r.payload), emitted: String(r.created) }) as DeliveredEvent);
      return { claim, events, more: rows.length === BATCH };
    });
  }

  private async unclaim(claim: string, events: DeliveredEvent[]): Promise<void> {
    const ids = events.map((e) => e.id);
    await this.db.autonomous((db) => requeue(db, `claim = ? AND id IN (${marks(ids)})`, [claim, ...ids]));
  }
}

function marks(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}

function requeue(db: Queryable, where: string, params: unknown[]): Promise<WriteResult> {
  return db.write('__Outbox', `UPDATE \`__Outbox\` SET status = 'pending', owner = NULL, claim = NULL, queued_at = NULL WHERE status = 'queued' AND ${where}`, params);
}
