import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../kernel/metadata/types';
import { Bin } from './bin/bin.doctype';
import { BinController, StockLedgerEntryController } from './ledger-only.controller';
import { RepostItemValuation } from './repost-item-valuation/repost-item-valuation.doctype';
import { StockEntryDetail } from './stock-entry-detail/stock-entry-detail.doctype';
import { StockEntryType } from './stock-entry-type/stock-entry-type.doctype';
import { StockEntryController } from './stock-entry/stock-entry.controller';
import { StockEntry } from './stock-entry/stock-entry.doctype';
import { StockLedgerEntry } from './stock-ledger-entry/stock-ledger-entry.doctype';
import { StockReconciliationItem } from './stock-reconciliation-item/stock-reconciliation-item.doctype';
import { StockReconciliationController } from './stock-reconciliation/stock-reconciliation.controller';
import { StockReconciliation } from './stock-reconciliation/stock-reconciliation.doctype';
import { StockSettingsController } from './stock-settings/stock-settings.controller';
import { StockSettings } from './stock-settings/stock-settings.doctype';

/** The stock ledger's doctypes (Item, Warehouse, Price List and UOM rows are masters). */
export const STOCK_DOCTYPES: DocTypeDef[] = [
  StockSettings,
  Bin,
  StockLedgerEntry,
  RepostItemValuation,
  StockEntryType,
  StockEntry,
  StockEntryDetail,
  StockReconciliation,
  StockReconciliationItem,
];

export const STOCK_CONTROLLERS: Type[] = [StockSettingsController, BinController, StockLedgerEntryController, StockEntryController, StockReconciliationController];
