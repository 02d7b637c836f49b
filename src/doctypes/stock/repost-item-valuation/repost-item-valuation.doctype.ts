import { defineDocType } from '../../../kernel/metadata/types';
import { grant, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext's Repost Item Valuation, coalesced: one row per (item, warehouse), reused by every
 * backdated entry or cancellation too big to revalue inside its own transaction. `posting_datetime`
 * is the earliest point still to revalue; the background job walks forward from it in batches and
 * records where it stopped (`current_sle`), so a crash resumes there.
 */
export const RepostItemValuation = defineDocType({
  name: 'Repost Item Valuation',
  module: 'Stock',
  autoname: 'hash',
  track_changes: false,
  unique_keys: [['item_code', 'warehouse']],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true, read_only: true },
    { fieldname: 'warehouse', fieldtype: 'Link', label: 'Warehouse', options: 'Warehouse', reqd: true, read_only: true },
    { fieldname: 'status', fieldtype: 'Select', label: 'Status', options: 'Completed\nQueued\nIn Progress\nFailed', default: 'Completed', read_only: true, index: true },
    { fieldname: 'posting_datetime', fieldtype: 'Datetime', label: 'Revalue From', read_only: true },
    { fieldname: 'current_sle', fieldtype: 'Data', label: 'Last Entry Revalued', read_only: true },
    { fieldname: 'entries_reposted', fieldtype: 'Int', label: 'Entries Revalued', read_only: true },
    { fieldname: 'error_log', fieldtype: 'Long Text', label: 'Error Log', read_only: true },
  ],
  permissions: [...grant(READ_REPORT, 'System Manager', 'Stock Manager')],
});
