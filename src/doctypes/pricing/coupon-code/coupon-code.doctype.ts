import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/**
 * ERPNext's Coupon Code: a code a customer enters to apply a coupon-code-based Pricing Rule.
 * `used` counts redemptions and is kept by the server only.
 */
export const CouponCode = defineDocType({
  name: 'Coupon Code',
  module: 'Accounts',
  autoname: 'field:coupon_name',
  title_field: 'coupon_name',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'coupon_name', fieldtype: 'Data', label: 'Coupon Name', reqd: true, unique: true },
    { fieldname: 'coupon_type', fieldtype: 'Select', label: 'Coupon Type', options: 'Promotional\nGift Card', default: 'Promotional', reqd: true },
    { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer', description: 'Required for a Gift Card' },
    {
      fieldname: 'coupon_code',
      fieldtype: 'Data',
      label: 'Coupon Code',
      unique: true,
      no_copy: true,
      description: 'Generated when not given',
    },
    { fieldname: 'pricing_rule', fieldtype: 'Link', label: 'Pricing Rule', options: 'Pricing Rule', reqd: true, index: true },
    { fieldname: 'valid_from', fieldtype: 'Date', label: 'Valid From' },
    { fieldname: 'valid_upto', fieldtype: 'Date', label: 'Valid Upto' },
    { fieldname: 'maximum_use', fieldtype: 'Int', label: 'Maximum Use', default: 0, description: '0 for unlimited' },
    { fieldname: 'used', fieldtype: 'Int', label: 'Used', default: 0, read_only: true, no_copy: true },
    { fieldname: 'description', fieldtype: 'Long Text', label: 'Coupon Description' },
  ],
  permissions: [...grant(FULL, 'System Manager', 'Sales Manager', 'Accounts Manager'), ...grant(READ, 'Sales User')],
});
