import { defineDocType } from '../../../kernel/metadata/types';

/** ERPNext's Shipping Rule Condition: a band of net total or weight and its shipping amount. */
export const ShippingRuleCondition = defineDocType({
  name: 'Shipping Rule Condition',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'from_value', fieldtype: 'Float', label: 'From Value', reqd: true },
    { fieldname: 'to_value', fieldtype: 'Float', label: 'To Value' },
    { fieldname: 'shipping_amount', fieldtype: 'Currency', label: 'Shipping Amount' },
  ],
  permissions: [],
});
