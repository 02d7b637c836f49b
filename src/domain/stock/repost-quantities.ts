import { Ctx } from '../../kernel/db/context';
import { Money } from '../../kernel/money/decimal';
import { afterParams, AFTER_SQL, LedgerPosition, NOT_AFTER_SQL, ORDER_SQL } from './ledger-position';

const SLE_TABLE = '`tabStock Ledger Entry`';
const SLE_TABLES = 'tabStock Ledger Entry';
/** ERPNext's rule: a Stock Reconciliation entry sets the quantity, so a change before it stops there. */
const RECONCILIATION = 'Stock Reconciliation';
const DECIMAL = 'CAST(? AS DECIMAL(21,9))';

/**
 * Quantities of later entries kept exact while their valuation waits for the background repost
 * (MariaDB only: its DECIMAL arithmetic is exact, SQLite's text decimals are not).
 *
 * `shiftLaterQuantities`: a move at `at` changed the quantity by `delta`, so every entry of the
 * (item, warehouse) after it, up to the next Stock Reconciliation, holds `delta` more, and that
 * reconciliation's own change (actual_qty) is `delta` smaller: two relative UPDATEs whatever the
 * number of entries. `negativeLaterBalance` then finds, in one aggregate, a balance after `from`
 * below zero (what the negative-stock rule refuses).
 * Both run with the Bin locked, so no other move of the (item, warehouse) interleaves.
 */
export async function shiftLaterQuantities(sys: Ctx, item: string, warehouse: string, at: LedgerPosition, delta: Money, forUpdate: string): Promise<void> {
  if (delta.isZero()) return;
  const [reset] = await sys.db.query<LedgerPosition>(
    `SELECT posting_datetime, creation, name FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND voucher_type = ? AND ${AFTER_SQL} ORDER BY ${ORDER_SQL} LIMIT 1${forUpdate}`,
    [item, warehouse, RECONCILIATION, ...afterParams(at)],
  );
  await sys.db.write(
    SLE_TABLES,
    `UPDATE ${SLE_TABLE} SET qty_after_transaction = qty_after_transaction + ${DECIMAL} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${AFTER_SQL}${
      reset ? ` AND ${NOT_AFTER_SQL} AND name <> ?` : ''
    }`,
    [delta.toFixed(), item, warehouse, ...afterParams(at), ...(reset ? [...afterParams(reset), reset.name] : [])],
  );
  if (reset) await sys.db.write(SLE_TABLES, `UPDATE ${SLE_TABLE} SET actual_qty = actual_qty - ${DECIMAL} WHERE name = ?`, [delta.toFixed(), reset.name]);
}

/** The entry where a later balance goes below zero, as the refusal names it. */
export interface LaterEntry {
  actual_qty: string;
  voucher_type: string;
  voucher_no: string;
  posting_date: string;
}

/**
 * The lowest balance after `from` when it is below zero (one aggregate), with the first entry
 * showing it; undefined when every later balance is zero or more.
 */
export async function negativeLaterBalance(sys: Ctx, item: string, warehouse: string, from: LedgerPosition): Promise<{ qty: Money; entry: LaterEntry } | undefined> {
  const where = `item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${AFTER_SQL}`;
  const params = [item, warehouse, ...afterParams(from)];
  const [row] = await sys.db.query(`SELECT MIN(qty_after_transaction) AS qty FROM ${SLE_TABLE} WHERE ${where}`, params);
  if (row?.qty === null || row?.qty === undefined || !new Money(row.qty).isNegative()) return undefined;
  const qty = new Money(row.qty);
  const [entry] = await sys.db.query<LaterEntry>(
    `SELECT actual_qty, voucher_type, voucher_no, posting_date FROM ${SLE_TABLE} WHERE ${where} AND qty_after_transaction = ${DECIMAL} ORDER BY ${ORDER_SQL} LIMIT 1`,
    [...params, qty.toFixed()],
  );
  return { qty, entry };
}

/** How many entries of the (item, warehouse) come after `at`, counted up to `limit + 1` at most. */
export async function countLaterEntries(sys: Ctx, item: string, warehouse: string, at: LedgerPosition, limit: number): Promise<number> {
  const [row] = await sys.db.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${AFTER_SQL} LIMIT ${Math.max(0, Math.trunc(limit)) + 1}) later`,
    [item, warehouse, ...afterParams(at)],
  );
  return Number(row?.n ?? 0);
}
