import { Injectable } from '@nestjs/common';
import { Ctx } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { ValidationError } from '../../kernel/errors/errors';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { GeneralLedger } from './general-ledger';
import { GlLine } from './gl-lines';
import { linesOf, StockPostingOptions, stockLineAccounts, StockValueMove } from './stock-postings';

/** A voucher whose Stock Ledger Entries a repost revalued. */
export interface StockVoucherRef {
  voucher_type: string;
  voucher_no: string;
}

type Row = Record<string, any>;

/**
 * Per voucher type posting stock GL: the child doctype whose rows hold each move's difference
 * account (expense_account) and cost center, or null when the voucher holds them itself.
 */
const STOCK_GL_ROWS: Readonly<Record<string, string | null>> = {
  'Stock Entry': 'Stock Entry Detail',
  'Sales Invoice': 'Sales Invoice Item',
  'Stock Reconciliation': null,
};

const lineKey = (account: string, costCenter: unknown, row: unknown) => JSON.stringify([account, costCenter ?? null, row ?? null]);

/**
 * The stock GL of vouchers a repost revalued (ERPNext's repost_gl_entries on an append-only
 * ledger): each voucher's stock lines are computed again from its Stock Ledger Entries as they
 * now stand, rounded as the general ledger rounds them, and the difference against its current
 * non-cancelled entries on the same accounts, per (account, cost center, voucher row), is posted
 * through the general ledger as more entries of the same voucher on its posting date. Nothing is
 * posted when they agree, so running it twice adds nothing. The general ledger's refusal of a
 * closed Accounting Period or a date on or before accounts_frozen_till_date is passed on with
 * the voucher it concerns. Runs in the caller's transaction (the repost's).
 */
@Injectable()
export class StockRepostGl {
  constructor(
    private readonly gl: GeneralLedger,
    private readonly registry: MetaRegistry,
    private readonly db: Database,
  ) {}

  /**
   * Adjusts the stock GL of each voucher (once each, in name order: one lock order), except
   * `skip`, the voucher whose own posting or cancel caused the repost. `cause` ends the remarks.
   */
  async adjust(sys: Ctx, vouchers: Iterable<StockVoucherRef>, cause: string, skip?: StockVoucherRef): Promise<void> {
    const unique = new Map<string, StockVoucherRef>();
    for (const v of vouchers) {
      if (skip && v.voucher_type === skip.voucher_type && v.voucher_no === skip.voucher_no) continue;
      unique.set(JSON.stringify([v.voucher_type, v.voucher_no]), v);
    }
    for (const key of [...unique.keys()].sort()) await this.adjustVoucher(sys, unique.get(key)!, cause);
  }

  private async adjustVoucher(sys: Ctx, v: StockVoucherRef, cause: string): Promise<void> {
    const rowTable = STOCK_GL_ROWS[v.voucher_type];
    if (rowTable === undefined) return;
    const lock = this.db.forUpdate;
    // the voucher's row locked first: adjustments of one voucher from two ledgers' reposts serialise
    const [doc] = await sys.db.query<Row>(`SELECT * FROM \`tab${v.voucher_type}\` WHERE name = ?${lock}`, [v.voucher_no]);
    if (!doc || Number(doc.docstatus) !== 1) return;
    const sles = await sys.db.query<Row>(
      `SELECT warehouse, voucher_detail_no, stock_value_difference FROM \`tabStock Ledger Entry\` WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0${lock}`,
      [v.voucher_type, v.voucher_no],
    );
    const moves: StockValueMove[] = sles.map((s) => ({
      move: { warehouse: String(s.warehouse), voucher_detail_no: String(s.voucher_detail_no) },
      stockValueDifference: new Money(s.stock_value_difference),
    }));
    const rows = new Map<string, Row>();
    if (rowTable) {
      const found = await sys.db.query<Row>(`SELECT name, expense_account, cost_center FROM \`tab${rowTable}\` WHERE parent = ? AND parenttype = ?`, [v.voucher_no, v.voucher_type]);
      for (const r of found) rows.set(String(r.name), r);
    }
    const opts: StockPostingOptions = {
      company: String(doc.company),
      differenceAccount: (p) => rows.get(p.move.voucher_detail_no)?.expense_account || doc.expense_account,
      costCenter: (p) => rows.get(p.move.voucher_detail_no)?.cost_center || doc.cost_center,
    };
    const accounts = await stockLineAccounts(sys, moves, opts);
    if (!accounts) return;
    const stockAccounts = new Set(accounts.flatMap((a) => [a.stockAccount, a.diffAccount]));
    const lines = await this.differences(sys, v, doc, linesOf(moves, accounts, null), stockAccounts, lock);
    if (!lines.length) return;
    const date = String(doc.posting_date);
    const remarks = `Repost adjustment of ${v.voucher_type} ${v.voucher_no}: its stock was revalued by ${cause}`;
    try {
      await this.gl.post(
        sys,
        { voucher_type: v.voucher_type, voucher_no: v.voucher_no, company: String(doc.company), posting_date: date, remarks, is_opening: doc.is_opening === 'Yes' ? 'Yes' : 'No' },
        lines.map((l) => ({ ...l, remarks })),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      throw new ValidationError(`${cause} revalues ${v.voucher_type} ${v.voucher_no} of ${date}, whose stock GL cannot be adjusted: ${err.message}`);
    }
  }

  /**
   * What the voucher's stock lines should be (each key rounded to the currency's precision, as
   * the general ledger rounds a merged line) minus what its entries on those accounts hold now.
   */
  private async differences(sys: Ctx, v: StockVoucherRef, doc: Row, expected: GlLine[], stockAccounts: Set<string>, lock: string): Promise<GlLine[]> {
    const currency = await sys.getValue('Company', String(doc.company), ['default_currency']);
    const precision = this.registry.numbers.currencyPrecision(currency?.default_currency as string | undefined);
    const want = new Map<string, { line: GlLine; net: Money }>();
    for (const l of expected) {
      const key = lineKey(l.account, l.cost_center, l.voucher_detail_no);
      const seen = want.get(key) ?? { line: l, net: new Money(0) };
      seen.net = seen.net.plus(l.debit ?? 0).minus(l.credit ?? 0);
      want.set(key, seen);
    }
    for (const w of want.values()) w.net = this.registry.numbers.flt(w.net, precision);
    const current = await sys.db.query<Row>(
      `SELECT account, cost_center, voucher_detail_no, debit, credit FROM \`tabGL Entry\` WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0${lock}`,
      [v.voucher_type, v.voucher_no],
    );
    for (const g of current) {
      if (!stockAccounts.has(String(g.account))) continue;
      const key = lineKey(String(g.account), g.cost_center, g.voucher_detail_no);
      const seen = want.get(key) ?? { line: { account: String(g.account), cost_center: g.cost_center ?? null, voucher_detail_no: g.voucher_detail_no ?? null }, net: new Money(0) };
      seen.net = seen.net.minus(g.debit).plus(g.credit);
      want.set(key, seen);
    }
    const zero = new Money(0);
    return [...want.values()]
      .filter((w) => !w.net.isZero())
      .map(({ line, net }) => ({
        account: line.account,
        cost_center: line.cost_center ?? null,
        voucher_detail_no: line.voucher_detail_no ?? null,
        debit: net.isNegative() ? zero : net,
        credit: net.isNegative() ? net.neg() : zero,
      }));
  }
}
