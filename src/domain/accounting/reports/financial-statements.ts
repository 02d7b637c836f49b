import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { AccountingFilters, chartOf, ReportOptions, sumsByAccount } from './common';

/** One account of a financial statement: its balance, in the sign natural to its root type. */
export interface StatementRow {
  account: string;
  parent_account: string | null;
  root_type: string | null;
  is_group: number;
  amount: Money;
}

/** Balances of the company's accounts (groups rolled up), credit-natural root types as credit − debit. */
async function statementRows(ctx: Ctx, company: string | undefined, rootTypes: string[], where: string[], params: unknown[], opts: ReportOptions): Promise<StatementRow[]> {
  const chart = (await chartOf(ctx, company)).filter((a) => a.root_type && rootTypes.includes(a.root_type));
  const sums = await sumsByAccount(ctx, opts, [...(company ? ['company = ?'] : []), ...where], [...(company ? [company] : []), ...params]);
  return chart.map((a) => {
    let net = new Money(0);
    for (const l of chart) {
      if (l.is_group || l.company !== a.company || l.lft < a.lft || l.rgt > a.rgt) continue;
      const s = sums.get(l.name);
      if (s) net = net.plus(s.debit).minus(s.credit);
    }
    const creditNatural = a.root_type === 'Income' || a.root_type === 'Liability' || a.root_type === 'Equity';
    return { account: a.name, parent_account: a.parent_account, root_type: a.root_type, is_group: a.is_group, amount: creditNatural ? net.neg() : net };
  });
}

/** Σ of the leaf rows of a root type. */
function totalOf(rows: StatementRow[], rootType: string): Money {
  return rows.filter((r) => !r.is_group && r.root_type === rootType).reduce((s, r) => s.plus(r.amount), new Money(0));
}

export interface ProfitAndLoss {
  rows: StatementRow[];
  income: Money;
  expense: Money;
  net_profit: Money;
}

/** ERPNext's Profit and Loss Statement for the period: income and expense per account, net profit = income − expense. */
export async function profitAndLoss(ctx: Ctx, f: AccountingFilters & { from_date: string; to_date: string }, opts: ReportOptions): Promise<ProfitAndLoss> {
  const rows = await statementRows(ctx, f.company, ['Income', 'Expense'], ['posting_date >= ?', 'posting_date <= ?'], [f.from_date, f.to_date], opts);
  const income = totalOf(rows, 'Income');
  const expense = totalOf(rows, 'Expense');
  return { rows, income, expense, net_profit: income.minus(expense) };
}

export interface BalanceSheet {
  rows: StatementRow[];
  asset: Money;
  liability: Money;
  equity: Money;
  /** ERPNext's 'Provisional Profit / Loss (Credit)': the unclosed profit of every period up to to_date */
  provisional_profit_loss: Money;
  /** liability + equity + provisional profit: equals asset */
  total_liability_equity_profit: Money;
}

/** ERPNext's Balance Sheet at to_date: asset, liability and equity balances, the unclosed profit shown apart. */
export async function balanceSheet(ctx: Ctx, f: AccountingFilters & { to_date: string }, opts: ReportOptions): Promise<BalanceSheet> {
  const rows = await statementRows(ctx, f.company, ['Asset', 'Liability', 'Equity'], ['posting_date <= ?'], [f.to_date], opts);
  const pl = await statementRows(ctx, f.company, ['Income', 'Expense'], ['posting_date <= ?'], [f.to_date], opts);
  const asset = totalOf(rows, 'Asset');
  const liability = totalOf(rows, 'Liability');
  const equity = totalOf(rows, 'Equity');
  const provisional = totalOf(pl, 'Income').minus(totalOf(pl, 'Expense'));
  return { rows, asset, liability, equity, provisional_profit_loss: provisional, total_liability_equity_profit: liability.plus(equity).plus(provisional) };
}
