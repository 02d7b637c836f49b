import { buildVariant, combinations, TemplateItem } from '../domain/catalog/variants';
import { Ctx } from '../kernel/db/context';
import { DocumentService } from '../kernel/document/document.service';
import { ensureRecord, STANDARD_SELLING } from './install-records';

/** A demo template: its variants are every combination of the attribute values given. */
interface DemoTemplate {
  item_code: string;
  item_name: string;
  item_group: string;
  brand: string;
  rate: string;
  /** a dearer rate for these sizes */
  upcharge?: { size: string; rate: string };
  attributes: Record<string, string[]>;
  description: string;
}

const ATTRIBUTES = [
  {
    attribute_name: 'Colour',
    item_attribute_values: [
      { attribute_value: 'Black', abbr: 'BLK' },
      { attribute_value: 'White', abbr: 'WHT' },
      { attribute_value: 'Navy', abbr: 'NVY' },
    ],
  },
  {
    attribute_name: 'Size',
    item_attribute_values: [
      { attribute_value: 'S', abbr: 'S' },
      { attribute_value: 'M', abbr: 'M' },
      { attribute_value: 'L', abbr: 'L' },
      { attribute_value: 'XL', abbr: 'XL' },
    ],
  },
];

const BRANDS = ['Docket Basics', 'Nordic Home', 'Voltline'];

/** Brands of the plain demo items. */
const ITEM_BRANDS: Record<string, string> = {
  'HEADPHONES-WL': 'Voltline',
  'SPEAKER-BT': 'Voltline',
  'CHARGER-65W': 'Voltline',
  'CABLE-USBC-2M': 'Voltline',
  'MUG-CER': 'Nordic Home',
  'KETTLE-EL': 'Nordic Home',
  'COFFEE-BEANS': 'Nordic Home',
  'TSHIRT-ORG': 'Docket Basics',
  'HOODIE-FLC': 'Docket Basics',
  'CAP-BASE': 'Docket Basics',
};

const TEMPLATES: DemoTemplate[] = [
  {
    item_code: 'TEE-CLASSIC',
    item_name: 'Classic Tee',
    item_group: 'Apparel',
    brand: 'Docket Basics',
    rate: '18.00',
    upcharge: { size: 'XL', rate: '20.00' },
    attributes: { Colour: ['Black', 'White', 'Navy'], Size: ['S', 'M', 'L', 'XL'] },
    description: 'A heavyweight cotton tee',
  },
  {
    item_code: 'JACKET-RAIN',
    item_name: 'Rain Jacket',
    item_group: 'Apparel',
    brand: 'Docket Basics',
    rate: '89.00',
    attributes: { Colour: ['Black', 'Navy'], Size: ['M', 'L', 'XL'] },
    description: 'A packable waterproof jacket',
  },
];

/** Variants left without stock, so that the shop shows what "out of stock" looks like. */
const OUT_OF_STOCK = new Set(['TEE-CLASSIC-WHT-XL', 'JACKET-RAIN-NVY-M']);

export interface DemoCatalogItem {
  item_code: string;
  item_name: string;
  item_group: string;
  is_stock_item: number;
  standard_rate: string;
}

/**
 * The demo shop: brands, Colour and Size attributes, two templates with their variants, a
 * price in Standard Selling for everything sold, a Website Item for every product (the
 * templates' variants selectable on them), Webshop Settings, a quantity-break pricing rule on
 * apparel and the WELCOME10 coupon. Returns the variants to stock, with their quantities.
 */
export async function seedCatalog(ctx: Ctx, docs: DocumentService, items: DemoCatalogItem[], warehouse: string): Promise<{ item_code: string; qty: number; valuation_rate: string }[]> {
  for (const brand of BRANDS) await ensureRecord(ctx, docs, 'Brand', brand, { brand });
  for (const a of ATTRIBUTES) await ensureRecord(ctx, docs, 'Item Attribute', a.attribute_name, a);
  for (const [code, brand] of Object.entries(ITEM_BRANDS)) await docs.update(ctx, 'Item', code, { brand });

  const stock: { item_code: string; qty: number; valuation_rate: string }[] = [];
  const prices: [string, string][] = items.map((i) => [i.item_code, i.standard_rate]);
  for (const t of TEMPLATES) {
    const template = (await docs.insert(ctx, 'Item', {
      item_code: t.item_code,
      item_name: t.item_name,
      item_group: t.item_group,
      brand: t.brand,
      stock_uom: 'Nos',
      has_variants: 1,
      description: t.description,
      attributes: Object.keys(t.attributes).map((attribute) => ({ attribute })),
    })) as TemplateItem;
    template.item_code = t.item_code;
    const defs = new Map(ATTRIBUTES.map((a) => [a.attribute_name, a]));
    for (const combo of combinations(template, defs, t.attributes)) {
      const variant = await docs.insert(ctx, 'Item', buildVariant(template, defs, combo));
      const code = variant.name as string;
      prices.push([code, t.upcharge && combo.Size === t.upcharge.size ? t.upcharge.rate : t.rate]);
      if (!OUT_OF_STOCK.has(code)) stock.push({ item_code: code, qty: 40, valuation_rate: (Number(t.rate) * 0.4).toFixed(2) });
    }
  }
  for (const [item_code, price_list_rate] of prices) await docs.insert(ctx, 'Item Price', { item_code, price_list: STANDARD_SELLING, price_list_rate });

  await docs.update(ctx, 'Webshop Settings', 'Webshop Settings', {
    price_list: STANDARD_SELLING,
    default_customer_group: 'Individual',
    show_price: 1,
    show_stock_availability: 1,
    show_quantity_in_website: 0,
  });
  const products = [
    ...TEMPLATES.map((t, i) => ({ item_code: t.item_code, web_item_name: t.item_name, short_description: t.description, ranking: 100 - i })),
    ...items.map((i) => ({ item_code: i.item_code, web_item_name: i.item_name, short_description: i.item_name, ranking: 0 })),
  ];
  for (const p of products) {
    await docs.insert(ctx, 'Website Item', {
      ...p,
      published: 1,
      website_warehouse: warehouse,
      meta_title: `${p.web_item_name} | Docket Demo Shop`,
      meta_description: p.short_description,
    });
  }

  await docs.insert(ctx, 'Pricing Rule', {
    title: 'Apparel: 10% off 3 or more',
    apply_on: 'Item Group',
    item_groups: [{ item_group: 'Apparel' }],
    selling: 1,
    currency: 'USD',
    min_qty: 3,
    rate_or_discount: 'Discount Percentage',
    discount_percentage: 10,
    priority: '1',
  });
  const welcome = await docs.insert(ctx, 'Pricing Rule', {
    title: 'Welcome coupon: 15% off products',
    apply_on: 'Item Group',
    item_groups: [{ item_group: 'Products' }],
    selling: 1,
    currency: 'USD',
    coupon_code_based: 1,
    rate_or_discount: 'Discount Percentage',
    discount_percentage: 15,
    priority: '2',
  });
  await docs.insert(ctx, 'Coupon Code', { coupon_name: 'Welcome 10', coupon_code: 'WELCOME10', coupon_type: 'Promotional', pricing_rule: welcome.name, maximum_use: 100 });
  return stock;
}
