import { Injectable } from '@nestjs/common';
import { Ctx } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { ValidationError } from '../../kernel/errors/errors';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { difference, fillAgainst, GlAmounts, GlLine, prepareLines, rawDifference } from './gl-lines';

export type { GlLine } from './gl-lines';

const GLE = 'GL Entry';
const GLE_TABLE = '`tabGL Entry`';

/** The voucher a set of ledger lines belongs to. */
export interface GlVoucher {
  voucher_type: string;
  voucher_no: string;
  company: string;
  posting_date: string;
  remarks?: string | null;
  is_opening?: 'No' | 'Yes';
}

type Row = Record<string, unknown>;

interface CompanyBooks {
  currency: string;
  roundOffAccount: string | null;
  roundOffCostCenter: string | null;
  costCenter: string | null;
  frozenTill: string | null;
}

/**
 * The general ledger: every GL Entry is written by `post` (and reversed by `cancel`), whatever the
 * voucher (ERPNext's make_gl_entries). In the caller's transaction, as the system, it nets,
 * merges and rounds the lines, refuses an unbalanced voucher (a difference of less than the
 * currency's smallest unit before rounding goes to the company's Round Off account), group,
 * disabled, frozen or other companies' accounts and cost centers, and postings on or before the
 * company's accounts_frozen_till_date, in a closed Accounting Period or outside every Fiscal Year.
 */
@Injectable()
export class GeneralLedger {
  constructor(
    private readonly docs: DocumentService,
    private readonly registry: MetaRegistry,
    private readonly db: Database,
  ) {}

  async post(ctx: Ctx, voucher: GlVoucher, lines: readonly GlLine[]): Promise<GlAmounts[]> {
    if (!lines.length) return [];
    return ctx.asSystem(async (sys) => {
      const books = await this.books(sys, voucher.company);
      const precision = this.registry.numbers.currencyPrecision(books.currency);
      const unit = new Money(1).div(new Money(10).pow(precision));
      const raw = rawDifference(lines);
      if (raw.abs().gte(unit)) throw this.unbalanced(voucher, raw, precision);
      const prepared = prepareLines(lines, precision, (v, p) => this.registry.numbers.flt(v, p));
      if (!prepared.length) return [];
      await this.checkAccounts(ctx, sys, voucher, prepared, books);
      const fiscalYear = await this.checkDate(sys, voucher.voucher_type, voucher.company, voucher.posting_date, books);
      this.roundOff(voucher, prepared, books);
      fillAgainst(prepared);
      await this.docs.insertRecords(
        sys,
        GLE,
        prepared.map((l) => this.record(voucher, l, fiscalYear, books.currency)),
      );
      return prepared;
    });
  }

  /**
   * Reverses a voucher's entries (ERPNext since v13): they are marked is_cancelled and reversing
   * entries, also marked, are added on the same dates; refused in a frozen or closed period.
   */
  async cancel(ctx: Ctx, voucher: Pick<GlVoucher, 'voucher_type' | 'voucher_no' | 'company'>): Promise<void> {
    await ctx.asSystem(async (sys) => {
      const rows = await sys.db.query(`SELECT * FROM ${GLE_TABLE} WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0${this.db.forUpdate}`, [
        voucher.voucher_type,
        voucher.voucher_no,
      ]);
      if (!rows.length) return;
      const books = await this.books(sys, voucher.company);
      for (const date of new Set(rows.map((r) => String(r.posting_date)))) await this.checkDate(sys, voucher.voucher_type, voucher.company, date, books);
      await sys.db.write(GLE_TABLE.slice(1, -1), `UPDATE ${GLE_TABLE} SET is_cancelled = 1 WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0`, [
        voucher.voucher_type,
        voucher.voucher_no,
      ]);
      await this.docs.insertRecords(
        sys,
        GLE,
        rows.map((r) => {
          const { name: _n, creation: _c, modified: _m, ...rest } = r;
          return {
            ...rest,
            debit: r.credit,
            credit: r.debit,
            debit_in_account_currency: r.credit_in_account_currency,
            credit_in_account_currency: r.debit_in_account_currency,
            remarks: `On cancellation of ${voucher.voucher_no}`,
            is_cancelled: 1,
          };
        }),
      );
    });
  }

  private record(voucher: GlVoucher, l: GlAmounts, fiscalYear: string, companyCurrency: string): Row {
    return {
      docstatus: 1,
      posting_date: voucher.posting_date,
      transaction_date: voucher.posting_date,
      account: l.account,
      party_type: l.party_type || null,
      party: l.party || null,
      cost_center: l.cost_center || null,
      debit: l.debit,
      credit: l.credit,
      account_currency: l.account_currency ?? companyCurrency,
      debit_in_account_currency: l.debit_in_account_currency,
      credit_in_account_currency: l.credit_in_account_currency,
      against: l.against || null,
      against_voucher_type: l.against_voucher_type || null,
      against_voucher: l.against_voucher || null,
      voucher_type: voucher.voucher_type,
      voucher_no: voucher.voucher_no,
      voucher_detail_no: l.voucher_detail_no || null,
      is_opening: voucher.is_opening ?? 'No',
      is_advance: 'No',
      fiscal_year: fiscalYear,
      company: voucher.company,
      remarks: l.remarks ?? voucher.remarks ?? null,
      is_cancelled: 0,
    };
  }

  private async books(sys: Ctx, company: string): Promise<CompanyBooks> {
    const c = await sys.getValue('Company', company, ['default_currency', 'round_off_account', 'round_off_cost_center', 'cost_center', 'accounts_frozen_till_date']);
    if (!c) throw new ValidationError(`Company ${company} not found`);
    return {
      currency: c.default_currency,
      roundOffAccount: c.round_off_account ?? null,
      roundOffCostCenter: c.round_off_cost_center ?? c.cost_center ?? null,
      costCenter: c.cost_center ?? null,
      frozenTill: c.accounts_frozen_till_date ? String(c.accounts_frozen_till_date) : null,
    };
  }

  /**
   * Each account a ledger leaf of the voucher's company, enabled, and not frozen (unless the
   * caller is an Accounts Manager); a Profit and Loss line gets the company's cost center when it
   * names none; each cost center a leaf of the same company.
   */
  private async checkAccounts(caller: Ctx, sys: Ctx, voucher: GlVoucher, lines: GlAmounts[], books: CompanyBooks): Promise<void> {
    const accounts = new Map((await sys.db.rowsByName('tabAccount', [...new Set(lines.map((l) => l.account))])).map((a) => [a.name, a]));
    for (const l of lines) {
      const a = accounts.get(l.account);
      if (!a) throw new ValidationError(`Account ${l.account} does not exist`);
      if (a.company !== voucher.company) throw new ValidationError(`Account ${l.account} does not belong to company ${voucher.company}`);
      if (Number(a.is_group)) throw new ValidationError(`Account ${l.account} is a group account: group accounts cannot be used in transactions`);
      if (Number(a.disabled)) throw new ValidationError(`Account ${l.account} is disabled`);
      if (a.freeze_account === 'Yes' && !caller.hasRole('Accounts Manager')) throw new ValidationError(`Account ${l.account} is frozen: only an Accounts Manager may post to it`);
      l.account_currency = a.account_currency || books.currency;
      if (!l.cost_center && a.report_type === 'Profit and Loss') {
        if (!books.costCenter) throw new ValidationError(`Cost Center is required for 'Profit and Loss' account ${l.account}`);
        l.cost_center = books.costCenter;
      }
    }
    const names = [...new Set(lines.map((l) => l.cost_center).filter((c): c is string => !!c))];
    if (!names.length) return;
    const centers = new Map((await sys.db.rowsByName('tabCost Center', names)).map((c) => [c.name, c]));
    for (const name of names) {
      const c = centers.get(name);
      if (!c) throw new ValidationError(`Cost Center ${name} does not exist`);
      if (c.company !== voucher.company) throw new ValidationError(`Cost Center ${name} does not belong to company ${voucher.company}`);
      if (Number(c.is_group)) throw new ValidationError(`Cost Center ${name} is a group cost center: group cost centers cannot be used in transactions`);
      if (Number(c.disabled)) throw new ValidationError(`Cost Center ${name} is disabled`);
    }
  }

  /** The date open for this voucher type: after the freeze date, outside closed periods, in a fiscal year (returned). */
  private async checkDate(sys: Ctx, voucherType: string, company: string, date: string, books: CompanyBooks): Promise<string> {
    if (books.frozenTill && date <= books.frozenTill) {
      throw new ValidationError(`You are not authorized to add or update entries before ${books.frozenTill}: accounts of ${company} are frozen till then`);
    }
    const [closed] = await sys.db.query(
      'SELECT ap.name FROM `tabAccounting Period` ap JOIN `tabClosed Document` cd ON cd.parent = ap.name AND cd.parenttype = ? ' +
        'WHERE ap.company = ? AND ap.start_date <= ? AND ap.end_date >= ? AND cd.document_type = ? AND cd.closed = 1 LIMIT 1',
      ['Accounting Period', company, date, date, voucherType],
    );
    if (closed) throw new ValidationError(`You cannot create or cancel any accounting entries within the closed Accounting Period ${closed.name}`);
    const [year] = await sys.db.query(
      'SELECT fy.name FROM `tabFiscal Year` fy WHERE fy.disabled = 0 AND fy.year_start_date <= ? AND fy.year_end_date >= ? AND (' +
        'NOT EXISTS (SELECT 1 FROM `tabFiscal Year Company` c WHERE c.parent = fy.name AND c.parenttype = ?) OR ' +
        'EXISTS (SELECT 1 FROM `tabFiscal Year Company` c WHERE c.parent = fy.name AND c.parenttype = ? AND c.company = ?)) ORDER BY fy.year_start_date DESC LIMIT 1',
      [date, date, 'Fiscal Year', 'Fiscal Year', company],
    );
    if (!year) throw new ValidationError(`Date ${date} is not in any active Fiscal Year of ${company}`);
    return String(year.name);
  }

  /** What rounding each line left (less than a unit per line) posted to the company's Round Off account. */
  private roundOff(voucher: GlVoucher, lines: GlAmounts[], books: CompanyBooks): void {
    const diff = difference(lines);
    if (diff.isZero()) return;
    if (!books.roundOffAccount) throw new ValidationError(`Please mention Round Off Account in Company ${voucher.company}`);
    const zero = new Money(0);
    const side = diff.isNegative() ? { debit: diff.neg(), credit: zero } : { debit: zero, credit: diff };
    lines.push({
      account: books.roundOffAccount,
      cost_center: books.roundOffCostCenter,
      ...side,
      debit_in_account_currency: side.debit,
      credit_in_account_currency: side.credit,
    });
  }

  private unbalanced(voucher: GlVoucher, diff: Money, precision: number): ValidationError {
    return new ValidationError(`Debit and Credit not equal for ${voucher.voucher_type} #${voucher.voucher_no}. Difference is ${diff.toFixed(precision)}.`);
  }
}
