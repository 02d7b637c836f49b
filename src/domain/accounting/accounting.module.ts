import { Module } from '@nestjs/common';
import { GeneralLedger } from './general-ledger';

/** The general ledger, given to every controller of a voucher that posts to the books. */
@Module({ providers: [GeneralLedger], exports: [GeneralLedger] })
export class AccountingModule {}
