import Decimal from 'decimal.js';
import { checkStockIntegrity } from '../../../domain/stock/integrity';
import {
  ReportOptions,
  ReportPage,
  reportFilters,
  requireRead,
  stockBalance,
  stockLedgerReport,
  stockProjectedQty,
} from '../../../domain/stock/reports';
import { PermissionError } from '../../../kernel/errors/errors';
import { wireNumber } from '../../../kernel/money/decimal';
import { defineMethod, MethodInput, ParamDef } from '../method-registry';

const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const NAME = (what: string): ParamDef => ({ type: 'string', description: what });
const DATE = (what: string): ParamDef => ({ type: 'string', description: `${what} (YYYY-MM-DD, inclusive)` });

/** The filters every stock report takes. */
const SCOPE_PARAMS: Record<string, ParamDef> = {
  company: NAME('Company'),
  item_code: NAME('Item'),
  item_group: NAME('Item Group (its descendants too)'),
  warehouse: NAME('Warehouse (a group warehouse: its descendants too)'),
};
const DATE_PARAMS: Record<string, ParamDef> = { from_date: DATE('first posting date'), to_date: DATE('last posting date') };
const PAGE_PARAMS: Record<string, ParamDef> = {
  limit_start: { ...COUNT, description: 'offset of the first row' },
  limit_page_length: { ...COUNT, description: 'rows per page, default 20; 0 (or more than the cap) means the largest page' },
};

/** Roles that may run the ledger-integrity check. */
const INTEGRITY_ROLES = ['System Manager', 'Stock Manager'];

function options({ services }: MethodInput): ReportOptions {
  return { engine: services.db.engine, maxPageLength: services.config.maxPageLength };
}

/** A report page on the wire: decimals as exact JSON numbers. */
function wirePage<R extends object>(page: ReportPage<R>): { rows: Record<string, unknown>[]; total: number } {
  return {
    rows: page.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Decimal ? wireNumber(v) : v]))),
    total: page.total,
  };
}

/** Stock reports (ERPNext's Stock Balance, Stock Ledger, Stock Projected Qty) and the ledger-integrity check. */
export const STOCK_REPORT_METHODS = [
  defineMethod({
    path: 'docket.stock.stock_balance',
    methods: ['GET'],
    graphql: { field: 'stockBalance' },
    summary:
      'Stock Balance: per item and warehouse, opening qty/value before from_date, in and out qty/value over the period, balance qty/value and valuation rate at to_date, from the ledger. Needs read on Stock Ledger Entry',
    params: {
      ...SCOPE_PARAMS,
      ...DATE_PARAMS,
      include_zero_stock_items: { type: 'boolean', description: 'keep rows whose balance qty and value are both 0' },
      ...PAGE_PARAMS,
    },
    handler: async (call) => {
      await requireRead(call.ctx, 'Stock Ledger Entry');
      const filters = { ...reportFilters(call.args), include_zero_stock_items: call.args.include_zero_stock_items === true };
      return wirePage(await stockBalance(call.ctx, filters, options(call)));
    },
  }),
  defineMethod({
    path: 'docket.stock.stock_ledger',
    methods: ['GET'],
    graphql: { field: 'stockLedger' },
    summary: 'Stock Ledger: the non-cancelled ledger entries in posting order, with item, voucher, quantities, balance, rates and values. Needs read on Stock Ledger Entry',
    params: { ...SCOPE_PARAMS, ...DATE_PARAMS, ...PAGE_PARAMS },
    handler: async (call) => {
      await requireRead(call.ctx, 'Stock Ledger Entry');
      return wirePage(await stockLedgerReport(call.ctx, reportFilters(call.args), options(call)));
    },
  }),
  defineMethod({
    path: 'docket.stock.stock_projected_qty',
    methods: ['GET'],
    graphql: { field: 'stockProjectedQty' },
    summary: 'Stock Projected Qty: each Bin of an enabled stock item with actual, planned, requested, ordered, reserved and projected qty. Needs read on Bin',
    params: { ...SCOPE_PARAMS, ...PAGE_PARAMS },
    handler: async (call) => {
      await requireRead(call.ctx, 'Bin');
      return wirePage(await stockProjectedQty(call.ctx, reportFilters(call.args), options(call)));
    },
  }),
  defineMethod({
    path: 'docket.stock.check_ledger_integrity',
    methods: ['GET'],
    summary:
      'Ledger-integrity check: replays every (item, warehouse) ledger and compares entries and Bins with it; answers {ok, problems, pending, checked}. System Manager or Stock Manager only',
    params: {
      company: NAME('only this Company (required of a user restricted to some companies)'),
      item_code: NAME('only this Item'),
      warehouse: NAME('only this Warehouse (a group: its descendants too)'),
    },
    handler: async ({ ctx, args, services }) => {
      if (!INTEGRITY_ROLES.some((r) => ctx.hasRole(r))) throw new PermissionError(`Only ${INTEGRITY_ROLES.join(' or ')} may check the stock ledger`);
      const { company, item_code, warehouse } = reportFilters(args);
      return checkStockIntegrity(ctx, { company, item_code, warehouse }, services.docs.registry.numbers);
    },
  }),
];
