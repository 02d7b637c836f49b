import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { AccountingFilters, periodConditions, decimalSql, GLE, ReportOptions, whereSql } from './common';

export interface TaxSummaryRow {
  company: string;
  account: string;
  debit: Money;
  credit: Money;
  /** credit − debit: tax owed (output tax) when positive */
  net: Money;
}

/** The guide's Q3 tax ledger audit, per company: each tax account's (account_type Tax) debit, credit and net over the period. */
export async function taxSummary(ctx: Ctx, f: AccountingFilters, opts: ReportOptions): Promise<TaxSummaryRow[]> {
  const d = decimalSql(opts.engine);
  const where = ['t.is_cancelled = 0', "a.account_type = 'Tax'"];
  const params: unknown[] = [];
  if (f.company) {
    where.push('t.company = ?');
    params.push(f.company);
  }
  const period = periodConditions(f);
  where.push(...period.sql);
  params.push(...period.params);
  const rows = await ctx.db.query<{ company: string; account: string; debit: string | null; credit: string | null }>(
    `SELECT t.company, t.account, ${d.sum('t.debit')} AS debit, ${d.sum('t.credit')} AS credit FROM ${GLE} t JOIN \`tabAccount\` a ON a.name = t.account` +
      `${whereSql(where)} GROUP BY t.company, t.account ORDER BY t.company, t.account`,
    params,
  );
  return rows.map((r) => {
    const debit = new Money(r.debit ?? 0);
    const credit = new Money(r.credit ?? 0);
    return { company: String(r.company), account: String(r.account), debit, credit, net: credit.minus(debit) };
  });
}
