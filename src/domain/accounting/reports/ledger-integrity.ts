import { Ctx } from '../../../kernel/db/context';
import { Money } from '../../../kernel/money/decimal';
import { decimalSql, GLE, ReportOptions } from './common';

export interface LedgerIntegrity {
  ok: boolean;
  problems: string[];
}

/**
 * The accounting ledger's invariants: every voucher (voucher_type, voucher_no) balances, over
 * all its entries, cancelled and reversing ones included (the guide's Q8); each company's
 * non-cancelled entries net to zero (its trial balance); with perpetual inventory, the GL
 * balance of a company's Stock accounts equals Σ stock_value_difference of its non-cancelled SLEs.
 */
export async function checkLedgerIntegrity(ctx: Ctx, company: string | undefined, opts: ReportOptions): Promise<LedgerIntegrity> {
  const d = decimalSql(opts.engine);
  const problems: string[] = [];
  const co = company ? ' AND company = ?' : '';
  const coP = company ? [company] : [];
  // debit and credit are summed apart and subtracted as decimals: SQLite's `-` on decimal text would go through REAL
  const unbalanced = await ctx.db.query<{ voucher_type: string; voucher_no: string; dr: string; cr: string }>(
    `SELECT voucher_type, voucher_no, ${d.sum('debit')} AS dr, ${d.sum('credit')} AS cr FROM ${GLE} WHERE 1 = 1${co} GROUP BY voucher_type, voucher_no ` +
      `HAVING ${d.compare(d.sum('debit'), d.sum('credit'), '!=')} ORDER BY voucher_type, voucher_no`,
    coP,
  );
  for (const u of unbalanced) problems.push(`${u.voucher_type} ${u.voucher_no} is unbalanced: debit − credit = ${new Money(u.dr).minus(new Money(u.cr)).toString()}`);
  const perCompany = await ctx.db.query<{ company: string; dr: string | null; cr: string | null }>(
    `SELECT company, ${d.sum('debit')} AS dr, ${d.sum('credit')} AS cr FROM ${GLE} WHERE is_cancelled = 0${co} GROUP BY company ORDER BY company`,
    coP,
  );
  for (const c of perCompany) {
    const diff = new Money(c.dr ?? 0).minus(new Money(c.cr ?? 0));
    if (!diff.isZero()) problems.push(`the trial balance of ${c.company} does not net to zero: debit − credit = ${diff.toString()}`);
  }
  const companies = await ctx.db.query<{ name: string }>(`SELECT name FROM \`tabCompany\` WHERE enable_perpetual_inventory = 1${company ? ' AND name = ?' : ''}`, coP);
  for (const { name } of companies) {
    const [gl] = await ctx.db.query<{ dr: string | null; cr: string | null }>(
      `SELECT ${d.sum('t.debit')} AS dr, ${d.sum('t.credit')} AS cr FROM ${GLE} t JOIN \`tabAccount\` a ON a.name = t.account WHERE t.is_cancelled = 0 AND a.account_type = 'Stock' AND t.company = ?`,
      [name],
    );
    const [sl] = await ctx.db.query<{ v: string | null }>(`SELECT ${d.sum('stock_value_difference')} AS v FROM \`tabStock Ledger Entry\` WHERE is_cancelled = 0 AND company = ?`, [name]);
    const glv = new Money(gl?.dr ?? 0).minus(new Money(gl?.cr ?? 0));
    const slv = new Money(sl?.v ?? 0);
    if (!glv.eq(slv)) problems.push(`stock in hand of ${name}: the GL of its Stock accounts holds ${glv.toString()}, the stock ledger ${slv.toString()}`);
  }
  return { ok: problems.length === 0, problems };
}
