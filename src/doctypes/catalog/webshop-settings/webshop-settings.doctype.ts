import { defineDocType } from '../../../kernel/metadata/types';
import { grant, PUBLIC_READ } from '../../setup/permissions';

export const WEBSHOP_SETTINGS = 'Webshop Settings';

/**
 * ERPNext webshop's Webshop Settings (a Single there): one record, created at install. The
 * selling price list and customer group guests are priced with, and what the shop shows.
 */
export const WebshopSettings = defineDocType({
  name: WEBSHOP_SETTINGS,
  module: 'Webshop',
  autoname: 'prompt',
  fields: [
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enable Shopping Cart', default: 1 },
    { fieldname: 'price_list', fieldtype: 'Link', label: 'Price List', options: 'Price List', description: 'A selling price list: what the shop sells at' },
    { fieldname: 'default_customer_group', fieldtype: 'Link', label: 'Default Customer Group', options: 'Customer Group', description: 'Guests are priced as this group' },
    { fieldname: 'show_price', fieldtype: 'Check', label: 'Show Price', default: 1 },
    { fieldname: 'show_stock_availability', fieldtype: 'Check', label: 'Show Stock Availability', default: 1 },
    { fieldname: 'show_quantity_in_website', fieldtype: 'Check', label: 'Show Stock Quantity', default: 0 },
    { fieldname: 'products_per_page', fieldtype: 'Int', label: 'Products per Page', default: 20 },
  ],
  permissions: [...grant(['read', 'write'], 'System Manager', 'Website Manager'), ...PUBLIC_READ],
});
