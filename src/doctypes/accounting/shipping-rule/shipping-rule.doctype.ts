import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Shipping Rule: applying it adds an Actual tax row to a selling document. */
export const ShippingRule = defineDocType({
  name: 'Shipping Rule',
  module: 'Accounts',
  autoname: 'field:label',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'label', fieldtype: 'Data', label: 'Shipping Rule Label', reqd: true, unique: true },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0 },
    { fieldname: 'shipping_rule_type', fieldtype: 'Select', label: 'Shipping Rule Type', options: 'Selling\nBuying', default: 'Selling' },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company', reqd: true },
    { fieldname: 'account', fieldtype: 'Link', label: 'Shipping Account', options: 'Account', reqd: true, same_company: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', reqd: true, same_company: true },
    { fieldname: 'calculate_based_on', fieldtype: 'Select', label: 'Calculate Based On', options: 'Fixed\nNet Total\nNet Weight', default: 'Fixed' },
    { fieldname: 'shipping_amount', fieldtype: 'Currency', label: 'Shipping Amount' },
    { fieldname: 'conditions', fieldtype: 'Table', label: 'Shipping Rule Conditions', options: 'Shipping Rule Condition' },
    { fieldname: 'countries', fieldtype: 'Table', label: 'Restrict to Countries', options: 'Shipping Rule Country' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Sales Manager')],
});
