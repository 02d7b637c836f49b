import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/**
 * ERPNext's Pricing Rule: a rate or discount for items (by code, group or brand) or for a whole
 * transaction, for a party, quantity/amount band and dates. Docket supports price discounts only
 * (price_or_product_discount "Price"); free-item ("Product") rules are refused.
 */
export const PricingRule = defineDocType({
  name: 'Pricing Rule',
  module: 'Accounts',
  autoname: 'PRLE-.####',
  title_field: 'title',
  sort_field: 'modified',
  sort_order: 'desc',
  fields: [
    { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: true },
    { fieldname: 'disable', fieldtype: 'Check', label: 'Disable', default: 0, index: true },
    { fieldname: 'apply_on', fieldtype: 'Select', label: 'Apply On', options: '\nItem Code\nItem Group\nBrand\nTransaction', default: 'Item Code', reqd: true },
    { fieldname: 'price_or_product_discount', fieldtype: 'Select', label: 'Price or Product Discount', options: 'Price\nProduct', default: 'Price', reqd: true },
    { fieldname: 'items', fieldtype: 'Table', label: 'Apply Rule On Item Code', options: 'Pricing Rule Item Code' },
    { fieldname: 'item_groups', fieldtype: 'Table', label: 'Apply Rule On Item Group', options: 'Pricing Rule Item Group' },
    { fieldname: 'brands', fieldtype: 'Table', label: 'Apply Rule On Brand', options: 'Pricing Rule Brand' },
    { fieldname: 'coupon_code_based', fieldtype: 'Check', label: 'Coupon Code Based', default: 0 },
    { fieldname: 'rule_description', fieldtype: 'Small Text', label: 'Rule Description' },
    { fieldname: 'selling', fieldtype: 'Check', label: 'Selling', default: 1 },
    {
      fieldname: 'buying',
      fieldtype: 'Check',
      label: 'Buying',
      default: 0,
      description: 'Stored for ERPNext compatibility: Docket has no buying documents, so a buying-only rule is kept but never applied',
    },
    { fieldname: 'applicable_for', fieldtype: 'Select', label: 'Applicable For', options: '\nCustomer\nCustomer Group\nTerritory' },
    { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer' },
    { fieldname: 'customer_group', fieldtype: 'Link', label: 'Customer Group', options: 'Customer Group' },
    { fieldname: 'territory', fieldtype: 'Link', label: 'Territory', options: 'Territory' },
    { fieldname: 'min_qty', fieldtype: 'Float', label: 'Min Qty (As Per Stock UOM)', default: 0 },
    { fieldname: 'max_qty', fieldtype: 'Float', label: 'Max Qty (As Per Stock UOM)', default: 0 },
    { fieldname: 'min_amt', fieldtype: 'Currency', label: 'Min Amt', options: 'currency', default: 0 },
    { fieldname: 'max_amt', fieldtype: 'Currency', label: 'Max Amt', options: 'currency', default: 0 },
    { fieldname: 'valid_from', fieldtype: 'Date', label: 'Valid From', default: 'Today' },
    { fieldname: 'valid_upto', fieldtype: 'Date', label: 'Valid Upto' },
    { fieldname: 'company', fieldtype: 'Link', label: 'Company', options: 'Company' },
    {
      fieldname: 'currency',
      fieldtype: 'Link',
      label: 'Currency',
      options: 'Currency',
      description: "The company's default currency (or the price list's) when not given",
    },
    { fieldname: 'rate_or_discount', fieldtype: 'Select', label: 'Rate or Discount', options: '\nRate\nDiscount Percentage\nDiscount Amount', default: 'Discount Percentage' },
    { fieldname: 'apply_discount_on', fieldtype: 'Select', label: 'Apply Discount On', options: 'Grand Total\nNet Total', default: 'Grand Total' },
    { fieldname: 'rate', fieldtype: 'Currency', label: 'Rate', options: 'currency', default: 0 },
    { fieldname: 'discount_amount', fieldtype: 'Currency', label: 'Discount Amount', options: 'currency', default: 0 },
    { fieldname: 'discount_percentage', fieldtype: 'Float', label: 'Discount Percentage', default: 0 },
    { fieldname: 'margin_type', fieldtype: 'Select', label: 'Margin Type', options: '\nPercentage\nAmount' },
    { fieldname: 'margin_rate_or_amount', fieldtype: 'Float', label: 'Margin Rate or Amount', default: 0, description: 'added to the price list rate before the discount: a percentage of it, or an amount' },
    { fieldname: 'for_price_list', fieldtype: 'Link', label: 'For Price List', options: 'Price List' },
    { fieldname: 'apply_multiple_pricing_rules', fieldtype: 'Check', label: 'Apply Multiple Pricing Rules', default: 0 },
    { fieldname: 'is_cumulative', fieldtype: 'Check', label: 'Is Cumulative', default: 0 },
    { fieldname: 'has_priority', fieldtype: 'Check', label: 'Has Priority', default: 0 },
    { fieldname: 'priority', fieldtype: 'Select', label: 'Priority', options: '\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20' },
  ],
  permissions: [...grant(FULL, 'System Manager', 'Sales Manager', 'Accounts Manager'), ...grant(READ, 'Sales User')],
});
