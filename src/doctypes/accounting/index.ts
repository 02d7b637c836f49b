import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../kernel/metadata/types';
import { AccountController } from './account/account.controller';
import { Account } from './account/account.doctype';
import { AccountingPeriodController } from './accounting-period/accounting-period.controller';
import { AccountingPeriod } from './accounting-period/accounting-period.doctype';
import { ClosedDocument } from './closed-document/closed-document.doctype';
import { CostCenterController } from './cost-center/cost-center.controller';
import { CostCenter } from './cost-center/cost-center.doctype';
import { GLEntryController } from './gl-entry/gl-entry.controller';
import { GLEntry } from './gl-entry/gl-entry.doctype';
import { SalesTaxesAndCharges } from './sales-taxes-and-charges/sales-taxes-and-charges.doctype';
import { FiscalYearCompany } from './fiscal-year-company/fiscal-year-company.doctype';
import { FiscalYearController } from './fiscal-year/fiscal-year.controller';
import { FiscalYear } from './fiscal-year/fiscal-year.doctype';
import { ModeOfPaymentAccount } from './mode-of-payment-account/mode-of-payment-account.doctype';
import { ModeOfPaymentController } from './mode-of-payment/mode-of-payment.controller';
import { ModeOfPayment } from './mode-of-payment/mode-of-payment.doctype';
import { TAX_CONFIG_CONTROLLERS, TAX_CONFIG_DOCTYPES } from './tax-config';
import { PAYMENT_CONTROLLERS, PAYMENT_DOCTYPES } from './payment-entry';
import { SALES_INVOICE_CONTROLLERS, SALES_INVOICE_DOCTYPES } from './sales-invoice';
import { JOURNAL_ENTRY_CONTROLLERS, JOURNAL_ENTRY_DOCTYPES } from './journal-entry';

/** The accounting masters (issue 9): chart of accounts, cost centers, fiscal years, periods, modes of payment. */
export const ACCOUNTING_DOCTYPES: DocTypeDef[] = [
  Account,
  CostCenter,
  FiscalYear,
  FiscalYearCompany,
  AccountingPeriod,
  ClosedDocument,
  ModeOfPayment,
  ModeOfPaymentAccount,
  GLEntry,
  SalesTaxesAndCharges,
  ...TAX_CONFIG_DOCTYPES,
  ...PAYMENT_DOCTYPES,
  ...SALES_INVOICE_DOCTYPES,
  ...JOURNAL_ENTRY_DOCTYPES,
];

export const ACCOUNTING_CONTROLLERS: Type[] = [
  AccountController,
  CostCenterController,
  FiscalYearController,
  AccountingPeriodController,
  ModeOfPaymentController,
  GLEntryController,
  ...TAX_CONFIG_CONTROLLERS,
  ...PAYMENT_CONTROLLERS,
  ...SALES_INVOICE_CONTROLLERS,
  ...JOURNAL_ENTRY_CONTROLLERS,
];
