import { DocController } from '../../../kernel/document/controllers';
import { LedgerOnlyController } from '../../ledger-only';

/** GL Entries are written by the general ledger alone (src/domain/accounting/general-ledger.ts). */
@DocController('GL Entry')
export class GLEntryController extends LedgerOnlyController {
  protected readonly doctype = 'GL Entry';
  protected readonly writtenBy = 'the general ledger only: submit or cancel the voucher (Journal Entry, Sales Invoice, Payment Entry, stock vouchers) instead';
}
