import { PaymentEntryReference } from '../payment-entry-reference/payment-entry-reference.doctype';
import { PaymentEntryController } from './payment-entry.controller';
import { PaymentEntry } from './payment-entry.doctype';

/** Payment Entry (issue 9): its doctypes and controller, spread into ACCOUNTING_DOCTYPES / ACCOUNTING_CONTROLLERS. */
export const PAYMENT_DOCTYPES = [PaymentEntry, PaymentEntryReference];
export const PAYMENT_CONTROLLERS = [PaymentEntryController];
