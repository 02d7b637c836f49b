import { Ctx } from '../../kernel/db/context';
import { Doc } from '../../kernel/document/types';
import { PermissionError, ValidationError } from '../../kernel/errors/errors';
import { isBackdated, nowTime, today } from '../../kernel/time/clock';
import { StockPolicy } from './stock-settings';

/**
 * ERPNext's posting date and time of a stock voucher: now unless set_posting_time is checked; a
 * future one is refused; one before now (a backdated entry, which reposts later entries) needs
 * the role Stock Settings names (the guide's "Backdated entries require approval.").
 */
export function settlePostingTime(ctx: Ctx, doc: Doc, policy: StockPolicy): void {
  if (!Number(doc.set_posting_time)) {
    doc.posting_date = today();
    doc.posting_time = nowTime();
    return;
  }
  if (!doc.posting_date) throw new ValidationError('Posting Date is mandatory when Edit Posting Date and Time is checked');
  doc.posting_time ??= '00:00:00.000000';
  if (String(doc.posting_date) > today() || (String(doc.posting_date) === today() && String(doc.posting_time) > nowTime())) {
    throw new ValidationError('Posting future stock transactions is not allowed: the posting date and time must not be after now');
  }
  if (isBackdated(String(doc.posting_date), String(doc.posting_time)) && !ctx.hasRole(policy.backdatedRole) && !ctx.elevated) {
    throw new PermissionError('Backdated entries require approval.');
  }
}
