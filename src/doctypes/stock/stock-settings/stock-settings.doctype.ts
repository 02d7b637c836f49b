import { defineDocType } from '../../../kernel/metadata/types';
import { grant, READ } from '../../setup/permissions';

export const STOCK_SETTINGS = 'Stock Settings';

/**
 * ERPNext's Stock Settings (a Single there): one record, named Stock Settings, created at install.
 * The valuation method of items that name none, negative stock, and the backdating policy.
 */
export const StockSettings = defineDocType({
  name: STOCK_SETTINGS,
  module: 'Stock',
  autoname: 'prompt',
  fields: [
    { fieldname: 'valuation_method', fieldtype: 'Select', label: 'Default Valuation Method', options: 'FIFO\nMoving Average', default: 'FIFO', reqd: true },
    { fieldname: 'allow_negative_stock', fieldtype: 'Check', label: 'Allow Negative Stock', default: 0 },
    {
      fieldname: 'role_allowed_to_post_backdated',
      fieldtype: 'Link',
      label: 'Role Allowed to Create/Edit Back-dated Transactions',
      options: 'Role',
      default: 'Stock Manager',
      description: 'A posting date and time before now needs this role ("Backdated entries require approval." otherwise)',
    },
    {
      fieldname: 'repost_in_transaction_limit',
      fieldtype: 'Int',
      label: 'Repost Inside the Posting Transaction up to (entries)',
      default: 500,
      description: 'A backdated entry with at most this many later entries of its item and warehouse revalues them before it commits; more are revalued by one background job per item and warehouse',
    },
  ],
  permissions: [...grant(['read', 'write'], 'System Manager', 'Stock Manager'), ...grant(READ, 'Stock User')],
});
