import { Module } from '@nestjs/common';
import { RepostJob } from './repost-job';
import { StockLedger } from './stock-ledger';

/** The stock ledger, given to every controller of a voucher that moves stock, and its background repost. */
@Module({ providers: [StockLedger, RepostJob], exports: [StockLedger] })
export class StockModule {}
