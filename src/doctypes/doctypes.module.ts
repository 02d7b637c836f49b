import { Module } from '@nestjs/common';
import { AccountingModule } from '../domain/accounting/accounting.module';
import { CatalogModule } from '../domain/catalog/catalog.module';
import { StockModule } from '../domain/stock/stock.module';
import { LinkedContacts } from './contacts/dynamic-links';
import { CONTROLLERS } from './index';

/** The built-in doctypes' controllers and the helpers and domain services they are given. */
@Module({ imports: [StockModule, AccountingModule, CatalogModule], providers: [...CONTROLLERS, LinkedContacts] })
export class DoctypesModule {}
