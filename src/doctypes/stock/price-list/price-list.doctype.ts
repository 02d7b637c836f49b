import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../../setup/permissions';

/** ERPNext's Price List: a named set of Item Prices in one currency, for selling and/or buying. */
export const PriceList = defineDocType({
  name: 'Price List',
  module: 'Stock',
  autoname: 'field:price_list_name',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enabled', default: 1 },
    { fieldname: 'price_list_name', fieldtype: 'Data', label: 'Price List Name', reqd: true, unique: true, no_copy: true },
    { fieldname: 'currency', fieldtype: 'Link', label: 'Currency', options: 'Currency', reqd: true },
    { fieldname: 'buying', fieldtype: 'Check', label: 'Buying', default: 0 },
    { fieldname: 'selling', fieldtype: 'Check', label: 'Selling', default: 0 },
    {
      fieldname: 'price_not_uom_dependent',
      fieldtype: 'Check',
      label: 'Price Not UOM Dependent',
      default: 0,
      description: 'One price per stock unit, converted for other units of the item',
    },
  ],
  permissions: [
    // ERPNext's "Sales Master Manager" rights go to Sales Manager (Docket has no master-manager roles).
    ...grant(FULL, 'System Manager', 'Sales Manager'),
    ...grant(READ_REPORT, 'Sales User', 'Accounts Manager', 'Accounts User', 'Stock Manager', 'Stock User', 'Item Manager'),
    ...PUBLIC_READ,
  ],
});
