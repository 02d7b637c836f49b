import { defineDocType } from '../../../kernel/metadata/types';
import { atLevel, FULL, grant, READ, READ_REPORT, READ_WRITE } from '../../setup/permissions';

/**
 * ERPNext's Item: a product or service that is sold, bought or kept in stock; a template
 * (has_variants) with its variants (variant_of). The master is for staff: guests and website
 * users see the catalogue through published Website Items and the storefront methods only.
 */
export const Item = defineDocType({
  name: 'Item',
  module: 'Stock',
  autoname: 'field:item_code',
  title_field: 'item_name',
  sort_field: 'creation',
  sort_order: 'desc',
  // covers "the live variants of a template" (the storefront's prices, filters and facets): no row reads
  indexes: [['variant_of', 'has_variants', 'disabled', 'end_of_life']],
  fields: [
    { fieldname: 'item_code', fieldtype: 'Data', label: 'Item Code', reqd: true, unique: true },
    { fieldname: 'item_name', fieldtype: 'Data', label: 'Item Name', index: true },
    { fieldname: 'item_group', fieldtype: 'Link', label: 'Item Group', options: 'Item Group', reqd: true, index: true },
    { fieldname: 'stock_uom', fieldtype: 'Link', label: 'Default Unit of Measure', options: 'UOM', reqd: true },
    { fieldname: 'disabled', fieldtype: 'Check', label: 'Disabled', default: 0, index: true },
    { fieldname: 'is_stock_item', fieldtype: 'Check', label: 'Maintain Stock', default: 1 },
    { fieldname: 'is_sales_item', fieldtype: 'Check', label: 'Allow Sales', default: 1 },
    { fieldname: 'is_purchase_item', fieldtype: 'Check', label: 'Allow Purchase', default: 1 },
    { fieldname: 'has_variants', fieldtype: 'Check', label: 'Has Variants', default: 0, description: 'A template: its variants are sold, not the template itself' },
    { fieldname: 'variant_of', fieldtype: 'Link', label: 'Variant Of', options: 'Item', index: true },
    { fieldname: 'variant_based_on', fieldtype: 'Select', label: 'Variant Based On', options: 'Item Attribute', default: 'Item Attribute' },
    { fieldname: 'attributes', fieldtype: 'Table', label: 'Variant Attributes', options: 'Item Variant Attribute' },
    { fieldname: 'brand', fieldtype: 'Link', label: 'Brand', options: 'Brand', index: true },
    { fieldname: 'valuation_rate', fieldtype: 'Currency', label: 'Valuation Rate', permlevel: 1 },
    { fieldname: 'standard_rate', fieldtype: 'Currency', label: 'Standard Selling Rate' },
    { fieldname: 'image', fieldtype: 'Data', label: 'Image', length: 240 },
    { fieldname: 'description', fieldtype: 'Long Text', label: 'Description' },
    { fieldname: 'valuation_method', fieldtype: 'Select', label: 'Valuation Method', options: '\nFIFO\nMoving Average\nLIFO' },
    { fieldname: 'allow_negative_stock', fieldtype: 'Check', label: 'Allow Negative Stock', default: 0 },
    { fieldname: 'has_batch_no', fieldtype: 'Check', label: 'Has Batch No', default: 0 },
    { fieldname: 'has_serial_no', fieldtype: 'Check', label: 'Has Serial No', default: 0 },
    { fieldname: 'end_of_life', fieldtype: 'Date', label: 'End of Life', default: '2099-12-31' },
    { fieldname: 'weight_per_unit', fieldtype: 'Float', label: 'Weight Per Unit' },
    { fieldname: 'weight_uom', fieldtype: 'Link', label: 'Weight UOM', options: 'UOM' },
    { fieldname: 'sales_uom', fieldtype: 'Link', label: 'Default Sales Unit of Measure', options: 'UOM' },
    { fieldname: 'purchase_uom', fieldtype: 'Link', label: 'Default Purchase Unit of Measure', options: 'UOM' },
    { fieldname: 'max_discount', fieldtype: 'Float', label: 'Max Discount (%)' },
    { fieldname: 'uoms', fieldtype: 'Table', label: 'UOMs', options: 'UOM Conversion Detail' },
    { fieldname: 'item_defaults', fieldtype: 'Table', label: 'Item Defaults', options: 'Item Default' },
    { fieldname: 'taxes', fieldtype: 'Table', label: 'Taxes', options: 'Item Tax' },
  ],
  permissions: [
    ...grant(FULL, 'System Manager', 'Item Manager'),
    { role: 'Stock Manager', rights: ['read', 'report', 'export'] },
    ...grant(READ_REPORT, 'Stock User'),
    ...grant(READ, 'Sales Manager', 'Sales User', 'Accounts Manager', 'Accounts User', 'Website Manager'),
    ...atLevel(1, [
      ...grant(READ_WRITE, 'System Manager', 'Item Manager'),
      ...grant(READ, 'Stock Manager', 'Stock User', 'Accounts Manager', 'Accounts User'),
    ]),
  ],
});
