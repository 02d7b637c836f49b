import { DocHooks } from '../kernel/document/types';
import { ValidationError } from '../kernel/errors/errors';

/**
 * A doctype written by a ledger alone (Bin, Stock Ledger Entry, GL Entry), never through the
 * document lifecycle: every save, update after submit, cancel and delete is refused, saying what
 * to do instead.
 */
export abstract class LedgerOnlyController implements DocHooks {
  protected abstract readonly doctype: string;
  /** who writes it and what to post instead, e.g. "the stock ledger only: post a stock voucher" */
  protected abstract readonly writtenBy: string;

  validate(): void {
    this.refuseWrite();
  }

  onUpdateAfterSubmit(): void {
    this.refuseWrite();
  }

  beforeCancel(): void {
    this.refuseWrite();
  }

  onTrash(): void {
    throw new ValidationError(`${this.doctype} entries are never deleted: cancel the voucher that posted them`);
  }

  private refuseWrite(): never {
    throw new ValidationError(`${this.doctype} is written by ${this.writtenBy}`);
  }
}
