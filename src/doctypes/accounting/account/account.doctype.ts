import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Account types (the Select options of account.json, v15). */
export const ACCOUNT_TYPES = [
  'Accumulated Depreciation',
  'Asset Received But Not Billed',
  'Bank',
  'Cash',
  'Chargeable',
  'Capital Work in Progress',
  'Cost of Goods Sold',
  'Current Asset',
  'Current Liability',
  'Depreciation',
  'Direct Expense',
  'Direct Income',
  'Equity',
  'Expense Account',
  'Expenses Included In Asset Valuation',
  'Expenses Included In Valuation',
  'Fixed Asset',
  'Income Account',
  'Indirect Expense',
  'Indirect Income',
  'Liability',
  'Payable',
  'Receivable',
  'Round Off',
  'Stock',
  'Stock Adjustment',
  'Stock Received But Not Billed',
  'Service Received But Not Billed',
  'Tax',
  'Temporary',
] as const;

export const ROOT_TYPES = ['Asset', 'Liability', 'Income', 'Expense', 'Equity'] as const;
export type RootType = (typeof ROOT_TYPES)[number];

/**
 * ERPNext's Account: a nested set per company (roots are the five root types' groups), named
 * `[<account_number> - ]<account_name> - <company abbr>` by its controller. report_type follows
 * root_type; a child takes its parent's root_type.
 */
export const Account = defineDocType({
  name: 'Account',
  module: 'Accounts',
  autoname: 'prompt',
  nsm_parent_field: 'parent_account',
  company_field: 'company',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disable', default: 0 },
    { fieldname: 'account_name', fieldtype: 'Data', label: 'Account Name', reqd: true },
    { fieldname: 'account_number', fieldtype: 'Data', label: 'Account Number', index: true },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true, index: true },
    { fieldname: 'root_type', fieldtype: 'Select', label: 'Root Type', options: '\nAsset\nLiability\nIncome\nExpense\nEquity', description: 'Set on root accounts; others take their parent\'s' },
    { fieldname: 'report_type', fieldtype: 'Select', label: 'Report Type', options: '\nBalance Sheet\nProfit and Loss', read_only: true },
    { fieldname: 'account_currency', fieldtype: 'Link', label: 'Currency', options: 'Currency', description: 'Blank: the company\'s default currency' },
    { fieldname: 'parent_account', fieldtype: 'Link', label: 'Parent Account', options: 'Account', index: true, same_company: true },
    { fieldname: 'account_type', fieldtype: 'Select', label: 'Account Type', options: ['', ...ACCOUNT_TYPES].join('\n') },
    { fieldname: 'tax_rate', fieldtype: 'Float', label: 'Rate', precision: 2 },
    { fieldname: 'freeze_account', fieldtype: 'Select', label: 'Frozen', options: 'No\nYes', default: 'No' },
    { fieldname: 'balance_must_be', fieldtype: 'Select', label: 'Balance must be', options: '\nDebit\nCredit' },
    { fieldname: 'include_in_gross', fieldtype: 'Check', label: 'Include in gross', default: 0 },
  ],
  permissions: [...grant(FULL, 'Accounts Manager'), ...grant(READ, 'Accounts User')],
});
