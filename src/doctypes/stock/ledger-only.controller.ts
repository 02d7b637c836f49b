import { DocController } from '../../kernel/document/controllers';
import { LedgerOnlyController } from '../ledger-only';

const STOCK_LEDGER = 'the stock ledger only: post a stock voucher (Stock Entry, Stock Reconciliation) instead';

/** Bins and SLEs are written by the stock ledger alone (src/domain/stock). */
@DocController('Bin')
export class BinController extends LedgerOnlyController {
  protected readonly doctype = 'Bin';
  protected readonly writtenBy = STOCK_LEDGER;
}

@DocController('Stock Ledger Entry')
export class StockLedgerEntryController extends LedgerOnlyController {
  protected readonly doctype = 'Stock Ledger Entry';
  protected readonly writtenBy = STOCK_LEDGER;
}
