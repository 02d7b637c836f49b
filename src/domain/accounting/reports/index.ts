export { accountingFilters, requireCompanyScope } from './common';
export type { AccountingFilters } from './common';
export { generalLedgerReport } from './general-ledger-report';
export { trialBalance } from './trial-balance';
export { profitAndLoss, balanceSheet } from './financial-statements';
export { taxSummary } from './tax-summary';
export { accountsReceivable, checkAgeingBasedOn } from './accounts-receivable';
export { checkLedgerIntegrity } from './ledger-integrity';
