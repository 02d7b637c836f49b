import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventHandlers } from '../../jobs/event-handlers';
import { JobInfo, JobQueue } from '../../jobs/job-queue';
import { Ctx, SYSTEM } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { PENDING, REPOST, REPOST_JOB, RepostTarget } from './repost-queue';
import { RepostCursor, StockLedger } from './stock-ledger';

/** Entries revalued per transaction by default: each batch holds the Bin's lock this long. */
export const REPOST_BATCH_SIZE = 500;

/**
 * The background repost: one coalesced job per (item, warehouse) (deduplicated on the queue),
 * started by each 'stock.repost_queued' event. It revalues the ledger from its Repost Item
 * Valuation row's from-point in batches of `batchSize` entries, one transaction each with the
 * Bin locked first (so it serialises with new postings, which lock it too), recording after each
 * batch the last entry revalued (current_sle) so that a crash or a retry resumes there. The batch
 * reaching the end of the ledger sets the Bin's value from its last entry and the row Completed
 * in the same transaction; a from-point queued meanwhile moved the row back, and the next batch
 * starts there. A job finding its row Completed does nothing (delivery is at least once).
 */
@Injectable()
export class RepostJob implements OnModuleInit {
  /** Entries revalued per transaction. */
  batchSize = REPOST_BATCH_SIZE;

  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedger,
    private readonly jobs: JobQueue,
    private readonly handlers: EventHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.on('stock.repost_queued', (e) =>
      this.jobs.add<RepostTarget>(REPOST_JOB, { item_code: e.payload.item_code, warehouse: e.payload.warehouse }, { dedupKey: `repost|${e.payload.item_code}|${e.payload.warehouse}` }),
    );
    this.jobs.process<RepostTarget>(REPOST_JOB, (target, job) => this.run(target, job));
  }

  /** Revalues the (item, warehouse) to the end of its ledger, batch after batch; the last try that fails marks the row Failed. */
  async run(target: RepostTarget, job?: JobInfo): Promise<void> {
    try {
      while (!(await this.runBatch(target)));
    } catch (err) {
      if (!job || job.attempt >= job.attempts) await this.fail(target, err);
      throw err;
    }
  }

  /** One batch, in a transaction of its own: true once the row is Completed (nothing left to revalue). */
  async runBatch(target: RepostTarget): Promise<boolean> {
    return this.db.runAsSystem(SYSTEM, async (sys) => {
      const bins = await sys.lockKeys('Bin', [{ item_code: target.item_code, warehouse: target.warehouse }]);
      const row = await this.pendingRow(sys, target);
      if (!row) return true;
      const cursor: RepostCursor = row.current_sle ? { afterEntry: String(row.current_sle) } : { fromDatetime: String(row.posting_datetime) };
      const { revalued, last } = await this.ledger.revalueBatch(sys, target.item_code, target.warehouse, cursor, this.batchSize);
      const done = revalued < this.batchSize;
      if (done) await this.ledger.syncBins(sys, bins);
      await sys.updateWhere(
        REPOST,
        { status: done ? 'Completed' : 'In Progress', current_sle: done ? null : last, entries_reposted: { add: revalued } },
        { name: row.name },
      );
      return done;
    });
  }

  /** The (item, warehouse)'s repost row, locked, when it still has work (Queued, In Progress or Failed). */
  private async pendingRow(sys: Ctx, target: RepostTarget): Promise<Record<string, unknown> | undefined> {
    const [row] = await sys.db.query(`SELECT * FROM \`tabRepost Item Valuation\` WHERE item_code = ? AND warehouse = ?${this.db.forUpdate}`, [target.item_code, target.warehouse]);
    return row && PENDING.includes(String(row.status)) && row.posting_datetime ? row : undefined;
  }

  private async fail(target: RepostTarget, err: unknown): Promise<void> {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    await this.db.runAsSystem(SYSTEM, (sys) => sys.updateWhere(REPOST, { status: 'Failed', error_log: message }, { item_code: target.item_code, warehouse: target.warehouse }));
  }
}
