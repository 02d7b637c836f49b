import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { today } from '../../../kernel/time/clock';
import { pageOf, ReportOptions, ReportPage, scopeConditions, StockReportFilters, whereSql } from './filters';

/** One row of Stock Projected Qty: one Bin (ERPNext's stock_projected_qty columns that Docket keeps). */
export interface StockProjectedQtyRow {
  item_code: string;
  item_name: string | null;
  description: string | null;
  item_group: string | null;
  warehouse: string;
  company: string | null;
  stock_uom: string | null;
  actual_qty: Money;
  planned_qty: Money;
  /** Requested Qty */
  indented_qty: Money;
  ordered_qty: Money;
  reserved_qty: Money;
  projected_qty: Money;
}

const QUANTITIES = ['actual_qty', 'planned_qty', 'indented_qty', 'ordered_qty', 'reserved_qty', 'projected_qty'] as const;

/**
 * Stock Projected Qty: the Bins of enabled stock items that have not reached their end of life
 * (ERPNext's report), by item then warehouse. Dates do not apply: a Bin is the balance now.
 */
export async function stockProjectedQty(ctx: Ctx, f: StockReportFilters, opts: ReportOptions): Promise<ReportPage<StockProjectedQtyRow>> {
  const scope = await scopeConditions(ctx, f);
  const where = ['i.is_stock_item = 1', 'i.disabled = 0', '(i.end_of_life IS NULL OR i.end_of_life > ?)', ...scope.sql];
  const params = [today(), ...scope.params];
  const from = `FROM \`tabBin\` t JOIN \`tabItem\` i ON i.name = t.item_code LEFT JOIN \`tabWarehouse\` w ON w.name = t.warehouse${whereSql(where)}`;
  const { start, length } = pageOf(f, opts);
  const rows = await ctx.db.query(
    `SELECT t.item_code, i.item_name, i.description, i.item_group, t.warehouse, w.company, i.stock_uom, ${QUANTITIES.map((k) => `t.${k}`).join(', ')} ` +
      `${from} ORDER BY t.item_code, t.warehouse LIMIT ? OFFSET ?`,
    [...params, length, start],
  );
  const [count] = await ctx.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${from}`, params);
  return {
    rows: rows.map((r) => {
      const out = {
        item_code: String(r.item_code),
        item_name: r.item_name ?? null,
        description: r.description ?? null,
        item_group: r.item_group ?? null,
        warehouse: String(r.warehouse),
        company: r.company ?? null,
        stock_uom: r.stock_uom ?? null,
      } as StockProjectedQtyRow;
      for (const k of QUANTITIES) out[k] = new Money(r[k] ?? 0);
      return out;
    }),
    total: Number(count.n),
  };
}
