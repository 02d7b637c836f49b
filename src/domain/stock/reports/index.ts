export { requireRead } from './access';
export { reportFilters, DEFAULT_PAGE_LENGTH } from './filters';
export type { ReportOptions, ReportPage, StockReportFilters } from './filters';
export { stockBalance } from './stock-balance';
export type { StockBalanceFilters, StockBalanceRow } from './stock-balance';
export { stockLedgerReport } from './stock-ledger-report';
export type { StockLedgerRow } from './stock-ledger-report';
export { stockProjectedQty } from './stock-projected-qty';
export type { StockProjectedQtyRow } from './stock-projected-qty';
