import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { flt } from '../../../kernel/money/rounding';
import { ORDER_SQL } from '../ledger-position';
import { STOCK_PLACES } from '../valuation/numbers';
import { pageOf, ReportOptions, ReportPage, scopeConditions, StockReportFilters, whereSql } from './filters';

/** One row of the Stock Ledger report: one non-cancelled entry (ERPNext's stock_ledger columns). */
export interface StockLedgerRow {
  name: string;
  posting_date: string;
  posting_time: string;
  posting_datetime: string;
  item_code: string;
  item_name: string | null;
  item_group: string | null;
  stock_uom: string | null;
  warehouse: string;
  company: string | null;
  voucher_type: string;
  voucher_no: string;
  voucher_detail_no: string | null;
  actual_qty: Money;
  /** max(actual_qty, 0) */
  in_qty: Money;
  /** min(actual_qty, 0): negative, as ERPNext shows it */
  out_qty: Money;
  qty_after_transaction: Money;
  incoming_rate: Money;
  outgoing_rate: Money;
  valuation_rate: Money;
  /** stock_value_difference / actual_qty; a reconciliation that moved nothing shows its valuation rate */
  in_out_rate: Money;
  stock_value: Money;
  stock_value_difference: Money;
}

const DECIMALS = ['actual_qty', 'qty_after_transaction', 'incoming_rate', 'outgoing_rate', 'valuation_rate', 'stock_value', 'stock_value_difference'] as const;
const TEXTS = ['name', 'posting_date', 'posting_time', 'posting_datetime', 'item_code', 'warehouse', 'voucher_type', 'voucher_no'] as const;
const OPTIONAL_TEXTS = ['item_name', 'item_group', 'stock_uom', 'company', 'voucher_detail_no'] as const;

function ledgerRow(r: Record<string, unknown>): StockLedgerRow {
  const out = {} as StockLedgerRow;
  for (const k of TEXTS) out[k] = String(r[k]);
  for (const k of OPTIONAL_TEXTS) out[k] = (r[k] as string | null | undefined) ?? null;
  for (const k of DECIMALS) out[k] = new Money((r[k] as string | number | null) ?? 0);
  const zero = new Money(0);
  out.in_qty = Money.max(out.actual_qty, zero);
  out.out_qty = Money.min(out.actual_qty, zero);
  out.in_out_rate = !out.actual_qty.isZero()
    ? flt(out.stock_value_difference.div(out.actual_qty), STOCK_PLACES)
    : out.voucher_type === 'Stock Reconciliation'
      ? out.valuation_rate
      : zero;
  return out;
}

/**
 * The Stock Ledger report: the non-cancelled entries matching the filters, in posting order
 * (posting_datetime, creation, name), dates inclusive.
 */
export async function stockLedgerReport(ctx: Ctx, f: StockReportFilters, opts: ReportOptions): Promise<ReportPage<StockLedgerRow>> {
  const scope = await scopeConditions(ctx, f, { company: 't.company' });
  const where = ['t.is_cancelled = 0', ...scope.sql];
  const params = [...scope.params];
  if (f.from_date) {
    where.push('t.posting_date >= ?');
    params.push(f.from_date);
  }
  if (f.to_date) {
    where.push('t.posting_date <= ?');
    params.push(f.to_date);
  }
  const from = `FROM \`tabStock Ledger Entry\` t JOIN \`tabItem\` i ON i.name = t.item_code${whereSql(where)}`;
  const { start, length } = pageOf(f, opts);
  const order = ORDER_SQL.split(', ')
    .map((c) => `t.${c}`)
    .join(', ');
  const rows = await ctx.db.query(
    `SELECT t.name, t.posting_date, t.posting_time, t.posting_datetime, t.item_code, i.item_name, i.item_group, t.stock_uom, t.warehouse, t.company, ` +
      `t.voucher_type, t.voucher_no, t.voucher_detail_no, ${DECIMALS.map((k) => `t.${k}`).join(', ')} ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, length, start],
  );
  const [count] = await ctx.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${from}`, params);
  return { rows: rows.map(ledgerRow), total: Number(count.n) };
}
