import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** The purposes Docket's Stock Entry posts (ERPNext has more, for manufacturing and subcontracting). */
export const STOCK_ENTRY_PURPOSES = ['Material Issue', 'Material Receipt', 'Material Transfer'] as const;
export type StockEntryPurpose = (typeof STOCK_ENTRY_PURPOSES)[number];

/** ERPNext's Stock Entry Type: a named purpose; the standard ones are named after their purpose. */
export const StockEntryType = defineDocType({
  name: 'Stock Entry Type',
  module: 'Stock',
  autoname: 'prompt',
  fields: [
    { fieldname: 'purpose', fieldtype: 'Select', label: 'Purpose', options: STOCK_ENTRY_PURPOSES.join('\n'), reqd: true, default: 'Material Receipt' },
    { fieldname: 'is_standard', fieldtype: 'Check', label: 'Is Standard', read_only: true },
  ],
  permissions: [...grant(FULL, 'System Manager', 'Stock Manager'), ...grant(READ, 'Stock User')],
});
