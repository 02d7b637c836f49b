import { ROOT_ITEM_GROUP, ROOT_TERRITORY } from '../../src/setup/install-records';
import { TestApp } from '../harness/app';

/** Masters of one test company, created through the API as Administrator (names are returned as the server made them). */
export class StockMasters {
  constructor(
    private readonly t: TestApp,
    private readonly admin: string,
    readonly company: string,
    readonly abbr: string,
  ) {}

  /** A company with its root warehouse group "All Warehouses - <abbr>". */
  static async create(t: TestApp, admin: string, company: string, abbr: string): Promise<StockMasters> {
    await t.http.post('/api/resource/Company').set('Authorization', admin).send({ company_name: company, abbr, default_currency: 'USD', country: 'United States' }).expect(200);
    const m = new StockMasters(t, admin, company, abbr);
    await m.post('Warehouse', { warehouse_name: 'All Warehouses', company, is_group: 1 });
    return m;
  }

  get rootWarehouse(): string {
    return `All Warehouses - ${this.abbr}`;
  }

  async post(doctype: string, doc: Record<string, unknown>): Promise<{ name: string } & Record<string, unknown>> {
    const res = await this.t.http.post(`/api/resource/${doctype}`).set('Authorization', this.admin).send(doc);
    if (res.status !== 200) throw new Error(`POST ${doctype} ${JSON.stringify(doc)}: ${res.status} ${res.text}`);
    return res.body.data;
  }

  /** A leaf warehouse under the root (territory, disabled… in `extra`); its name. */
  async warehouse(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    return (await this.post('Warehouse', { warehouse_name: name, company: this.company, parent_warehouse: this.rootWarehouse, ...extra })).name;
  }

  /** A stock item in a leaf item group of its own ("Stock Test Goods"), created on first use. */
  async item(item_code: string, extra: Record<string, unknown> = {}): Promise<string> {
    const group = 'Stock Test Goods';
    const seen = await this.t.http.get(`/api/resource/Item Group/${group}`).set('Authorization', this.admin);
    if (seen.status === 404) await this.post('Item Group', { item_group_name: group, parent_item_group: ROOT_ITEM_GROUP });
    return (await this.post('Item', { item_code, item_group: group, stock_uom: 'Nos', is_stock_item: 1, ...extra })).name;
  }

  /** A territory under `parent` (the root by default). */
  async territory(name: string, parent = ROOT_TERRITORY, isGroup = 1): Promise<string> {
    return (await this.post('Territory', { territory_name: name, parent_territory: parent, is_group: isGroup })).name;
  }

  /** Receives `qty` of an item into a warehouse (a submitted Material Receipt). */
  async receive(item_code: string, warehouse: string, qty: number | string): Promise<void> {
    await this.post('Stock Entry', {
      stock_entry_type: 'Material Receipt',
      company: this.company,
      docstatus: 1,
      items: [{ item_code, qty, t_warehouse: warehouse, basic_rate: '10' }],
    });
  }

  /** The Bin's quantities as numbers (zeros when there is no Bin). */
  async bin(item_code: string, warehouse: string): Promise<{ actual_qty: number; reserved_qty: number; projected_qty: number }> {
    const res = await this.t.http
      .get('/api/resource/Bin')
      .query({ fields: '["actual_qty","reserved_qty","projected_qty"]', filters: JSON.stringify({ item_code, warehouse }) })
      .set('Authorization', this.admin)
      .expect(200);
    return res.body.data[0] ?? { actual_qty: 0, reserved_qty: 0, projected_qty: 0 };
  }
}
