import { Module } from '@nestjs/common';
import { PriceBook } from './price-book';

/** The price function every selling read and document takes its rates from. */
@Module({ providers: [PriceBook], exports: [PriceBook] })
export class PricingModule {}
