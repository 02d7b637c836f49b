import { defineDocType } from '../../../kernel/metadata/types';

/**
 * ERPNext's Sales Invoice Item: one line of a Sales Invoice. qty, uom, rates and discounts are the
 * client's input; amounts, net and base_* values are computed by the tax calculation (src/domain/tax).
 */
export const SalesInvoiceItem = defineDocType({
  name: 'Sales Invoice Item',
  module: 'Accounts',
  istable: true,
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item', options: 'Item', reqd: true },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', fetch_from: 'item_code.item_name', read_only: true },
    { fieldname: 'description', fieldtype: 'Text', label: 'Description' },
    { fieldname: 'qty', fieldtype: 'Float', label: 'Quantity', reqd: true },
    { fieldname: 'uom', fieldtype: 'Link', label: 'UOM', options: 'UOM' },
    { fieldname: 'conversion_factor', fieldtype: 'Float', label: 'UOM Conversion Factor', precision: 9 },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'Stock UOM', options: 'UOM', read_only: true },
    { fieldname: 'stock_qty', fieldtype: 'Float', label: 'Qty as per Stock UOM', read_only: true },
    { fieldname: 'price_list_rate', fieldtype: 'Currency', label: 'Price List Rate', options: 'currency' },
    { fieldname: 'base_price_list_rate', fieldtype: 'Currency', label: 'Price List Rate (Company Currency)', read_only: true },
    { fieldname: 'margin_type', fieldtype: 'Select', label: 'Margin Type', options: '\nPercentage\nAmount' },
    { fieldname: 'margin_rate_or_amount', fieldtype: 'Float', label: 'Margin Rate or Amount' },
    { fieldname: 'discount_percentage', fieldtype: 'Percent', label: 'Discount (%) on Price List Rate with Margin' },
    { fieldname: 'discount_amount', fieldtype: 'Currency', label: 'Discount Amount', options: 'currency' },
    { fieldname: 'rate', fieldtype: 'Currency', label: 'Rate', options: 'currency' },
    { fieldname: 'amount', fieldtype: 'Currency', label: 'Amount', options: 'currency', read_only: true },
    { fieldname: 'base_rate', fieldtype: 'Currency', label: 'Rate (Company Currency)', read_only: true },
    { fieldname: 'base_amount', fieldtype: 'Currency', label: 'Amount (Company Currency)', read_only: true },
    { fieldname: 'net_rate', fieldtype: 'Currency', label: 'Net Rate', options: 'currency', read_only: true },
    { fieldname: 'net_amount', fieldtype: 'Currency', label: 'Net Amount', options: 'currency', read_only: true },
    { fieldname: 'base_net_rate', fieldtype: 'Currency', label: 'Net Rate (Company Currency)', read_only: true },
    { fieldname: 'base_net_amount', fieldtype: 'Currency', label: 'Net Amount (Company Currency)', read_only: true },
    { fieldname: 'pricing_rules', fieldtype: 'Small Text', label: 'Pricing Rules', read_only: true },
    { fieldname: 'item_tax_rate', fieldtype: 'Small Text', label: 'Item Tax Rate', read_only: true },
    { fieldname: 'income_account', fieldtype: 'Link', label: 'Income Account', options: 'Account', same_company: true },
    { fieldname: 'expense_account', fieldtype: 'Link', label: 'Expense Account', options: 'Account', same_company: true },
    { fieldname: 'cost_center', fieldtype: 'Link', label: 'Cost Center', options: 'Cost Center', same_company: true },
    { fieldname: 'warehouse', fieldtype: 'Link', label: 'Warehouse', options: 'Warehouse', same_company: true },
    { fieldname: 'incoming_rate', fieldtype: 'Currency', label: 'Incoming Rate (Costing)', read_only: true },
    { fieldname: 'valuation_rate', fieldtype: 'Currency', label: 'Valuation Rate', read_only: true },
    { fieldname: 'sales_order', fieldtype: 'Data', label: 'Sales Order', read_only: true },
    { fieldname: 'so_detail', fieldtype: 'Data', label: 'Sales Order Item', read_only: true },
    { fieldname: 'delivery_note', fieldtype: 'Data', label: 'Delivery Note', read_only: true },
    { fieldname: 'dn_detail', fieldtype: 'Data', label: 'Delivery Note Item', read_only: true },
  ],
  permissions: [],
});
