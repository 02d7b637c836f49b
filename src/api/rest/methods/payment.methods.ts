import Decimal from 'decimal.js';
import { ValidationError } from '../../../kernel/errors/errors';
import { Money, wireNumber } from '../../../kernel/money/decimal';
import { today } from '../../../kernel/time/clock';
import { defineMethod } from '../method-registry';

const wire = (v: unknown) => (v instanceof Decimal ? wireNumber(v) : v);

/** Payment methods (ERPNext's payment_entry module). */
export const PAYMENT_METHODS = [
  defineMethod({
    path: 'erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry',
    summary:
      'The unsaved Payment Entry (Receive) settling the outstanding amount of a submitted Sales Invoice: party, paid_from = its debit_to, paid_to = the bank account given, else the company default cash or bank account, one reference allocating the outstanding (or party_amount)',
    params: {
      dt: { type: 'string', description: 'Sales Invoice' },
      dn: { type: 'string', description: 'the invoice' },
      party_amount: { type: 'string', description: 'amount to receive instead of the outstanding' },
      bank_account: { type: 'string', description: 'Account paid to' },
    },
    handler: async ({ ctx, args }) => {
      if (args.dt !== 'Sales Invoice') throw new ValidationError(`get_payment_entry supports Sales Invoice only, not ${String(args.dt)}`);
      const inv = await ctx.getValue('Sales Invoice', String(args.dn ?? ''), ['name', 'docstatus', 'company', 'customer', 'customer_name', 'debit_to', 'due_date', 'grand_total', 'rounded_total', 'outstanding_amount']);
      if (!inv) throw new ValidationError(`Sales Invoice ${String(args.dn)} not found`);
      const outstanding = new Money((inv.outstanding_amount as Decimal.Value) ?? 0);
      if (Number(inv.docstatus) !== 1 || outstanding.lte(0)) throw new ValidationError('Can only make payment against unbilled Sales Invoice');
      let amount = outstanding;
      if (args.party_amount !== undefined && args.party_amount !== null && args.party_amount !== '') {
        try {
          amount = new Money(String(args.party_amount));
        } catch {
          throw new ValidationError('party_amount must be a number');
        }
        if (!amount.isFinite() || amount.lte(0)) throw new ValidationError('party_amount must be greater than 0');
      }
      const company = await ctx.asSystem((sys) => sys.getValue('Company', String(inv.company), ['default_cash_account', 'default_bank_account']));
      const paidTo = (args.bank_account as string) || company?.default_cash_account || company?.default_bank_account || null;
      const allocated = Money.min(amount, outstanding);
      return {
        doctype: 'Payment Entry',
        payment_type: 'Receive',
        posting_date: today(),
        company: inv.company,
        party_type: 'Customer',
        party: inv.customer,
        party_name: inv.customer_name ?? inv.customer,
        paid_from: inv.debit_to,
        paid_to: paidTo,
        paid_amount: wireNumber(amount),
        received_amount: wireNumber(amount),
        references: [
          {
            reference_doctype: 'Sales Invoice',
            reference_name: inv.name,
            due_date: inv.due_date ?? null,
            total_amount: wire(inv.rounded_total) || wire(inv.grand_total),
            outstanding_amount: wireNumber(outstanding),
            allocated_amount: wireNumber(allocated),
          },
        ],
        total_allocated_amount: wireNumber(allocated),
        unallocated_amount: wireNumber(amount.minus(allocated)),
      };
    },
  }),
];
