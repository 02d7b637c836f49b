import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { accountsOf, accountSubtree, AccountingFilters, periodConditions, decimalSql, GLE, pageOf, ReportOptions, whereSql } from './common';

/** One entry of the General Ledger report, with the running balance (debit − credit) after it. */
export interface GeneralLedgerRow {
  name: string | null;
  posting_date: string | null;
  account: string | null;
  party_type: string | null;
  party: string | null;
  voucher_type: string | null;
  voucher_no: string | null;
  against_voucher: string | null;
  remarks: string | null;
  debit: Money;
  credit: Money;
  balance: Money;
}

export interface GeneralLedgerReport {
  /** the balance before from_date (ERPNext's 'Opening' row) */
  opening: { debit: Money; credit: Money; balance: Money };
  rows: GeneralLedgerRow[];
  /** the balance at to_date, whatever the page */
  closing: { debit: Money; credit: Money; balance: Money };
  total: number;
}

/**
 * ERPNext's General Ledger: the non-cancelled entries in posting order (posting_date, creation,
 * name) with an opening row (everything before from_date), the running balance of each entry and
 * the closing balance; an account filter on a group account takes its descendants (lft/rgt).
 */
export async function generalLedgerReport(ctx: Ctx, f: AccountingFilters, opts: ReportOptions): Promise<GeneralLedgerReport> {
  const d = decimalSql(opts.engine);
  const where: string[] = ['t.is_cancelled = 0'];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => {
    where.push(sql);
    params.push(...p);
  };
  if (f.account) {
    // The accounts by name, so that the (account, posting_date, creation, name, is_cancelled,
    // debit, credit) index serves the sums and the page in posting order. Every entry's company
    // is its account's (the general ledger refuses any other), so the company filter is a
    // filter on the accounts.
    const accounts = (await accountsOf(ctx, ...(await accountSubtree(ctx, f.account)))).filter((a) => !f.company || a.company === f.company).map((a) => a.name);
    if (accounts.length) add(accounts.length === 1 ? 't.account = ?' : `t.account IN (${accounts.map(() => '?').join(', ')})`, ...accounts);
    else add('1 = 0');
  } else if (f.company) add('t.company = ?', f.company);
  if (f.party_type) add('t.party_type = ?', f.party_type);
  if (f.party) add('t.party = ?', f.party);
  if (f.voucher_no) add('t.voucher_no = ?', f.voucher_no);
  if (f.cost_center) add('t.cost_center = ?', f.cost_center);
  const sums = async (extra: string[], p: unknown[]) => {
    const [r] = await ctx.db.query<{ debit: string | null; credit: string | null; n: number | string }>(
      `SELECT ${d.sum('t.debit')} AS debit, ${d.sum('t.credit')} AS credit, COUNT(*) AS n FROM ${GLE} t${whereSql([...where, ...extra])}`,
      [...params, ...p],
    );
    const debit = new Money(r.debit ?? 0);
    const credit = new Money(r.credit ?? 0);
    return { debit, credit, balance: debit.minus(credit), n: Number(r.n) };
  };
  const before = f.from_date ? await sums(['t.posting_date < ?'], [f.from_date]) : { debit: new Money(0), credit: new Money(0), balance: new Money(0), n: 0 };
  const { sql: period, params: periodParams } = periodConditions(f);
  const inPeriod = await sums(period, periodParams);
  const { start, length } = pageOf(f, opts);
  const order = 't.posting_date, t.creation, t.name';
  // the balance before this page: the opening plus the period's entries ahead of it
  let balance = before.balance;
  if (start > 0) {
    const [r] = await ctx.db.query<{ b: string | null }>(
      `SELECT ${d.sum('x.debit - x.credit')} AS b FROM (SELECT t.debit, t.credit FROM ${GLE} t${whereSql([...where, ...period])} ORDER BY ${order} LIMIT ?) x`,
      [...params, ...periodParams, start],
    );
    balance = balance.plus(new Money(r.b ?? 0));
  }
  const rows = await ctx.db.query(
    `SELECT t.name, t.posting_date, t.account, t.party_type, t.party, t.voucher_type, t.voucher_no, t.against_voucher, t.remarks, t.debit, t.credit ` +
      `FROM ${GLE} t${whereSql([...where, ...period])} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, ...periodParams, length, start],
  );
  return {
    opening: { debit: before.debit, credit: before.credit, balance: before.balance },
    rows: rows.map((r) => {
      const debit = new Money(r.debit ?? 0);
      const credit = new Money(r.credit ?? 0);
      balance = balance.plus(debit).minus(credit);
      return {
        name: r.name,
        posting_date: r.posting_date ? String(r.posting_date).slice(0, 10) : null,
        account: r.account,
        party_type: r.party_type ?? null,
        party: r.party ?? null,
        voucher_type: r.voucher_type,
        voucher_no: r.voucher_no,
        against_voucher: r.against_voucher ?? null,
        remarks: r.remarks ?? null,
        debit,
        credit,
        balance,
      };
    }),
    closing: {
      debit: before.debit.plus(inPeriod.debit),
      credit: before.credit.plus(inPeriod.credit),
      balance: before.balance.plus(inPeriod.balance),
    },
    total: inPeriod.n,
  };
}
