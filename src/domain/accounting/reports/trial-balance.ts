import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { AccountingFilters, chartOf, ChartAccount, fiscalYearStart, ReportOptions, sumsByBucket } from './common';

/** One account of the Trial Balance (ERPNext's columns); a group's figures are its descendants' sums. */
export interface TrialBalanceRow {
  account: string;
  parent_account: string | null;
  root_type: string | null;
  is_group: number;
  indent: number;
  opening_debit: Money;
  opening_credit: Money;
  debit: Money;
  credit: Money;
  closing_debit: Money;
  closing_credit: Money;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  /** the leaf accounts' sums: debit and credit columns equal each other (the ledger is balanced) */
  totals: Omit<TrialBalanceRow, 'account' | 'parent_account' | 'root_type' | 'is_group' | 'indent'>;
}

const zero = () => new Money(0);

/** Net of a balance on one side: debit when positive, credit when negative. */
function sides(net: Money): [Money, Money] {
  return net.isNegative() ? [zero(), net.neg()] : [net, zero()];
}

/**
 * ERPNext's Trial Balance for the period of one company (or consolidated): per account the
 * opening before from_date, the period's debit and credit, the closing; opening and closing
 * shown net on one side. Balance Sheet accounts open with everything before from_date; Profit
 * and Loss accounts only with what lies between the start of from_date's fiscal year and
 * from_date (their opening resets each fiscal year). Groups are rolled up over lft/rgt.
 */
export async function trialBalance(ctx: Ctx, f: AccountingFilters & { from_date: string; to_date: string }, opts: ReportOptions): Promise<TrialBalance> {
  const chart = await chartOf(ctx, f.company);
  const co = f.company ? ['company = ?'] : [];
  const coP = f.company ? [f.company] : [];
  const fyStart = await fiscalYearStart(ctx, f.from_date);
  // One pass over everything up to to_date (the (company, posting_date, account, is_cancelled,
  // debit, credit) index covers it): opening of Balance Sheet accounts, opening of P&L accounts
  // since the fiscal year's start, the period.
  const sums = await sumsByBucket(ctx, opts, [...co, 'posting_date <= ?'], [...coP, f.to_date], [
    { sql: 'x.posting_date < ?', params: [f.from_date] },
    { sql: 'x.posting_date >= ? AND x.posting_date < ?', params: [fyStart, f.from_date] },
    { sql: 'x.posting_date >= ?', params: [f.from_date] },
  ]);
  /** per leaf: opening net, period debit, period credit */
  const leaf = new Map<string, [Money, Money, Money]>();
  for (const a of chart) {
    if (a.is_group) continue;
    const [bs, pl, p] = sums.get(a.name) ?? [];
    const o = a.report_type === 'Profit and Loss' ? pl : bs;
    leaf.set(a.name, [o ? o.debit.minus(o.credit) : zero(), p?.debit ?? zero(), p?.credit ?? zero()]);
  }
  const depth = new Map<string, number>();
  const rows: TrialBalanceRow[] = [];
  const totals = { opening_debit: zero(), opening_credit: zero(), debit: zero(), credit: zero(), closing_debit: zero(), closing_credit: zero() };
  for (const a of chart) {
    const indent = a.parent_account ? (depth.get(a.parent_account) ?? 0) + 1 : 0;
    depth.set(a.name, indent);
    let [open, debit, credit] = [zero(), zero(), zero()];
    const within = (l: ChartAccount) => !l.is_group && l.company === a.company && l.lft >= a.lft && l.rgt <= a.rgt;
    for (const l of a.is_group ? chart.filter(within) : [a]) {
      const [o, dr, cr] = leaf.get(l.name)!;
      open = open.plus(o);
      debit = debit.plus(dr);
      credit = credit.plus(cr);
    }
    const [opening_debit, opening_credit] = sides(open);
    const [closing_debit, closing_credit] = sides(open.plus(debit).minus(credit));
    const row = { account: a.name, parent_account: a.parent_account, root_type: a.root_type, is_group: a.is_group, indent, opening_debit, opening_credit, debit, credit, closing_debit, closing_credit };
    rows.push(row);
    if (!a.is_group) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] = totals[k].plus(row[k]);
  }
  return { rows, totals };
}
