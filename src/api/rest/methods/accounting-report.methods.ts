import Decimal from 'decimal.js';
import {
  accountingFilters,
  accountsReceivable,
  balanceSheet,
  checkAgeingBasedOn,
  checkLedgerIntegrity,
  generalLedgerReport,
  profitAndLoss,
  requireCompanyScope,
  taxSummary,
  trialBalance,
} from '../../../domain/accounting/reports';
import { DataError, PermissionError } from '../../../kernel/errors/errors';
import { wireNumber } from '../../../kernel/money/decimal';
import { defineMethod, MethodInput, ParamDef } from '../method-registry';

const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const NAME = (what: string): ParamDef => ({ type: 'string', description: what });
const DATE = (what: string): ParamDef => ({ type: 'string', description: `${what} (YYYY-MM-DD, inclusive)` });

const COMPANY: Record<string, ParamDef> = { company: NAME('Company; without it the report is consolidated (needs access to every company)') };
const PERIOD: Record<string, ParamDef> = { from_date: DATE('first posting date'), to_date: DATE('last posting date') };
const PAGE: Record<string, ParamDef> = {
  limit_start: { ...COUNT, description: 'offset of the first row' },
  limit_page_length: { ...COUNT, description: 'rows per page, default 20; 0 (or more than the cap) means the largest page' },
};

const INTEGRITY_ROLES = ['System Manager', 'Accounts Manager'];

function options({ services }: MethodInput) {
  return { engine: services.db.engine, maxPageLength: services.config.maxPageLength };
}

/** Decimals as exact JSON numbers, all the way down. */
function wire(v: unknown): unknown {
  if (v instanceof Decimal) return wireNumber(v);
  if (Array.isArray(v)) return v.map(wire);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]));
  return v;
}

/** The filters, checked, with the company scope enforced. */
async function scoped(call: MethodInput) {
  const f = accountingFilters(call.args);
  await requireCompanyScope(call.ctx, f);
  return f;
}

function period<F extends { from_date?: string; to_date?: string }>(f: F): F & { from_date: string; to_date: string } {
  if (!f.from_date || !f.to_date) throw new DataError('from_date and to_date are mandatory');
  return f as F & { from_date: string; to_date: string };
}

/** Accounting reports (ERPNext's General Ledger, Trial Balance, P&L, Balance Sheet, Accounts Receivable, a tax summary) and the ledger-integrity check. */
export const ACCOUNTING_REPORT_METHODS = [
  defineMethod({
    path: 'docket.accounts.general_ledger',
    methods: ['GET'],
    graphql: { field: 'generalLedger' },
    summary: 'General Ledger: the non-cancelled GL entries in posting order with opening (before from_date), running balance and closing. Needs read on GL Entry',
    params: {
      ...COMPANY,
      ...PERIOD,
      account: NAME('Account (a group account: its descendants too)'),
      party_type: NAME('Party Type'),
      party: NAME('Party'),
      voucher_no: NAME('Voucher No'),
      cost_center: NAME('Cost Center'),
      ...PAGE,
    },
    handler: async (call) => wire(await generalLedgerReport(call.ctx, await scoped(call), options(call))),
  }),
  defineMethod({
    path: 'docket.accounts.trial_balance',
    methods: ['GET'],
    graphql: { field: 'trialBalance' },
    summary:
      "Trial Balance: per account opening debit/credit, the period's debit/credit and closing debit/credit, groups rolled up; P&L accounts open at their fiscal year's start. Needs read on GL Entry",
    params: { ...COMPANY, ...PERIOD },
    handler: async (call) => wire(await trialBalance(call.ctx, period(await scoped(call)), options(call))),
  }),
  defineMethod({
    path: 'docket.accounts.profit_and_loss',
    methods: ['GET'],
    graphql: { field: 'profitAndLoss' },
    summary: 'Profit and Loss Statement: income and expense per account over the period, and the net profit. Needs read on GL Entry',
    params: { ...COMPANY, ...PERIOD },
    handler: async (call) => wire(await profitAndLoss(call.ctx, period(await scoped(call)), options(call))),
  }),
  defineMethod({
    path: 'docket.accounts.balance_sheet',
    methods: ['GET'],
    graphql: { field: 'balanceSheet' },
    summary: "Balance Sheet at to_date: asset, liability and equity per account, with the unclosed profit as 'Provisional Profit / Loss (Credit)'. Needs read on GL Entry",
    params: { ...COMPANY, to_date: DATE('the balance sheet date') },
    handler: async (call) => {
      const f = await scoped(call);
      if (!f.to_date) throw new DataError('to_date is mandatory');
      return wire(await balanceSheet(call.ctx, { ...f, to_date: f.to_date }, options(call)));
    },
  }),
  defineMethod({
    path: 'docket.accounts.accounts_receivable',
    methods: ['GET'],
    graphql: { field: 'accountsReceivable' },
    summary: 'Accounts Receivable: per customer invoice, invoiced, paid, outstanding, age in days and ageing buckets 0-30, 31-60, 61-90, 90+. Needs read on GL Entry',
    params: {
      ...COMPANY,
      party: NAME('Customer'),
      report_date: DATE('the day ages are counted to, default today'),
      ageing_based_on: { type: 'string', description: "'Posting Date' (the only basis: GL entries carry no due date)" },
      ...PAGE,
    },
    handler: async (call) => {
      checkAgeingBasedOn(call.args.ageing_based_on);
      const f = await scoped(call);
      const report_date = accountingFilters({ to_date: call.args.report_date }).to_date;
      return wire(await accountsReceivable(call.ctx, { ...f, report_date }, options(call)));
    },
  }),
  defineMethod({
    path: 'docket.accounts.tax_summary',
    methods: ['GET'],
    graphql: { field: 'taxSummary' },
    summary: "Tax summary (the guide's Q3 audit): per company and tax account (account_type Tax), debit, credit and net over the period. Needs read on GL Entry",
    params: { ...COMPANY, ...PERIOD },
    handler: async (call) => wire({ rows: await taxSummary(call.ctx, await scoped(call), options(call)) }),
  }),
  defineMethod({
    path: 'docket.accounts.check_ledger_integrity',
    methods: ['GET'],
    summary:
      'Accounting ledger integrity: every voucher balanced, each trial balance nets to zero, stock-in-hand GL equals the stock ledger value (perpetual inventory); answers {ok, problems}. System Manager or Accounts Manager only',
    params: { ...COMPANY },
    handler: async (call) => {
      if (!INTEGRITY_ROLES.some((r) => call.ctx.hasRole(r))) throw new PermissionError(`Only ${INTEGRITY_ROLES.join(' or ')} may check the accounting ledger`);
      const f = await scoped(call);
      return checkLedgerIntegrity(call.ctx, f.company, options(call));
    },
  }),
];
