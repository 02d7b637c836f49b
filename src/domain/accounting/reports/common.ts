import { Ctx } from '../../../kernel/db/context';
import { DataError, LinkValidationError } from '../../../kernel/errors/errors';
import { Money } from '../../../kernel/money/decimal';
import { requireCompanyAccess, requireRead } from '../../stock/reports/access';
import { decimalSql } from '../../stock/reports/decimal-sql';
import { ReportOptions, reportFilters } from '../../stock/reports/filters';

export { decimalSql, requireRead };
export type { ReportOptions };
export { pageOf, whereSql } from '../../stock/reports/filters';
export type { ReportPage, SqlConditions } from '../../stock/reports/filters';

/** The filters the accounting reports take (ERPNext's report filters of the same names). */
export interface AccountingFilters {
  company?: string;
  from_date?: string;
  to_date?: string;
  account?: string;
  party_type?: string;
  party?: string;
  voucher_no?: string;
  cost_center?: string;
  limit_start?: number;
  limit_page_length?: number;
}

export const GLE = '`tabGL Entry`';

function name(n: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim() || v.length > 140) throw new DataError(`${n} must be a name`);
  return v;
}

/** The accounting filters of a method's arguments, validated like the stock reports' (dates, page bounds: the shared reportFilters). */
export function accountingFilters(args: Record<string, unknown>): AccountingFilters {
  const base = reportFilters({ company: args.company, from_date: args.from_date, to_date: args.to_date, limit_start: args.limit_start, limit_page_length: args.limit_page_length });
  return {
    company: base.company,
    from_date: base.from_date,
    to_date: base.to_date,
    limit_start: base.limit_start,
    limit_page_length: base.limit_page_length,
    account: name('account', args.account),
    party_type: name('party_type', args.party_type),
    party: name('party', args.party),
    voucher_no: name('voucher_no', args.voucher_no),
    cost_center: name('cost_center', args.cost_center),
  };
}

/**
 * Read on GL Entry, and the company scope shared with the stock reports (requireCompanyAccess): a
 * named company must exist and be one the user may read; without one the report is consolidated,
 * only for users who may read every company.
 */
export async function requireCompanyScope(ctx: Ctx, f: AccountingFilters): Promise<void> {
  await requireRead(ctx, 'GL Entry');
  await requireCompanyAccess(ctx, f.company);
}

/** The posting-date conditions of from_date and to_date (inclusive) on `col`. */
export function periodConditions(f: AccountingFilters, col = 't.posting_date'): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [op, v] of [['>=', f.from_date], ['<=', f.to_date]] as const) {
    if (!v) continue;
    sql.push(`${col} ${op} ?`);
    params.push(v);
  }
  return { sql, params };
}

/** An account's lft and rgt (LinkValidationError when it does not exist). */
export async function accountSubtree(ctx: Ctx, account: string): Promise<[number, number]> {
  const [row] = await ctx.db.query<{ lft: number; rgt: number }>('SELECT lft, rgt FROM `tabAccount` WHERE name = ?', [account]);
  if (!row) throw new LinkValidationError(`Could not find Account: ${account}`);
  return [Number(row.lft), Number(row.rgt)];
}

/** The accounts whose lft and rgt lie within [lft, rgt] (a subtree), with their company. */
export async function accountsOf(ctx: Ctx, lft: number, rgt: number): Promise<{ name: string; company: string }[]> {
  const rows = await ctx.db.query<{ name: string; company: string }>('SELECT name, company FROM `tabAccount` WHERE lft >= ? AND rgt <= ? ORDER BY lft', [lft, rgt]);
  return rows.map((r) => ({ name: String(r.name), company: String(r.company) }));
}

/** An account of the chart, as the reports roll it up. */
export interface ChartAccount {
  name: string;
  parent_account: string | null;
  root_type: string | null;
  report_type: string | null;
  account_type: string | null;
  is_group: number;
  lft: number;
  rgt: number;
  company: string;
}

export async function chartOf(ctx: Ctx, company: string | undefined): Promise<ChartAccount[]> {
  const rows = await ctx.db.query<ChartAccount>(
    `SELECT name, parent_account, root_type, report_type, account_type, is_group, lft, rgt, company FROM \`tabAccount\`${company ? ' WHERE company = ?' : ''} ORDER BY lft`,
    company ? [company] : [],
  );
  return rows.map((r) => ({ ...r, is_group: Number(r.is_group), lft: Number(r.lft), rgt: Number(r.rgt) }));
}

/** Σdebit and Σcredit per account of the non-cancelled entries matching `where` (with its params). */
export async function sumsByAccount(ctx: Ctx, opts: ReportOptions, where: string[], params: unknown[]): Promise<Map<string, { debit: Money; credit: Money }>> {
  const d = decimalSql(opts.engine);
  const rows = await ctx.db.query<{ account: string; debit: string | null; credit: string | null }>(
    `SELECT account, ${d.sum('debit')} AS debit, ${d.sum('credit')} AS credit FROM ${GLE} WHERE ${['is_cancelled = 0', ...where].join(' AND ')} GROUP BY account`,
    params,
  );
  return new Map(rows.map((r) => [String(r.account), { debit: new Money(r.debit ?? 0), credit: new Money(r.credit ?? 0) }]));
}

/** Σdebit and Σcredit of one bucket of sumsByBucket: the entries matching its condition. */
export interface SumBucket {
  sql: string;
  params: unknown[];
}

/**
 * Σdebit and Σcredit per account and bucket, in one pass over the non-cancelled entries matching
 * `where` (the union of the buckets, ideally), so a report that needs several overlapping periods
 * (opening, period) reads each entry once. Buckets are conditions on posting_date only: the
 * entries are first summed per (posting_date, account), in the order of the (company,
 * posting_date, account, …) index, so that grouping streams instead of filling a temporary table
 * with every entry (measured at 1,000,000 entries: 0.13 s instead of 0.34 s for a year of a
 * company); the day sums are then summed per account and bucket. An account absent from a
 * bucket's entries has zeros there; accounts with no entry at all are not in the map.
 */
export async function sumsByBucket(ctx: Ctx, opts: ReportOptions, where: string[], params: unknown[], buckets: SumBucket[]): Promise<Map<string, { debit: Money; credit: Money }[]>> {
  const d = decimalSql(opts.engine);
  const cols = buckets.flatMap((b, i) => [`${d.sum(`CASE WHEN ${b.sql} THEN x.debit END`)} AS d${i}`, `${d.sum(`CASE WHEN ${b.sql} THEN x.credit END`)} AS c${i}`]);
  const days =
    `SELECT posting_date, account, ${d.sum('debit')} AS debit, ${d.sum('credit')} AS credit FROM ${GLE} ` +
    `WHERE ${['is_cancelled = 0', ...where].join(' AND ')} GROUP BY posting_date, account`;
  const rows = await ctx.db.query<Record<string, string | null>>(`SELECT x.account, ${cols.join(', ')} FROM (${days}) x GROUP BY x.account`, [
    ...buckets.flatMap((b) => [...b.params, ...b.params]),
    ...params,
  ]);
  return new Map(rows.map((r) => [String(r.account), buckets.map((_, i) => ({ debit: new Money(r[`d${i}`] ?? 0), credit: new Money(r[`c${i}`] ?? 0) }))]));
}

/** The start of the fiscal year holding `date` (the date itself when no fiscal year does). */
export async function fiscalYearStart(ctx: Ctx, date: string): Promise<string> {
  const [row] = await ctx.db.query<{ d: string }>('SELECT year_start_date AS d FROM `tabFiscal Year` WHERE year_start_date <= ? AND year_end_date >= ? ORDER BY year_start_date DESC LIMIT 1', [date, date]);
  return row ? String(row.d).slice(0, 10) : date;
}
