import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';

describe('list parameters (Frappe get_list)', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];
  const names: string[] = [];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    for (let i = 0; i < 6; i++) {
      const res = await t.http
        .post('/api/resource/Test Order')
        .set('Authorization', admin)
        .send(order(m.customers[i % 2], m.items.slice(0, 1 + (i % 3)), { remarks: `batch ${i}` }))
        .expect(200);
      names.push(res.body.data.name);
    }
  });
  afterAll(() => t.close());

  const list = (query: Record<string, unknown>) =>
    t.http.get('/api/resource/Test Order').query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))).set('Authorization', admin);

  it('defaults to names only, newest first, 20 per page', async () => {
    const res = await list({}).expect(200);
    expect(Object.keys(res.body.data[0])).toEqual(['name']);
    expect(res.body.data[0].name).toBe(names[names.length - 1]);
  });

  it('selects fields, filters in list and dict form, orders and pages', async () => {
    const res = await list({ fields: ['name', 'customer', 'grand_total'], filters: [['customer', '=', m.customers[0]]], order_by: 'grand_total desc, name asc', limit_page_length: 2, limit_start: 0 }).expect(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.every((r: { customer: string }) => r.customer === m.customers[0])).toBe(true);
    expect(res.body.data[0].grand_total).toBeGreaterThanOrEqual(res.body.data[1].grand_total);
    const dict = await list({ fields: ['name'], filters: { customer: m.customers[1], grand_total: ['>', 10] } }).expect(200);
    expect(dict.body.data).toHaveLength(3);
    const page2 = await list({ fields: ['name'], order_by: 'name asc', limit: 4, limit_start: 4 }).expect(200);
    expect(page2.body.data.map((r: { name: string }) => r.name)).toEqual([...names].sort().slice(4, 8));
  });

  it('supports or_filters, in, not in, like, is set, between and child-table filters', async () => {
    const or = await list({ fields: ['name'], or_filters: [['remarks', '=', 'batch 0'], ['remarks', '=', 'batch 5']] }).expect(200);
    expect(or.body.data).toHaveLength(2);
    const inn = await list({ fields: ['name'], filters: [['name', 'in', names.slice(0, 3)]] }).expect(200);
    expect(inn.body.data).toHaveLength(3);
    const notIn = await list({ fields: ['name'], filters: [['name', 'not in', names.slice(0, 3)]] }).expect(200);
    expect(notIn.body.data).toHaveLength(3);
    const like = await list({ fields: ['name'], filters: [['remarks', 'like', 'batch%']] }).expect(200);
    expect(like.body.data).toHaveLength(6);
    const set = await list({ fields: ['name'], filters: [['remarks', 'is', 'set']] }).expect(200);
    expect(set.body.data).toHaveLength(6);
    const between = await list({ fields: ['name'], filters: [['grand_total', 'between', [10, 25]]] }).expect(200);
    expect(between.body.data).toHaveLength(2);
    const child = await list({ fields: ['name'], filters: [['Test Order Item', 'item_code', '=', m.items[2]]] }).expect(200);
    expect(child.body.data).toHaveLength(2);
  });

  it('returns lists of lists with as_dict=0, aggregates with aliases, and counts', async () => {
    const rows = await list({ fields: ['name', 'customer'], as_dict: '0', order_by: 'name asc', limit: 1 }).expect(200);
    expect(rows.body.data).toEqual([[[...names].sort()[0], expect.any(String)]]);
    const agg = await list({ fields: ['customer', 'count(name) as n'], group_by: 'customer', order_by: 'customer asc' }).expect(200);
    expect(agg.body.data).toEqual([
      { customer: m.customers[0], n: 3 },
      { customer: m.customers[1], n: 3 },
    ].sort((a, b) => a.customer.localeCompare(b.customer)));
    const count = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Order', filters: JSON.stringify({ customer: m.customers[0] }) }).set('Authorization', admin).expect(200);
    expect(count.body.message).toBe(3);
  });

  it('answers frappe.client.get_list, get and get_value', async () => {
    const gl = await t.http.get('/api/method/frappe.client.get_list').query({ doctype: 'Test Order', fields: '["name"]', limit_page_length: 2 }).set('Authorization', admin).expect(200);
    expect(gl.body.message).toHaveLength(2);
    const g = await t.http.get('/api/method/frappe.client.get').query({ doctype: 'Test Order', name: names[0] }).set('Authorization', admin).expect(200);
    expect(g.body.message.items.length).toBeGreaterThan(0);
    const gv = await t.http.get('/api/method/frappe.client.get_value').query({ doctype: 'Test Order', fieldname: 'remarks', filters: JSON.stringify({ name: names[0] }) }).set('Authorization', admin).expect(200);
    expect(gv.body.message).toEqual({ remarks: 'batch 0' });
  });

  it('caps the page size (limit_page_length=0 does not return unbounded rows)', async () => {
    const capped = await t.app.get((await import('../../src/config/config')).AppConfig).maxPageLength;
    const res = await list({ fields: ['name'], limit_page_length: 0 }).expect(200);
    expect(res.body.data.length).toBeLessThanOrEqual(capped);
    expect(res.body.data).toHaveLength(6);
  });
});
