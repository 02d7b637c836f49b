import { Database } from '../../src/kernel/db/database';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { demoUserEmail, TestApp } from '../harness/app';

type Right = 'read' | 'create' | 'write' | 'submit' | 'cancel';

/** Expected rights on Test Order per role (from its DocPerm rows). */
const MATRIX: Record<string, Right[]> = {
  'Sales Manager': ['read', 'create', 'write', 'submit', 'cancel'],
  'Sales User': ['read', 'create', 'write', 'submit'],
  'Accounts User': ['read'],
  'Accounts Manager': [],
  'Stock Manager': [],
  'Stock User': [],
  'Item Manager': [],
  'System Manager': [],
};

describe('permission matrix', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
  });
  afterAll(() => t.close());

  const newOrder = async (submit = false) =>
    (await t.http.post('/api/resource/Test Order').set('Authorization', admin).send({ ...order(m.customers[0], [m.items[0]]), docstatus: submit ? 1 : 0 }).expect(200)).body.data;

  describe.each(Object.entries(MATRIX))('%s on Test Order', (role, rights) => {
    const can = (r: Right) => rights.includes(r);
    let token: string;
    beforeAll(async () => {
      token = await t.token(demoUserEmail(role));
    });

    it(`${can('read') ? 'may' : 'may not'} read`, async () => {
      const d = await newOrder();
      await t.http.get(`/api/resource/Test Order/${d.name}`).set('Authorization', token).expect(can('read') ? 200 : 403);
      await t.http.get('/api/resource/Test Order').set('Authorization', token).expect(can('read') ? 200 : 403);
    });

    it(`${can('create') ? 'may' : 'may not'} create`, async () => {
      await t.http.post('/api/resource/Test Order').set('Authorization', token).send(order(m.customers[0], [m.items[0]])).expect(can('create') ? 200 : 403);
    });

    it(`${can('write') ? 'may' : 'may not'} write`, async () => {
      const d = await newOrder();
      await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', token).send({ remarks: 'changed' }).expect(can('write') ? 200 : 403);
    });

    it(`${can('submit') ? 'may' : 'may not'} submit`, async () => {
      const d = await newOrder();
      await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', token).send({ docstatus: 1 }).expect(can('submit') ? 200 : 403);
    });

    it(`${can('cancel') ? 'may' : 'may not'} cancel`, async () => {
      const d = await newOrder(true);
      await t.http.post('/api/method/frappe.client.cancel').set('Authorization', token).send({ doctype: 'Test Order', name: d.name }).expect(can('cancel') ? 200 : 403);
    });
  });

  it('masters: Item Manager writes Items, Sales User only reads them, Guest reads neither (only the public catalogue)', async () => {
    const itemManager = await t.token(demoUserEmail('Item Manager'));
    const sales = await t.token(demoUserEmail('Sales User'));
    const item = { item_code: 'PERM-TEST-1', item_name: 'Perm test', item_group: 'All Item Groups', stock_uom: 'Nos' };
    await t.http.post('/api/resource/Item').set('Authorization', sales).send(item).expect(403);
    await t.http.post('/api/resource/Item').set('Authorization', itemManager).send(item).expect(200);
    await t.http.get('/api/resource/Item/PERM-TEST-1').set('Authorization', sales).expect(200);
    // Guests read the catalogue through published Website Items and the storefront, never the Item master.
    await t.http.get('/api/resource/Item/PERM-TEST-1').expect(403);
    await t.http.get('/api/resource/Item Group').expect(200);
    await t.http.get('/api/resource/Customer').expect(403);
    await t.http.get('/api/resource/User').set('Authorization', sales).expect(403);
  });

  it('a Customer user sees only its own Customer and its documents (403/404 for anyone else)', async () => {
    const portal = 'customer1@demo.docket';
    const own = (await t.app.get(Database).pool.query("SELECT parent FROM `tabPortal User` WHERE user = ?", [portal]))[0].parent as string;
    const other = m.customers.find((c) => c !== own)!;
    const mine = await newOrderFor(own);
    const theirs = await newOrderFor(other);
    const token = await t.token(portal);
    const list = await t.http.get('/api/resource/Test Order').query({ fields: '["name","customer"]', limit_page_length: 500 }).set('Authorization', token).expect(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((r: { customer: string }) => r.customer === own)).toBe(true);
    await t.http.get(`/api/resource/Test Order/${mine}`).set('Authorization', token).expect(200);
    const denied = await t.http.get(`/api/resource/Test Order/${theirs}`).set('Authorization', token);
    expect([403, 404]).toContain(denied.status);
    const customers = await t.http.get('/api/resource/Customer').query({ fields: '["name"]' }).set('Authorization', token).expect(200);
    expect(customers.body.data).toEqual([{ name: own }]);
    expect([403, 404]).toContain((await t.http.get(`/api/resource/Customer/${encodeURIComponent(other)}`).set('Authorization', token)).status);
    const count = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Order', filters: JSON.stringify({ customer: other }) }).set('Authorization', token).expect(200);
    expect(count.body.message).toBe(0);
    await t.http.post('/api/resource/Test Order').set('Authorization', token).send(order(own, [m.items[0]])).expect(403);
  });

  it('User Permissions restrict a desk user to the allowed Customer', async () => {
    const user = demoUserEmail('Accounts User');
    await t.http.post('/api/resource/User Permission').set('Authorization', admin).send({ user, allow: 'Customer', for_value: m.customers[1] }).expect(200);
    const fresh = await t.token(user);
    const other = await newOrderFor(m.customers[0]);
    const mine = await newOrderFor(m.customers[1]);
    const list = await t.http.get('/api/resource/Test Order').query({ fields: '["customer"]', limit_page_length: 500 }).set('Authorization', fresh).expect(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((r: { customer: string }) => r.customer === m.customers[1])).toBe(true);
    await t.http.get(`/api/resource/Test Order/${mine}`).set('Authorization', fresh).expect(200);
    await t.http.get(`/api/resource/Test Order/${other}`).set('Authorization', fresh).expect(403);
  });

  async function newOrderFor(customer: string): Promise<string> {
    return (await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(customer, [m.items[0]])).expect(200)).body.data.name;
  }
});
