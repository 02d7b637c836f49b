import { Ctx } from '../../kernel/db/context';
import { Doc } from '../../kernel/document/types';
import { today } from '../../kernel/time/clock';

/** One account of a chart template: a group when it has children or says so. */
export interface ChartNode {
  account_type?: string;
  is_group?: 1;
  /** Company fields that default to this account (ERPNext's Company.set_default_accounts). */
  defaults?: readonly CompanyAccountField[];
  children?: Record<string, ChartNode>;
}

export type CompanyAccountField =
  | 'default_receivable_account'
  | 'default_payable_account'
  | 'default_income_account'
  | 'default_expense_account'
  | 'cost_of_goods_sold_account'
  | 'stock_received_but_not_billed'
  | 'default_inventory_account'
  | 'stock_adjustment_account'
  | 'round_off_account'
  | 'default_cash_account'
  | 'default_bank_account'
  | 'exchange_gain_loss_account';

export interface ChartRoot {
  root_type: 'Asset' | 'Liability' | 'Equity' | 'Income' | 'Expense';
  children: Record<string, ChartNode>;
}

const leaf = (account_type?: string, ...defaults: CompanyAccountField[]): ChartNode => ({
  ...(account_type ? { account_type } : {}),
  ...(defaults.length ? { defaults } : {}),
});
const group = (children: Record<string, ChartNode> = {}, account_type?: string): ChartNode => ({ is_group: 1, children, ...(account_type ? { account_type } : {}) });
const fixedAsset = leaf('Fixed Asset');

/**
 * ERPNext's standard chart of accounts (accounts/doctype/account/chart_of_accounts/verified/
 * standard_chart_of_accounts.py, without numbers), plus a "VAT" Tax leaf under Duties and Taxes
 * so that a new company has a tax account to use. The company defaults are marked on their leaves.
 */
export const STANDARD_CHART: Record<string, ChartRoot> = {
  'Application of Funds (Assets)': {
    root_type: 'Asset',
    children: {
      'Current Assets': group({
        'Accounts Receivable': group({ Debtors: leaf('Receivable', 'default_receivable_account') }),
        'Bank Accounts': group({}, 'Bank'),
        'Cash In Hand': group({ Cash: leaf('Cash', 'default_cash_account') }, 'Cash'),
        'Loans and Advances (Assets)': group({ 'Employee Advances': leaf() }),
        'Securities and Deposits': group({ 'Earnest Money': leaf() }),
        'Stock Assets': group({ 'Stock In Hand': leaf('Stock', 'default_inventory_account') }, 'Stock'),
        'Tax Assets': group(),
      }),
      'Fixed Assets': group({
        'Capital Equipments': fixedAsset,
        'Electronic Equipments': fixedAsset,
        'Furnitures and Fixtures': fixedAsset,
        'Office Equipments': fixedAsset,
        'Plants and Machineries': fixedAsset,
        Buildings: fixedAsset,
        Softwares: fixedAsset,
        'Accumulated Depreciation': leaf('Accumulated Depreciation'),
        'CWIP Account': leaf('Capital Work in Progress'),
      }),
      Investments: group(),
      'Temporary Accounts': group({ 'Temporary Opening': leaf('Temporary') }),
    },
  },
  Expenses: {
    root_type: 'Expense',
    children: {
      'Direct Expenses': group({
        'Stock Expenses': group({
          'Cost of Goods Sold': leaf('Cost of Goods Sold', 'cost_of_goods_sold_account', 'default_expense_account'),
          'Expenses Included In Asset Valuation': leaf('Expenses Included In Asset Valuation'),
          'Expenses Included In Valuation': leaf('Expenses Included In Valuation'),
          'Stock Adjustment': leaf('Stock Adjustment', 'stock_adjustment_account'),
        }),
      }),
      'Indirect Expenses': group({
        'Administrative Expenses': leaf(),
        'Commission on Sales': leaf(),
        Depreciation: leaf('Depreciation'),
        'Entertainment Expenses': leaf(),
        'Freight and Forwarding Charges': leaf('Chargeable'),
        'Legal Expenses': leaf(),
        'Marketing Expenses': leaf('Chargeable'),
        'Miscellaneous Expenses': leaf('Chargeable'),
        'Office Maintenance Expenses': leaf(),
        'Office Rent': leaf(),
        'Postal Expenses': leaf(),
        'Print and Stationery': leaf(),
        'Round Off': leaf('Round Off', 'round_off_account'),
        Salary: leaf(),
        'Sales Expenses': leaf(),
        'Telephone Expenses': leaf(),
        'Travel Expenses': leaf(),
        'Utility Expenses': leaf(),
        'Write Off': leaf(),
        'Exchange Gain/Loss': leaf(undefined, 'exchange_gain_loss_account'),
        'Gain/Loss on Asset Disposal': leaf(),
      }),
    },
  },
  Income: {
    root_type: 'Income',
    children: {
      'Direct Income': group({ Sales: leaf(undefined, 'default_income_account'), Service: leaf() }),
      'Indirect Income': group(),
    },
  },
  'Source of Funds (Liabilities)': {
    root_type: 'Liability',
    children: {
      'Current Liabilities': group({
        'Accounts Payable': group({ Creditors: leaf('Payable', 'default_payable_account'), 'Payroll Payable': leaf() }),
        'Stock Liabilities': group({
          'Stock Received But Not Billed': leaf('Stock Received But Not Billed', 'stock_received_but_not_billed'),
          'Asset Received But Not Billed': leaf('Asset Received But Not Billed'),
        }),
        'Duties and Taxes': group({ VAT: leaf('Tax') }, 'Tax'),
        'Loans (Liabilities)': group({ 'Secured Loans': leaf(), 'Unsecured Loans': leaf(), 'Bank Overdraft Account': leaf() }),
      }),
    },
  },
  Equity: {
    root_type: 'Equity',
    children: {
      'Capital Stock': leaf('Equity'),
      'Dividends Paid': leaf('Equity'),
      'Opening Balance Equity': leaf('Equity'),
      'Retained Earnings': leaf('Equity'),
      'Revaluation Surplus': leaf('Equity'),
    },
  },
};

export interface InstalledChart {
  /** The company's default account and cost center fields, as set on it. */
  defaults: Record<string, string>;
  fiscalYear: string;
}

/**
 * ERPNext's create_charts + Company.on_update for a new company, in the caller's transaction and
 * as the system: every account through the Account lifecycle (naming, nested set), the root cost
 * center `<company> - <abbr>` with `Main - <abbr>` under it, the company's default accounts and
 * cost centers, and a fiscal year covering today that lists the company.
 */
export async function installStandardChart(ctx: Ctx, company: Doc, chart: Record<string, ChartRoot> = STANDARD_CHART): Promise<InstalledChart> {
  return ctx.asSystem(async (sys) => {
    const defaults: Record<string, string> = {};
    const currency = company.default_currency ?? null;
    const insertNode = async (accountName: string, node: ChartNode, parent: string): Promise<void> => {
      const children = Object.entries(node.children ?? {});
      const account = await sys.insert('Account', {
        account_name: accountName,
        parent_account: parent,
        company: company.name,
        is_group: node.is_group || children.length ? 1 : 0,
        account_type: node.account_type ?? null,
        account_currency: currency,
      });
      for (const field of node.defaults ?? []) defaults[field] = String(account.name);
      for (const [childName, child] of children) await insertNode(childName, child, String(account.name));
    };
    for (const [rootName, root] of Object.entries(chart)) {
      const account = await sys.insert('Account', {
        account_name: rootName,
        company: company.name,
        is_group: 1,
        root_type: root.root_type,
        account_currency: currency,
      });
      for (const [childName, child] of Object.entries(root.children)) await insertNode(childName, child, String(account.name));
    }
    const root = await sys.insert('Cost Center', { cost_center_name: company.name, company: company.name, is_group: 1 });
    const main = await sys.insert('Cost Center', { cost_center_name: 'Main', company: company.name, parent_cost_center: root.name, is_group: 0 });
    defaults.cost_center = String(main.name);
    defaults.round_off_cost_center = String(main.name);
    const fiscalYear = await ensureFiscalYear(sys, company);
    return { defaults, fiscalYear };
  });
}

/**
 * A fiscal year covering today that applies to the company: an existing one that lists it (or
 * lists no company), else a new
 * calendar year named by the year (`<year> - <abbr>` when another company's year has that name).
 */
export async function ensureFiscalYear(ctx: Ctx, company: Doc, day: string = today()): Promise<string> {
  const covering = await ctx.getList('Fiscal Year', { filters: { year_start_date: ['<=', day], year_end_date: ['>=', day] }, fields: ['name'] });
  for (const fy of covering) {
    const rows = await ctx.getList('Fiscal Year Company', { filters: { parent: fy.name, parenttype: 'Fiscal Year' }, fields: ['company'] });
    // A year that lists no company applies to every company (ERPNext's get_fiscal_years).
    if (!rows.length || rows.some((r) => r.company === company.name)) return String(fy.name);
  }
  const year = day.slice(0, 4);
  const taken = await ctx.getValue('Fiscal Year', year, ['name']);
  const fy = await ctx.insert('Fiscal Year', {
    year: taken ? `${year} - ${company.abbr}` : year,
    year_start_date: `${year}-01-01`,
    year_end_date: `${year}-12-31`,
    companies: [{ company: company.name }],
  });
  return String(fy.name);
}
