import { Ctx } from '../../../kernel/db/context';
import { DataError } from '../../../kernel/errors/errors';
import { Money } from '../../../kernel/money/decimal';
import { today } from '../../../kernel/time/clock';
import { AccountingFilters, decimalSql, GLE, pageOf, ReportOptions, ReportPage, whereSql } from './common';

export interface ReceivableRow {
  company: string;
  party: string;
  voucher_no: string;
  posting_date: string;
  invoiced: Money;
  paid: Money;
  outstanding: Money;
  age: number;
  range1: Money;
  range2: Money;
  range3: Money;
  range4: Money;
}

export interface ReceivableFilters extends AccountingFilters {
  /** the day ages are counted to (default today) */
  report_date?: string;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * ERPNext's Accounts Receivable: per customer invoice (the GL on Receivable accounts with party
 * type Customer, grouped by against_voucher, or voucher_no when empty) up to report_date:
 * invoiced (debits), paid (credits), outstanding; its age in days from the invoice's posting
 * date, the outstanding put in the 0-30, 31-60, 61-90 or 90+ bucket. Settled invoices are left out.
 */
export async function accountsReceivable(ctx: Ctx, f: ReceivableFilters, opts: ReportOptions): Promise<ReportPage<ReceivableRow>> {
  const d = decimalSql(opts.engine);
  const reportDate = f.report_date ?? today();
  const where = ['t.is_cancelled = 0', "t.party_type = 'Customer'", "a.account_type = 'Receivable'", 't.posting_date <= ?'];
  const params: unknown[] = [reportDate];
  if (f.company) {
    where.push('t.company = ?');
    params.push(f.company);
  }
  if (f.party) {
    where.push('t.party = ?');
    params.push(f.party);
  }
  const key = "COALESCE(NULLIF(t.against_voucher, ''), t.voucher_no)";
  const grouped =
    `FROM ${GLE} t JOIN \`tabAccount\` a ON a.name = t.account${whereSql(where)} GROUP BY t.company, t.party, ${key} ` +
    `HAVING ${d.compare(d.sum('t.debit'), d.sum('t.credit'), '!=')}`;
  const { start, length } = pageOf(f, opts);
  const rows = await ctx.db.query<{ company: string; party: string; voucher_no: string; posting_date: string; debit: string; credit: string }>(
    `SELECT t.company, t.party, ${key} AS voucher_no, MIN(CASE WHEN t.voucher_no = ${key} THEN t.posting_date END) AS posting_date, ` +
      `MIN(t.posting_date) AS first_date, ${d.sum('t.debit')} AS debit, ${d.sum('t.credit')} AS credit ${grouped} ORDER BY t.company, t.party, voucher_no LIMIT ? OFFSET ?`,
    [...params, length, start],
  );
  const [count] = await ctx.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (SELECT ${key} AS k ${grouped}) x`, params);
  return {
    rows: rows.map((r) => {
      const posting = String(r.posting_date ?? (r as unknown as { first_date: string }).first_date).slice(0, 10);
      const invoiced = new Money(r.debit ?? 0);
      const paid = new Money(r.credit ?? 0);
      const outstanding = invoiced.minus(paid);
      const age = days(posting, reportDate);
      const bucket = age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3;
      const ranges = [0, 1, 2, 3].map((i) => (i === bucket ? outstanding : new Money(0)));
      return { company: r.company, party: r.party, voucher_no: r.voucher_no, posting_date: posting, invoiced, paid, outstanding, age, range1: ranges[0], range2: ranges[1], range3: ranges[2], range4: ranges[3] };
    }),
    total: Number(count.n),
  };
}

/** Only posting-date ageing is kept: GL entries carry no due date. */
export function checkAgeingBasedOn(v: unknown): void {
  if (v !== undefined && v !== 'Posting Date') throw new DataError(`ageing_based_on must be 'Posting Date', got ${JSON.stringify(v)}`);
}
