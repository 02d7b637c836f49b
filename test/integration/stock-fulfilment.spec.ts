import { ROOT_CUSTOMER_GROUP } from '../../src/setup/install-records';
import { bootApp, demoUserEmail, onMariaDb, TestApp } from '../harness/app';
import { StockMasters } from './stock-fixtures';

const COMPANY = 'Fulfil Co';
const wh = (name: string) => `${name} - FUL`;

describe(`fulfilment warehouse (${onMariaDb() ? 'MariaDB' : 'SQLite'})`, () => {
  let t: TestApp;
  let admin: string;
  let m: StockMasters;
  let cityCustomer: string;
  let nowhereCustomer: string;

  const choose = (item_code: string, qty: number | string, customer?: string, auth = admin) =>
    t.http.get('/api/method/docket.stock.get_fulfilment_warehouse').query({ item_code, qty, company: COMPANY, ...(customer ? { customer } : {}) }).set('Authorization', auth);
  const chosen = async (item_code: string, qty: number | string, customer?: string) => (await choose(item_code, qty, customer).expect(200)).body.message.warehouse;

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    m = await StockMasters.create(t, admin, COMPANY, 'FUL');
    const other = await StockMasters.create(t, admin, 'Other Co', 'OTH');
    const region = await m.territory('Ful Region');
    const north = await m.territory('Ful North', region);
    const city = await m.territory('Ful City', north, 0);
    await m.warehouse('City', { territory: city });
    await m.warehouse('City Closed', { territory: city });
    await m.warehouse('North B', { territory: north });
    await m.warehouse('North A', { territory: north });
    await m.warehouse('Region', { territory: region });
    for (const w of ['Main', 'Web', 'Group Default']) await m.warehouse(w);
    const otherNorth = await other.warehouse('Other North', { territory: north });

    await m.post('Item Group', { item_group_name: 'Ful Grouped', parent_item_group: 'All Item Groups', item_group_defaults: [{ company: COMPANY, default_warehouse: wh('Group Default') }] });
    const mainDefault = { item_defaults: [{ company: COMPANY, default_warehouse: wh('Main') }] };
    await m.item('FUL-A', mainDefault);
    await m.item('FUL-T', mainDefault);
    await m.item('FUL-W', mainDefault);
    await m.item('FUL-G', { item_group: 'Ful Grouped' });
    await m.item('FUL-NONE');
    await m.post('Website Item', { item_code: 'FUL-W', web_item_name: 'Fulfil W', published: 0, website_warehouse: wh('Web') });

    for (const [w, qty] of [['City', 2], ['City Closed', 100], ['North A', 10], ['North B', 25], ['Region', 40]] as const) await m.receive('FUL-A', wh(w), qty);
    await other.receive('FUL-A', otherNorth, 500);
    for (const w of ['North A', 'North B']) await m.receive('FUL-T', wh(w), 7);
    await t.http.put(`/api/resource/Warehouse/${wh('City Closed')}`).set('Authorization', admin).send({ disabled: 1 }).expect(200);

    const group = await m.post('Customer Group', { customer_group_name: 'Ful Customers', parent_customer_group: ROOT_CUSTOMER_GROUP });
    cityCustomer = (await m.post('Customer', { customer_name: 'City Shopper', customer_group: group.name, territory: city })).name;
    nowhereCustomer = (await m.post('Customer', { customer_name: 'Nowhere Shopper', customer_group: group.name })).name;
  });
  afterAll(() => t.close());

  it("picks a warehouse of the customer's own territory that can fulfil the line", async () => {
    expect(await chosen('FUL-A', 2, cityCustomer)).toBe(wh('City'));
  });

  it('walks up to the parent territory when the own one cannot fulfil, taking the most projected quantity there', async () => {
    // City holds 2; City Closed (disabled) and Other North (another company) hold more and are skipped.
    expect(await chosen('FUL-A', 5, cityCustomer)).toBe(wh('North B'));
    expect(await chosen('FUL-A', 26, cityCustomer)).toBe(wh('Region'));
  });

  it('counts the projected quantity, so reserved stock cannot be promised twice', async () => {
    const line = [{ item_code: 'FUL-A', warehouse: wh('North B'), qty: 20 }];
    await t.http.post('/api/method/docket.stock.reserve_stock').set('Authorization', admin).send({ items: line }).expect(200);
    try {
      expect(await chosen('FUL-A', 6, cityCustomer)).toBe(wh('North A'));
    } finally {
      await t.http.post('/api/method/docket.stock.release_stock').set('Authorization', admin).send({ items: line }).expect(200);
    }
  });

  it('breaks a tie in projected quantity by warehouse name', async () => {
    expect(await chosen('FUL-T', 7, cityCustomer)).toBe(wh('North A'));
  });

  it("falls back to the item's default warehouse when no territory warehouse can fulfil", async () => {
    expect(await chosen('FUL-A', 41, cityCustomer)).toBe(wh('Main'));
    expect(await chosen('FUL-A', 1, nowhereCustomer)).toBe(wh('Main'));
    expect(await chosen('FUL-A', 1)).toBe(wh('Main'));
  });

  it("prefers the Website Item's website warehouse to the item default, and uses the Item Group's default after the item's", async () => {
    expect(await chosen('FUL-W', 1, cityCustomer)).toBe(wh('Web'));
    expect(await chosen('FUL-G', 1, cityCustomer)).toBe(wh('Group Default'));
    expect(await chosen('FUL-NONE', 1, cityCustomer)).toBeNull();
  });

  it('refuses bad input and callers who are not staff', async () => {
    expect((await choose('FUL-A', 0, cityCustomer).expect(417)).body.exception).toContain('Qty must be greater than 0');
    expect((await choose('FUL-A', 1, 'No Such Customer').expect(417)).body.exception).toContain('Could not find Customer: No Such Customer');
    await choose('NO-SUCH-ITEM', 1, cityCustomer).expect(404);
    await choose('FUL-A', 1, cityCustomer, await t.token(demoUserEmail('Sales User'))).expect(200);
    await choose('FUL-A', 1, cityCustomer, await t.token('customer1@demo.docket')).expect(403);
  });
});
