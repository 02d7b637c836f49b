import { ROOT_ITEM_GROUP, STANDARD_SELLING } from '../../src/setup/install-records';
import { TestApp } from '../harness/app';
import { StockMasters } from './stock-fixtures';

/**
 * A small shop, built through the API as Administrator:
 * - groups: Shop Test > Shop Apparel > Shop Shirts, Shop Test > Shop Mugs;
 * - brands Acme and Zenith; attributes Shade (Red RED, Blue BLU) and Cut (S, M);
 * - SHIRT (Acme, Shirts), a template with its four variants, priced 20 / 22 / 20 / 24;
 * - MUG (Zenith, Mugs), a plain item priced 8;
 * - both published (SHIRT ranked first); UNSOLD published nowhere;
 * - 5 of SHIRT-RED-S in stock in the website warehouse, no MUG in stock.
 */
export class Shop {
  readonly prefix: string;
  stock!: StockMasters;
  warehouse!: string;

  constructor(
    readonly t: TestApp,
    readonly admin: string,
  ) {
    this.prefix = `S${process.pid % 10000}`;
  }

  get root(): string {
    return 'Shop Test';
  }

  async post(doctype: string, doc: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await this.t.http.post(`/api/resource/${doctype}`).set('Authorization', this.admin).send(doc);
    if (res.status !== 200) throw new Error(`POST ${doctype} ${JSON.stringify(doc)}: ${res.status} ${res.text}`);
    return res.body.data;
  }

  async put(doctype: string, name: string, doc: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await this.t.http.put(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', this.admin).send(doc);
    if (res.status !== 200) throw new Error(`PUT ${doctype} ${name}: ${res.status} ${res.text}`);
    return res.body.data;
  }

  async method(path: string, args: Record<string, unknown>, auth = this.admin) {
    return this.t.http.post(`/api/method/${path}`).set('Authorization', auth).send(args);
  }

  async build(): Promise<this> {
    this.stock = await StockMasters.create(this.t, this.admin, `Shop Co ${this.prefix}`, this.prefix);
    this.warehouse = await this.stock.warehouse('Web Stock');
    await this.put('Webshop Settings', 'Webshop Settings', { price_list: STANDARD_SELLING, show_stock_availability: 1, show_quantity_in_website: 1 });
    await this.post('Item Group', { item_group_name: this.root, parent_item_group: ROOT_ITEM_GROUP, is_group: 1 });
    await this.post('Item Group', { item_group_name: 'Shop Apparel', parent_item_group: this.root, is_group: 1 });
    await this.post('Item Group', { item_group_name: 'Shop Shirts', parent_item_group: 'Shop Apparel' });
    await this.post('Item Group', { item_group_name: 'Shop Mugs', parent_item_group: this.root });
    for (const brand of ['Acme', 'Zenith']) await this.post('Brand', { brand });
    await this.post('Item Attribute', {
      attribute_name: 'Shade',
      item_attribute_values: [
        { attribute_value: 'Red', abbr: 'RED' },
        { attribute_value: 'Blue', abbr: 'BLU' },
      ],
    });
    await this.post('Item Attribute', {
      attribute_name: 'Cut',
      item_attribute_values: [
        { attribute_value: 'S', abbr: 'S' },
        { attribute_value: 'M', abbr: 'M' },
      ],
    });
    await this.post('Item', {
      item_code: 'SHIRT',
      item_name: 'Shirt',
      item_group: 'Shop Shirts',
      brand: 'Acme',
      stock_uom: 'Nos',
      has_variants: 1,
      description: 'A cotton shirt',
      attributes: [{ attribute: 'Shade' }, { attribute: 'Cut' }],
    });
    const made = await this.method('erpnext.controllers.item_variant.enqueue_multiple_variant_creation', { item: 'SHIRT', args: JSON.stringify({ Shade: ['Red', 'Blue'], Cut: ['S', 'M'] }) });
    if (made.status !== 200) throw new Error(`variants: ${made.status} ${made.text}`);
    await this.post('Item', { item_code: 'MUG', item_name: 'Mug', item_group: 'Shop Mugs', brand: 'Zenith', stock_uom: 'Nos', description: 'A stoneware mug' });
    await this.post('Item', { item_code: 'UNSOLD', item_name: 'Unsold', item_group: 'Shop Mugs', stock_uom: 'Nos' });
    const prices: [string, string][] = [
      ['SHIRT-RED-S', '20'],
      ['SHIRT-RED-M', '22'],
      ['SHIRT-BLU-S', '20'],
      ['SHIRT-BLU-M', '24'],
      ['MUG', '8'],
      ['UNSOLD', '5'],
    ];
    for (const [item_code, rate] of prices) await this.post('Item Price', { item_code, price_list: STANDARD_SELLING, price_list_rate: rate });
    await this.post('Website Item', { item_code: 'SHIRT', web_item_name: 'Cotton Shirt', published: 1, ranking: 10, website_warehouse: this.warehouse, short_description: 'Soft cotton' });
    await this.post('Website Item', { item_code: 'MUG', web_item_name: 'Stoneware Mug', published: 1, ranking: 5, website_warehouse: this.warehouse });
    await this.post('Website Item', { item_code: 'UNSOLD', web_item_name: 'Unsold Thing', published: 0 });
    await this.stock.receive('SHIRT-RED-S', this.warehouse, 5);
    return this;
  }
}
