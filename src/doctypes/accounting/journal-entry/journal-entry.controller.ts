import { GeneralLedger } from '../../../domain/accounting/general-ledger';
import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';

const PARTY_OF: Record<string, string> = { Receivable: 'Customer', Payable: 'Supplier' };

/**
 * Journal Entry: each row a debit or a credit (not both, not negative) on an account of the
 * entry's company in its currency, with a party on receivable and payable accounts; the totals
 * must balance. On submit every row is posted to the general ledger; cancel reverses them.
 */
@DocController('Journal Entry')
export class JournalEntryController implements DocHooks {
  readonly ignoreLinkedDoctypes = ['GL Entry'];

  constructor(
    private readonly gl: GeneralLedger,
    private readonly registry: MetaRegistry,
  ) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const rows = (doc.accounts ?? []) as Doc[];
    if (rows.length < 2) throw new ValidationError('Journal Entry needs at least two accounting entries (one debit and one credit)');
    const company = await ctx.asSystem((sys) => sys.getValue('Company', String(doc.company), ['default_currency']));
    const currency = company?.default_currency ? String(company.default_currency) : null;
    let debit = new Money(0);
    let credit = new Money(0);
    for (const row of rows) {
      const at = `Row ${row.idx}`;
      const dr = this.amount(row.debit_in_account_currency, `${at}: Debit`);
      const cr = this.amount(row.credit_in_account_currency, `${at}: Credit`);
      if (dr.isZero() && cr.isZero()) throw new ValidationError(`${at}: Both Debit and Credit values cannot be zero`);
      if (!dr.isZero() && !cr.isZero()) throw new ValidationError(`${at}: You cannot credit and debit same account at the same time`);
      const account = await ctx.asSystem((sys) => sys.getValue('Account', String(row.account), ['account_type', 'account_currency', 'company', 'is_group']));
      if (!account) throw new ValidationError(`${at}: Account ${row.account} not found`);
      const own = account.account_currency ? String(account.account_currency) : currency;
      if (currency && own !== currency) throw new ValidationError(`${at}: Account ${row.account} is in ${own}; multi-currency Journal Entries are not supported (company currency ${currency})`);
      row.account_currency = own;
      row.account_type = account.account_type ?? null;
      const partyType = PARTY_OF[String(account.account_type ?? '')];
      if (partyType) {
        if (!row.party_type || !row.party) throw new ValidationError(`${at}: Party Type and Party is required for Receivable / Payable account ${row.account}`);
        if (row.party_type !== partyType) throw new ValidationError(`${at}: Party Type ${row.party_type} does not match the ${account.account_type} account ${row.account} (expected ${partyType})`);
      } else if (row.party_type || row.party) {
        if (!row.party_type || !row.party) throw new ValidationError(`${at}: Party Type and Party go together`);
      }
      row.debit_in_account_currency = dr;
      row.credit_in_account_currency = cr;
      row.debit = dr;
      row.credit = cr;
      debit = debit.plus(dr);
      credit = credit.plus(cr);
    }
    doc.total_debit = debit;
    doc.total_credit = credit;
    doc.difference = debit.minus(credit);
    if (!debit.minus(credit).isZero()) throw new ValidationError(`Total Debit must be equal to Total Credit. The difference is ${debit.minus(credit).toFixed()}`);
    doc.title ||= rows[0].party || rows[0].account;
    const parts: string[] = [];
    if (doc.cheque_no) parts.push(`Reference #${doc.cheque_no}${doc.cheque_date ? ` dated ${doc.cheque_date}` : ''}`);
    if (doc.user_remark) parts.push(`Note: ${doc.user_remark}`);
    doc.remark = parts.length ? parts.join('\n') : 'No Remarks';
  }

  async beforeSubmit(ctx: Ctx, doc: Doc): Promise<void> {
    const rows = doc.accounts as Doc[];
    await this.gl.post(
      ctx,
      { voucher_type: 'Journal Entry', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, remarks: doc.remark, is_opening: doc.is_opening === 'Yes' ? 'Yes' : 'No' },
      rows.map((row) => ({
        account: row.account,
        debit: row.debit,
        credit: row.credit,
        party_type: row.party_type || null,
        party: row.party || null,
        cost_center: row.cost_center || null,
        voucher_detail_no: row.name,
        remarks: row.user_remark || doc.remark || null,
      })),
    );
  }

  async onCancel(ctx: Ctx, doc: Doc): Promise<void> {
    await this.gl.cancel(ctx, { voucher_type: 'Journal Entry', voucher_no: doc.name, company: doc.company });
  }

  /** A non-negative number rounded to the currency precision; anything else refused. */
  private amount(v: unknown, what: string): Money {
    if (v === null || v === undefined || v === '') return new Money(0);
    let d: Money;
    try {
      d = new Money(v as string | number);
    } catch {
      throw new ValidationError(`${what} is not a number: ${String(v)}`);
    }
    if (!d.isFinite()) throw new ValidationError(`${what} is not a number: ${String(v)}`);
    if (d.isNegative()) throw new ValidationError(`${what} cannot be negative: ${d.toFixed()}`);
    return this.registry.numbers.flt(d, 9);
  }
}
