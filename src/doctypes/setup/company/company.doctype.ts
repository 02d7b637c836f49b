import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../permissions';

/**
 * ERPNext's Company: a legal entity with its own books. A nested set on parent_company, like
 * ERPNext's. Inserting one installs the standard chart of accounts and sets the account and
 * cost center defaults (src/domain/accounting/chart-of-accounts.ts).
 */
export const Company = defineDocType({
  name: 'Company',
  module: 'Setup',
  autoname: 'field:company_name',
  nsm_parent_field: 'parent_company',
  // A company's own Account and Cost Center links must belong to it (same_company).
  company_field: 'name',
  sort_field: 'modified',
  sort_order: 'asc',
  fields: [
    { fieldname: 'company_name', fieldtype: 'Data', label: 'Company', reqd: true, unique: true },
    { fieldname: 'abbr', fieldtype: 'Data', label: 'Abbr', reqd: true, unique: true, length: 20, description: 'Set once; suffixes warehouse and account names' },
    { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
    { fieldname: 'parent_company', fieldtype: 'Link', label: 'Parent Company', options: 'Company', index: true },
    { fieldname: 'domain', fieldtype: 'Data', label: 'Domain' },
    { fieldname: 'default_currency', fieldtype: 'Link', label: 'Default Currency', options: 'Currency', reqd: true },
    { fieldname: 'country', fieldtype: 'Link', label: 'Country', options: 'Country', reqd: true },
    { fieldname: 'tax_id', fieldtype: 'Data', label: 'Tax ID' },
    { fieldname: 'date_of_establishment', fieldtype: 'Date', label: 'Date of Establishment' },
    { fieldname: 'default_warehouse_for_sales_return', fieldtype: 'Link', label: 'Default Warehouse for Sales Return', options: 'Warehouse' },
    { fieldname: 'default_in_transit_warehouse', fieldtype: 'Link', label: 'Default In-Transit Warehouse', options: 'Warehouse' },
    { fieldname: 'credit_limit', fieldtype: 'Currency', label: 'Credit Limit' },
    { fieldname: 'default_bank_account', fieldtype: 'Link', label: 'Default Bank Account', options: 'Account', same_company: true },
    { fieldname: 'default_cash_account', fieldtype: 'Link', label: 'Default Cash Account', options: 'Account', same_company: true },
    { fieldname: 'default_receivable_account', fieldtype: 'Link', label: 'Default Receivable Account', options: 'Account', same_company: true },
    { fieldname: 'round_off_account', fieldtype: 'Link', label: 'Round Off Account', options: 'Account', same_company: true },
    { fieldname: 'round_off_cost_center', fieldtype: 'Link', label: 'Round Off Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'default_payable_account', fieldtype: 'Link', label: 'Default Payable Account', options: 'Account', same_company: true },
    { fieldname: 'default_expense_account', fieldtype: 'Link', label: 'Default Cost of Goods Sold Account', options: 'Account', same_company: true },
    { fieldname: 'default_income_account', fieldtype: 'Link', label: 'Default Income Account', options: 'Account', same_company: true },
    { fieldname: 'exchange_gain_loss_account', fieldtype: 'Link', label: 'Exchange Gain / Loss Account', options: 'Account', same_company: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Default Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'accounts_frozen_till_date', fieldtype: 'Date', label: 'Accounts Frozen Till Date' },
    { fieldname: 'require_taxes', fieldtype: 'Check', label: 'Require Taxes', default: 0 },
    { fieldname: 'enable_perpetual_inventory', fieldtype: 'Check', label: 'Enable Perpetual Inventory', default: 1 },
    { fieldname: 'default_inventory_account', fieldtype: 'Link', label: 'Default Inventory Account', options: 'Account', same_company: true },
    { fieldname: 'stock_adjustment_account', fieldtype: 'Link', label: 'Stock Adjustment Account', options: 'Account', same_company: true },
    { fieldname: 'stock_received_but_not_billed', fieldtype: 'Link', label: 'Stock Received But Not Billed', options: 'Account', same_company: true },
    { fieldname: 'cost_of_goods_sold_account', fieldtype: 'Link', label: 'Cost of Goods Sold Account', options: 'Account', same_company: true },
    {
      fieldname: 'enable_perpetual_inventory_for_non_stock_items',
      fieldtype: 'Check',
      label: 'Enable Perpetual Inventory For Non Stock Items',
      default: 0,
    },
    { fieldname: 'phone_no', fieldtype: 'Data', label: 'Phone No' },
    { fieldname: 'email', fieldtype: 'Data', label: 'Email' },
    { fieldname: 'website', fieldtype: 'Data', label: 'Website' },
    { fieldname: 'company_description', fieldtype: 'Long Text', label: 'Company Description' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Accounts Manager'),
    ...grant(READ, 'Accounts User', 'Sales Manager', 'Sales User', 'Stock Manager', 'Stock User', 'Item Manager'),
  ],
});
