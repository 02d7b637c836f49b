/**
 * Where an entry sits in its (item, warehouse) ledger: ERPNext's posting order, posting_datetime
 * then creation, with the name breaking ties so every replay sees one order.
 */
export interface LedgerPosition {
  posting_datetime: string;
  creation: string;
  name: string;
}

export function comparePositions(a: LedgerPosition, b: LedgerPosition): number {
  for (const k of ['posting_datetime', 'creation', 'name'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

/** SQL for "after `p`" in posting order (three parameters, in `afterParams` order). */
export const AFTER_SQL =
  '(posting_datetime > ? OR (posting_datetime = ? AND (creation > ? OR (creation = ? AND name > ?))))';
export const afterParams = (p: LedgerPosition): string[] => [p.posting_datetime, p.posting_datetime, p.creation, p.creation, p.name];
/** The same, "before or at `p`". */
export const NOT_AFTER_SQL = `NOT ${AFTER_SQL}`;
export const ORDER_SQL = 'posting_datetime, creation, name';
export const ORDER_DESC_SQL = 'posting_datetime DESC, creation DESC, name DESC';
