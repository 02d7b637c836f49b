import { Module } from '@nestjs/common';
import { GeneralLedger } from './general-ledger';
import { StockRepostGl } from './stock-repost-gl';

/** The general ledger, given to every controller of a voucher that posts to the books, and the stock repost's GL adjustment. */
@Module({ providers: [GeneralLedger, StockRepostGl], exports: [GeneralLedger, StockRepostGl] })
export class AccountingModule {}
