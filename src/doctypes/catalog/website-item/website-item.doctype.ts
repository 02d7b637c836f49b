import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, PUBLIC_READ, READ_REPORT } from '../../setup/permissions';

/**
 * ERPNext webshop's Website Item: an Item published in the shop, with its page (route, images,
 * descriptions, specifications, SEO fields) and the warehouse its availability comes from. The
 * item's names and classification are copied from the Item, never set by a client. Guests and
 * website users see published rows only.
 */
export const WebsiteItem = defineDocType({
  name: 'Website Item',
  module: 'Webshop',
  autoname: 'WEB-ITM-.####',
  title_field: 'web_item_name',
  sort_field: 'ranking',
  sort_order: 'desc',
  public_filter: { published: 1 },
  search_fields: ['web_item_name', 'item_name', 'item_code', 'short_description', 'web_long_description'],
  indexes: [
    ['published', 'variant_of', 'ranking'],
    ['published', 'item_group'],
    // covers the product count's scan (no row reads before the join with Item)
    ['published', 'variant_of', 'item_code'],
    // the list orders (the primary key, name, ends every secondary index): ranking and newest are read backwards
    ['published', 'ranking', 'creation'],
    ['published', 'creation'],
    ['published', 'web_item_name'],
  ],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Link', label: 'Item Code', options: 'Item', reqd: true, unique: true },
    { fieldname: 'web_item_name', fieldtype: 'Data', label: 'Website Item Name', reqd: true },
    { fieldname: 'route', fieldtype: 'Data', label: 'Route', unique: true, description: 'The product page\'s path; made from the name when not given' },
    { fieldname: 'published', fieldtype: 'Check', label: 'Published', default: 1, index: true },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', read_only: true },
    { fieldname: 'item_group', fieldtype: 'Link', label: 'Item Group', options: 'Item Group', read_only: true },
    { fieldname: 'brand', fieldtype: 'Link', label: 'Brand', options: 'Brand', read_only: true, index: true },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'Stock UOM', options: 'UOM', read_only: true },
    { fieldname: 'has_variants', fieldtype: 'Check', label: 'Has Variants', read_only: true },
    { fieldname: 'variant_of', fieldtype: 'Link', label: 'Variant Of', options: 'Item', read_only: true, index: true },
    { fieldname: 'website_image', fieldtype: 'Data', label: 'Website Image', length: 240 },
    { fieldname: 'website_image_alt', fieldtype: 'Data', label: 'Image Description' },
    { fieldname: 'website_warehouse', fieldtype: 'Link', label: 'Website Warehouse', options: 'Warehouse', description: 'Availability is the projected quantity here (every warehouse when empty)' },
    { fieldname: 'on_backorder', fieldtype: 'Check', label: 'On Backorder', default: 0 },
    { fieldname: 'short_description', fieldtype: 'Small Text', label: 'Short Website Description' },
    { fieldname: 'web_long_description', fieldtype: 'Long Text', label: 'Website Description' },
    { fieldname: 'website_specifications', fieldtype: 'Table', label: 'Website Specifications', options: 'Item Website Specification' },
    { fieldname: 'ranking', fieldtype: 'Int', label: 'Ranking', default: 0, description: 'Higher ranks list first' },
    { fieldname: 'meta_title', fieldtype: 'Data', label: 'Meta Title' },
    { fieldname: 'meta_description', fieldtype: 'Small Text', label: 'Meta Description' },
    { fieldname: 'meta_keywords', fieldtype: 'Data', label: 'Meta Keywords' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Website Manager', 'Item Manager'),
    ...grant(READ_REPORT, 'Sales User', 'Sales Manager', 'Stock User', 'Stock Manager'),
    ...PUBLIC_READ,
  ],
});
