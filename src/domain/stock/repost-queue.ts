import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';

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

/**
 * Before later entries are left to the background repost (perpetual inventory on): refused, with
 * the period named, when a closed Accounting Period of the company holds a later entry of the
 * (item, warehouse) of a voucher type it closes. The repost would have to adjust that voucher's
 * stock GL inside the period; unlike the inline repost, which refuses only an adjustment it
 * actually has to post, this one-query check cannot know the new values yet, so it refuses
 * whenever such an entry exists. (accounts_frozen_till_date needs no check here: a later entry on
 * or before it means the backdated voucher is too, and the general ledger refuses that one.)
 */
export async function refuseClosedPeriodAhead(sys: Ctx, company: string, item: string, warehouse: string, fromDatetime: string): Promise<void> {
  const [co] = await sys.db.query('SELECT enable_perpetual_inventory FROM `tabCompany` WHERE name = ?', [company]);
  if (Number(co?.enable_perpetual_inventory ?? 0) !== 1) return;
  const [closed] = await sys.db.query(
    'SELECT ap.name, cd.document_type, s.voucher_no FROM `tabAccounting Period` ap ' +
      'JOIN `tabClosed Document` cd ON cd.parent = ap.name AND cd.parenttype = ? AND cd.closed = 1 ' +
      'JOIN `tabStock Ledger Entry` s ON s.voucher_type = cd.document_type AND s.posting_date >= ap.start_date AND s.posting_date <= ap.end_date ' +
      'WHERE ap.company = ? AND s.item_code = ? AND s.warehouse = ? AND s.is_cancelled = 0 AND s.posting_datetime >= ? ORDER BY s.posting_datetime LIMIT 1',
    ['Accounting Period', company, item, warehouse, fromDatetime],
  );
  if (closed) {
    throw new ValidationError(
      `This backdated entry revalues ${closed.document_type} ${closed.voucher_no}, in the closed Accounting Period ${closed.name}: its stock GL cannot be adjusted there`,
    );
  }
}
