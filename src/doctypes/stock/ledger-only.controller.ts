import { DocController } from '../../kernel/document/controllers';
import { DocHooks } from '../../kernel/document/types';
import { ValidationError } from '../../kernel/errors/errors';

/** Bins and SLEs are written by the stock ledger alone (src/domain/stock), never through the document lifecycle. */
function refuseWrite(doctype: string): never {
  throw new ValidationError(`${doctype} is written by the stock ledger only: post a stock voucher (Stock Entry, Stock Reconciliation) instead`);
}

function refuseDelete(doctype: string): never {
  throw new ValidationError(`${doctype} entries are never deleted: cancel the voucher that posted them`);
}

@DocController('Bin')
export class BinController implements DocHooks {
  validate(): void {
    refuseWrite('Bin');
  }

  onTrash(): void {
    refuseDelete('Bin');
  }
}

@DocController('Stock Ledger Entry')
export class StockLedgerEntryController implements DocHooks {
  validate(): void {
    refuseWrite('Stock Ledger Entry');
  }

  onUpdateAfterSubmit(): void {
    refuseWrite('Stock Ledger Entry');
  }

  beforeCancel(): void {
    refuseWrite('Stock Ledger Entry');
  }

  onTrash(): void {
    refuseDelete('Stock Ledger Entry');
  }
}
