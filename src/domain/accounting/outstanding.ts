import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';
import { today } from '../../kernel/time/clock';
import { salesInvoiceStatus } from './invoice-status';

/** One change to an invoice's outstanding amount: negative settles (a payment), positive restores (its cancel). */
export interface OutstandingChange {
  doctype: 'Sales Invoice';
  name: string;
  amount: Decimal.Value;
}


/**
 * Applies changes to invoices' outstanding amounts, race-free: the invoices are updated in name
 * order (their row locks taken in one order, so two payments touching the same invoices never
 * deadlock), each settlement a conditional update that only succeeds while the invoice is submitted and still owes at least
 * that much, and the status is recomputed. A settlement that no longer fits is refused (417)
 * and, the caller's transaction rolling back, nothing is written.
 */
export async function applyOutstanding(ctx: Ctx, changes: readonly OutstandingChange[]): Promise<void> {
  const byName = new Map<string, OutstandingChange & { total: Money }>();
  for (const c of changes) {
    const prev = byName.get(c.name);
    byName.set(c.name, { ...c, total: (prev?.total ?? new Money(0)).plus(new Money(c.amount)) });
  }
  const names = [...byName.keys()].sort();
  await ctx.asSystem(async (sys) => {
    for (const name of names) {
      const { total } = byName.get(name)!;
      if (total.isZero()) continue;
      const where: Record<string, unknown> = { name, docstatus: 1 };
      if (total.isNegative()) where.outstanding_amount = ['>=', total.neg().toString()];
      const changed = await sys.updateWhere('Sales Invoice', { outstanding_amount: { add: total.toString() } }, where);
      // A restore (a payment's cancel) against an invoice no longer submitted has nothing to restore.
      if (!changed && total.isPositive()) continue;
      if (!changed) throw new ValidationError(`Sales Invoice ${name}: Allocated Amount cannot be greater than outstanding amount`);
      const inv = await sys.getValue('Sales Invoice', name, ['docstatus', 'is_return', 'outstanding_amount', 'grand_total', 'rounded_total', 'due_date']);
      const status = salesInvoiceStatus(
        { docstatus: Number(inv!.docstatus), is_return: inv!.is_return as number, outstanding_amount: inv!.outstanding_amount as string, grand_total: (inv!.rounded_total as string) || (inv!.grand_total as string), due_date: inv!.due_date ? String(inv!.due_date) : null },
        today(),
      );
      await sys.updateWhere('Sales Invoice', { status }, { name });
    }
  });
}
