import { Module } from '@nestjs/common';
import { AccountingModule } from '../accounting/accounting.module';
import { RepostJob } from './repost-job';
import { StockLedger } from './stock-ledger';

/** The stock ledger, given to every controller of a voucher that moves stock, and its background repost (which adjusts the stock GL through accounting). */
@Module({ imports: [AccountingModule], providers: [StockLedger, RepostJob], exports: [StockLedger] })
export class StockModule {}
