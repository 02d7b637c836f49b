import { Ctx } from '../../kernel/db/context';

/** The coalesced repost row of each (item, warehouse) (src/doctypes/stock/repost-item-valuation). */
export const REPOST = 'Repost Item Valuation';
/** The background job revaluing one (item, warehouse) (src/domain/stock/repost-job.ts). */
export const REPOST_JOB = 'stock.repost';
/** The job's data: which ledger to revalue. */
export interface RepostTarget {
  item_code: string;
  warehouse: string;
}

declare module '../../kernel/events/types' {
  interface DocketEvents {
    /** later entries of an (item, warehouse) wait for the background repost (its row says from when) */
    'stock.repost_queued': RepostTarget;
  }
}

/** The statuses of a repost row whose ledger still waits for revaluing (a Failed one is retried by the next job). */
export const PENDING = ['Queued', 'In Progress', 'Failed'];

/**
 * Records that the (item, warehouse) must be revalued from `from` (a posting_datetime) on, in the
 * caller's transaction (the Bin already locked): its one Repost Item Valuation row is created or
 * locked, Queued, and its from-point moved back if `from` is earlier than what is pending, or
 * earlier than where a running job got to (which then starts that pass again from `from`).
 * Emits 'stock.repost_queued', delivered after commit; one job per (item, warehouse) follows.
 */
export async function queueRepost(sys: Ctx, item: string, warehouse: string, from: string): Promise<void> {
  const [row] = await sys.lockKeys(REPOST, [{ item_code: item, warehouse }]);
  const pending = PENDING.includes(String(row.status)) && row.posting_datetime;
  let next: Record<string, unknown> = { posting_datetime: from, current_sle: null, entries_reposted: 0 };
  if (pending && row.current_sle) {
    const [reached] = await sys.db.query(`SELECT posting_datetime FROM \`tabStock Ledger Entry\` WHERE name = ?`, [row.current_sle]);
    if (reached && from > String(reached.posting_datetime)) next = {};
    else next = { posting_datetime: from, current_sle: null };
  } else if (pending) {
    next = { posting_datetime: from < String(row.posting_datetime) ? from : row.posting_datetime };
  }
  await sys.updateWhere(REPOST, { status: 'Queued', error_log: null, ...next }, { name: row.name });
  sys.emit('stock.repost_queued', { item_code: item, warehouse });
}
