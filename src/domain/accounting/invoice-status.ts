import { Money } from '../../kernel/money/decimal';

type Amount = Money | string | number | null | undefined;

export interface SalesInvoiceStatusInput {
  docstatus: number;
  is_return?: boolean | number | null;
  outstanding_amount?: Amount;
  /** the invoice's total as ERPNext's get_total reads it: rounded_total, or grand_total when rounding is disabled */
  grand_total?: Amount;
  /** YYYY-MM-DD */
  due_date?: string | null;
  /** a submitted return (credit note) is against this invoice */
  credit_note_issued?: boolean;
}

const money = (v: Amount): Money => new Money(v === null || v === undefined || v === '' ? 0 : v);

/**
 * ERPNext's Sales Invoice status (SalesInvoice.set_status), rules tried in its order: Cancelled;
 * Overdue (outstanding > 0, due date passed); Partly Paid (0 < outstanding < total); Unpaid
 * (outstanding > 0); Credit Note Issued (a return exists against it); Return; Paid (outstanding ≤ 0).
 * The "… and Discounted" variants (invoice discounting) and Internal Transfer are not produced.
 * `today` is YYYY-MM-DD.
 */
export function salesInvoiceStatus(input: SalesInvoiceStatusInput, today: string): string {
  if (input.docstatus === 2) return 'Cancelled';
  if (input.docstatus !== 1) return 'Draft';
  const outstanding = money(input.outstanding_amount);
  const total = money(input.grand_total);
  const isReturn = Boolean(Number(input.is_return ?? 0));
  if (outstanding.gt(0) && input.due_date && input.due_date < today) return 'Overdue';
  if (outstanding.gt(0) && outstanding.lt(total)) return 'Partly Paid';
  if (outstanding.gt(0)) return 'Unpaid';
  if (!isReturn && input.credit_note_issued) return 'Credit Note Issued';
  if (isReturn) return 'Return';
  return 'Paid';
}
