import { DocController } from '../../kernel/document/controllers';
import { DocHooks } from '../../kernel/document/types';
import { ValidationError } from '../../kernel/errors/errors';

/** Refuses every write through the document lifecycle: the stock ledger alone keeps Bins and SLEs. */
function ledgerOnly(doctype: string): new () => DocHooks {
  @DocController(doctype)
  class LedgerOnlyController implements DocHooks {
    validate(): void {
      throw new ValidationError(`${doctype} is written by the stock ledger only: post a stock voucher (Stock Entry, Stock Reconciliation) instead`);
    }

    onTrash(): void {
      throw new ValidationError(`${doctype} entries are never deleted: cancel the voucher that posted them`);
    }
  }
  return LedgerOnlyController;
}

export const BinController = ledgerOnly('Bin');
export const StockLedgerEntryController = ledgerOnly('Stock Ledger Entry');
