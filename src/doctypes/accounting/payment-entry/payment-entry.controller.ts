import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';
import { GeneralLedger, GlLine } from '../../../domain/accounting/general-ledger';
import { applyOutstanding } from '../../../domain/accounting/outstanding';

type Row = Record<string, unknown>;

function amountOf(v: unknown, label: string): Money {
  if (v === null || v === undefined || v === '') return new Money(0);
  let m: Money;
  try {
    m = new Money(v as string);
  } catch {
    throw new ValidationError(`${label} must be a number`);
  }
  if (!m.isFinite()) throw new ValidationError(`${label} must be a number`);
  return m;
}

/**
 * Payment Entry: checks the accounts (the company's, in its currency; the receivable for a
 * Receive), the party and each reference (a submitted Sales Invoice of the same company and
 * customer, allocated within its outstanding), computes the totals; on submit posts the GL and
 * settles the invoices' outstanding amounts (domain/accounting/outstanding.ts); cancel reverses both.
 */
@DocController('Payment Entry')
export class PaymentEntryController implements DocHooks {
  readonly ignoreLinkedDoctypes = ['GL Entry'];

  constructor(
    private readonly gl: GeneralLedger,
    private readonly registry: MetaRegistry,
  ) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const flt = (v: Money) => this.registry.numbers.flt(v, 2);
    const company = await ctx.asSystem((sys) => sys.getValue('Company', String(doc.company), ['default_currency']));
    if (!company) throw new ValidationError(`Company ${doc.company} not found`);
    const receive = doc.payment_type === 'Receive';
    if (doc.payment_type !== 'Internal Transfer') {
      if (!doc.party_type) throw new ValidationError('Party Type is mandatory');
      if (!doc.party) throw new ValidationError('Party is mandatory');
      if (doc.party_type !== 'Customer') throw new ValidationError(`Party Type ${doc.party_type} is not supported yet: only Customer`);
      const party = await ctx.asSystem((sys) => sys.getValue('Customer', String(doc.party), ['customer_name']));
      if (!party) throw new ValidationError(`Customer ${doc.party} not found`);
      doc.party_name = party.customer_name;
    }
    if (receive && !doc.paid_to && doc.mode_of_payment) {
      const [row] = await ctx.asSystem((sys) =>
        sys.db.query('SELECT default_account FROM `tabMode of Payment Account` WHERE parent = ? AND parenttype = ? AND company = ?', [doc.mode_of_payment, 'Mode of Payment', doc.company]),
      );
      if (row?.default_account) doc.paid_to = row.default_account;
    }
    if (!doc.paid_from) throw new ValidationError('Account Paid From is mandatory');
    if (!doc.paid_to) throw new ValidationError('Account Paid To is mandatory');
    const from = await this.account(ctx, doc, 'paid_from', company.default_currency as string);
    const to = await this.account(ctx, doc, 'paid_to', company.default_currency as string);
    if (doc.paid_from === doc.paid_to) throw new ValidationError('Account Paid From and Account Paid To cannot be the same');
    if ((from.account_type === 'Bank' || to.account_type === 'Bank') && (!doc.reference_no || !doc.reference_date)) {
      throw new ValidationError('Reference No and Reference Date is mandatory for Bank transaction');
    }
    // ERPNext's validate_account_type: money moves through Bank or Cash accounts, the party's side is its receivable
    const cashOrBank = (acc: Row, label: string, field: string) => {
      if (acc.account_type !== 'Bank' && acc.account_type !== 'Cash') throw new ValidationError(`${label} ${doc[field]} must be a Bank or Cash account (Payment Type ${doc.payment_type})`);
    };
    const receivable = (acc: Row, label: string, field: string) => {
      if (acc.account_type !== 'Receivable') throw new ValidationError(`${label} ${doc[field]} must be a Receivable account (Payment Type ${doc.payment_type})`);
    };
    if (receive) {
      receivable(from, 'Account Paid From', 'paid_from');
      cashOrBank(to, 'Account Paid To', 'paid_to');
    } else if (doc.payment_type === 'Pay') {
      cashOrBank(from, 'Account Paid From', 'paid_from');
      receivable(to, 'Account Paid To', 'paid_to');
    } else {
      cashOrBank(from, 'Account Paid From', 'paid_from');
      cashOrBank(to, 'Account Paid To', 'paid_to');
      doc.party_type = null;
      doc.party = null;
      doc.party_name = null;
    }

    const paid = flt(amountOf(doc.paid_amount, 'Paid Amount'));
    if (paid.lte(0)) throw new ValidationError('Paid Amount must be greater than 0');
    doc.paid_amount = paid;
    doc.received_amount = paid;
    doc.base_paid_amount = paid;
    doc.base_received_amount = paid;
    doc.source_exchange_rate = 1;
    doc.target_exchange_rate = 1;

    let allocated = new Money(0);
    const seen = new Set<string>();
    for (const ref of (doc.references ?? []) as Doc[]) {
      const at = `Row ${ref.idx}`;
      if (ref.reference_doctype !== 'Sales Invoice') throw new ValidationError(`${at}: Reference Doctype must be Sales Invoice`);
      if (!receive) throw new ValidationError(`${at}: a Sales Invoice can only be referenced by a Receive payment`);
      const key = String(ref.reference_name);
      if (seen.has(key)) throw new ValidationError(`${at}: Sales Invoice ${key} is referenced more than once`);
      seen.add(key);
      const inv = await ctx.asSystem((sys) =>
        sys.getValue('Sales Invoice', key, ['docstatus', 'company', 'customer', 'debit_to', 'due_date', 'grand_total', 'rounded_total', 'outstanding_amount']),
      );
      if (!inv) throw new ValidationError(`${at}: Sales Invoice ${key} not found`);
      if (Number(inv.docstatus) !== 1) throw new ValidationError(`${at}: Sales Invoice ${key} must be submitted`);
      if (inv.company !== doc.company) throw new ValidationError(`${at}: Sales Invoice ${key} does not belong to Company ${doc.company}`);
      if (inv.customer !== doc.party) throw new ValidationError(`${at}: Sales Invoice ${key} is not of Customer ${doc.party}`);
      if (inv.debit_to !== doc.paid_from) throw new ValidationError(`${at}: Sales Invoice ${key} is receivable in ${inv.debit_to}, not ${doc.paid_from}`);
      const amount = flt(amountOf(ref.allocated_amount, `${at}: Allocated Amount`));
      if (amount.lte(0)) throw new ValidationError(`${at}: Allocated Amount must be greater than 0`);
      const outstanding = new Money((inv.outstanding_amount as string) ?? 0);
      if (Number(doc.docstatus) !== 2 && amount.gt(outstanding)) throw new ValidationError(`${at}: Allocated Amount cannot be greater than outstanding amount`);
      ref.allocated_amount = amount;
      ref.outstanding_amount = inv.outstanding_amount;
      ref.total_amount = (inv.rounded_total as string) || inv.grand_total;
      ref.due_date = inv.due_date ?? null;
      allocated = allocated.plus(amount);
    }
    if (allocated.gt(paid)) throw new ValidationError('Total Allocated Amount cannot be greater than Paid Amount');
    doc.total_allocated_amount = allocated;
    doc.unallocated_amount = paid.minus(allocated);
    doc.difference_amount = 0;
    doc.status = Number(doc.docstatus) === 1 ? 'Submitted' : 'Draft';
  }

  async beforeSubmit(ctx: Ctx, doc: Doc): Promise<void> {
    doc.status = 'Submitted';
    await this.gl.post(ctx, { voucher_type: 'Payment Entry', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, remarks: doc.remarks ?? null }, this.lines(doc));
    await applyOutstanding(
      ctx,
      this.refs(doc).map((r) => ({ doctype: 'Sales Invoice' as const, name: String(r.reference_name), amount: new Money(r.allocated_amount).neg() })),
    );
  }

  beforeCancel(_ctx: Ctx, doc: Doc): void {
    doc.status = 'Cancelled';
  }

  async onCancel(ctx: Ctx, doc: Doc): Promise<void> {
    await this.gl.cancel(ctx, { voucher_type: 'Payment Entry', voucher_no: doc.name, company: doc.company });
    await applyOutstanding(
      ctx,
      this.refs(doc).map((r) => ({ doctype: 'Sales Invoice' as const, name: String(r.reference_name), amount: new Money(r.allocated_amount) })),
    );
  }

  private refs(doc: Doc): Doc[] {
    return ((doc.references ?? []) as Doc[]).filter((r) => new Money(r.allocated_amount ?? 0).gt(0));
  }

  /** Receive: the bank/cash debit; the receivable credited per invoice (against it) and for the unallocated rest. Pay mirrors it. */
  private lines(doc: Doc): GlLine[] {
    const party = doc.party ? { party_type: doc.party_type, party: doc.party } : {};
    const lines: GlLine[] = [];
    if (doc.payment_type === 'Receive') {
      lines.push({ account: doc.paid_to, debit: doc.received_amount });
      for (const r of this.refs(doc)) {
        lines.push({ account: doc.paid_from, credit: r.allocated_amount, ...party, against_voucher_type: 'Sales Invoice', against_voucher: r.reference_name, voucher_detail_no: r.name });
      }
      const rest = new Money(doc.unallocated_amount ?? 0);
      if (rest.gt(0)) lines.push({ account: doc.paid_from, credit: rest, ...party });
    } else {
      lines.push({ account: doc.paid_to, debit: doc.received_amount, ...(doc.payment_type === 'Pay' ? party : {}) });
      lines.push({ account: doc.paid_from, credit: doc.paid_amount });
    }
    return lines;
  }

  private async account(ctx: Ctx, doc: Doc, field: 'paid_from' | 'paid_to', currency: string): Promise<Row> {
    const acc = await ctx.asSystem((sys) => sys.getValue('Account', String(doc[field]), ['company', 'account_type', 'account_currency', 'is_group']));
    const label = field === 'paid_from' ? 'Account Paid From' : 'Account Paid To';
    if (!acc) throw new ValidationError(`${label} ${doc[field]} not found`);
    if (acc.company !== doc.company) throw new ValidationError(`${label} ${doc[field]} does not belong to Company ${doc.company}`);
    if (Number(acc.is_group)) throw new ValidationError(`${label} ${doc[field]} is a group account`);
    if (acc.account_currency && acc.account_currency !== currency) throw new ValidationError(`${label} ${doc[field]} is in ${acc.account_currency}: multi-currency payments are not supported`);
    doc[`${field}_account_currency`] = acc.account_currency || currency;
    return acc;
  }
}
