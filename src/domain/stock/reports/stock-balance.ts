import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { decimalSql } from './decimal-sql';
import { pageOf, ReportOptions, ReportPage, scopeConditions, StockReportFilters, whereSql } from './filters';

/** One row of Stock Balance: an item in a warehouse over the period (ERPNext's stock_balance columns). */
export interface StockBalanceRow {
  item_code: string;
  item_name: string | null;
  item_group: string | null;
  stock_uom: string | null;
  warehouse: string;
  company: string | null;
  /** before from_date */
  opening_qty: Money;
  opening_val: Money;
  /** from_date to to_date: entries that add (or keep) quantity, and their value */
  in_qty: Money;
  in_val: Money;
  /** from_date to to_date: what entries take out, as positive numbers */
  out_qty: Money;
  out_val: Money;
  /** at to_date */
  bal_qty: Money;
  bal_val: Money;
  /** the valuation rate of the last entry up to to_date */
  val_rate: Money;
}

export interface StockBalanceFilters extends StockReportFilters {
  /** keep rows whose balance qty and value are both 0 (ERPNext's include_zero_stock_items) */
  include_zero_stock_items?: boolean;
}

const SLE = '`tabStock Ledger Entry`';
const DECIMALS = ['opening_qty', 'opening_val', 'in_qty', 'in_val', 'out_qty', 'out_val', 'bal_qty', 'bal_val', 'val_rate'] as const;

/**
 * Stock Balance from the non-cancelled ledger, per (item, warehouse), ordered by item then
 * warehouse. As ERPNext's report: an entry before from_date counts in the opening, one in the
 * period counts as in or out by the sign of its quantity change (and, separately, of its value
 * change); a Stock Reconciliation's actual_qty is its quantity change, so it sorts the same way.
 * Rows with no balance quantity and no balance value are left out unless asked for.
 */
export async function stockBalance(ctx: Ctx, f: StockBalanceFilters, opts: ReportOptions): Promise<ReportPage<StockBalanceRow>> {
  const d = decimalSql(opts.engine);
  const scope = await scopeConditions(ctx, f, { company: 't.company' });
  const where = ['t.is_cancelled = 0', ...scope.sql];
  const whereParams = [...scope.params];
  if (f.to_date) {
    where.push('t.posting_date <= ?');
    whereParams.push(f.to_date);
  }
  const selectParams: unknown[] = [];
  /** the sum of `value` over the entries matching `when` (its `?` take `params`) */
  const sumWhen = (when: string, value: string, params: unknown[] = []) => {
    selectParams.push(...params);
    return d.sum(`CASE WHEN ${when} THEN ${value} ELSE 0 END`);
  };
  const opening = f.from_date ? 't.posting_date < ?' : '1 = 0';
  const inPeriod = f.from_date ? 't.posting_date >= ?' : '1 = 1';
  const from = f.from_date ? [f.from_date] : [];
  const columns = [
    `${sumWhen(opening, 't.actual_qty', from)} AS opening_qty`,
    `${sumWhen(opening, 't.stock_value_difference', from)} AS opening_val`,
    `${sumWhen(`${inPeriod} AND ${d.vsZero('t.actual_qty', '>=')}`, 't.actual_qty', from)} AS in_qty`,
    `${sumWhen(`${inPeriod} AND ${d.vsZero('t.actual_qty', '<')}`, 't.actual_qty', from)} AS out_qty`,
    `${sumWhen(`${inPeriod} AND ${d.vsZero('t.stock_value_difference', '>=')}`, 't.stock_value_difference', from)} AS in_val`,
    `${sumWhen(`${inPeriod} AND ${d.vsZero('t.stock_value_difference', '<')}`, 't.stock_value_difference', from)} AS out_val`,
    `${d.sum('t.actual_qty')} AS bal_qty`,
    `${d.sum('t.stock_value_difference')} AS bal_val`,
  ];
  const lastRate =
    `(SELECT s.valuation_rate FROM ${SLE} s WHERE s.item_code = t.item_code AND s.warehouse = t.warehouse AND s.is_cancelled = 0` +
    `${f.to_date ? ' AND s.posting_date <= ?' : ''} ORDER BY s.posting_datetime DESC, s.creation DESC, s.name DESC LIMIT 1)`;
  const rateParams = f.to_date ? [f.to_date] : [];
  const having = f.include_zero_stock_items ? '' : ` HAVING NOT (${d.vsZero(d.sum('t.actual_qty'), '=')} AND ${d.vsZero(d.sum('t.stock_value_difference'), '=')})`;
  const grouped = `FROM ${SLE} t JOIN \`tabItem\` i ON i.name = t.item_code${whereSql(where)} GROUP BY t.item_code, t.warehouse${having}`;
  const { start, length } = pageOf(f, opts);
  const rows = await ctx.db.query(
    `SELECT t.item_code, t.warehouse, MAX(i.item_name) AS item_name, MAX(i.item_group) AS item_group, MAX(i.stock_uom) AS stock_uom, MAX(t.company) AS company, ` +
      `${columns.join(', ')}, ${lastRate} AS val_rate ${grouped} ORDER BY t.item_code, t.warehouse LIMIT ? OFFSET ?`,
    [...selectParams, ...rateParams, ...whereParams, length, start],
  );
  const [count] = await ctx.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (SELECT t.item_code ${grouped}) x`, whereParams);
  return {
    rows: rows.map((r) => {
      const out = {
        item_code: String(r.item_code),
        item_name: r.item_name ?? null,
        item_group: r.item_group ?? null,
        stock_uom: r.stock_uom ?? null,
        warehouse: String(r.warehouse),
        company: r.company ?? null,
      } as StockBalanceRow;
      for (const k of DECIMALS) out[k] = new Money(r[k] ?? 0);
      out.out_qty = out.out_qty.abs();
      out.out_val = out.out_val.abs();
      return out;
    }),
    total: Number(count.n),
  };
}
