import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Tax Rule: which Sales Taxes and Charges Template applies to a party (get_tax_template). */
export const TaxRule = defineDocType({
  name: 'Tax Rule',
  module: 'Accounts',
  autoname: 'ACC-TAX-RULE-.YYYY.-.#####',
  fields: [
    { fieldname: 'tax_type', fieldtype: 'Select', label: 'Tax Type', options: 'Sales\nPurchase', default: 'Sales' },
    { fieldname: 'use_for_shopping_cart', fieldtype: 'Check', label: 'Use for Shopping Cart', default: 1 },
    { fieldname: 'sales_tax_template', fieldtype: 'Link', label: 'Sales Tax Template', options: 'Sales Taxes and Charges Template' },
    { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer' },
    { fieldname: 'customer_group', fieldtype: 'Link', label: 'Customer Group', options: 'Customer Group' },
    { fieldname: 'billing_city', fieldtype: 'Data', label: 'Billing City' },
    { fieldname: 'billing_county', fieldtype: 'Data', label: 'Billing County' },
    { fieldname: 'billing_state', fieldtype: 'Data', label: 'Billing State' },
    { fieldname: 'billing_zipcode', fieldtype: 'Data', label: 'Billing Zipcode' },
    { fieldname: 'billing_country', fieldtype: 'Link', label: 'Billing Country', options: 'Country' },
    { fieldname: 'tax_category', fieldtype: 'Link', label: 'Tax Category', options: 'Tax Category' },
    { fieldname: 'shipping_city', fieldtype: 'Data', label: 'Shipping City' },
    { fieldname: 'shipping_county', fieldtype: 'Data', label: 'Shipping County' },
    { fieldname: 'shipping_state', fieldtype: 'Data', label: 'Shipping State' },
    { fieldname: 'shipping_zipcode', fieldtype: 'Data', label: 'Shipping Zipcode' },
    { fieldname: 'shipping_country', fieldtype: 'Link', label: 'Shipping Country', options: 'Country' },
    { fieldname: 'item_group', fieldtype: 'Link', label: 'Item Group', options: 'Item Group' },
    { fieldname: 'from_date', fieldtype: 'Date', label: 'From Date' },
    { fieldname: 'to_date', fieldtype: 'Date', label: 'To Date' },
    { fieldname: 'priority', fieldtype: 'Int', label: 'Priority', default: 1 },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager', 'System Manager'), ...grant(READ, 'Accounts User', 'Sales User', 'Sales Manager')],
});
