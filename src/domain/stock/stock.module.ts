import { Module } from '@nestjs/common';
import { StockLedger } from './stock-ledger';

/** The stock ledger, given to every controller of a voucher that moves stock. */
@Module({ providers: [StockLedger], exports: [StockLedger] })
export class StockModule {}
