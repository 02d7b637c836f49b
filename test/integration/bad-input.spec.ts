import { bootFixtureSuite, FixtureSuite } from '../fixtures/builders';

/** Inputs that answered 500 once: each is a 417 DataError in Frappe's shape now. */
describe('bad input answers 4xx, never 5xx', () => {
  let s: FixtureSuite;
  beforeAll(async () => {
    s = await bootFixtureSuite();
  });
  afterAll(() => s.t.close());

  const expectDataError = (res: { status: number; body: { exc_type?: string; _server_messages?: string } }, mentions: string) => {
    expect({ status: res.status, exc_type: res.body.exc_type }).toEqual({ status: 417, exc_type: 'DataError' });
    expect(JSON.parse(JSON.parse(res.body._server_messages!)[0]).message).toContain(mentions);
  };

  it.each([
    ['limit_start', '1e20'],
    ['limit_start', '99999999999999999999'],
    ['start', '12345678901234567890'],
    ['limit_start', '9007199254740992'],
    ['limit_start', '-1'],
    ['limit_start', '1.5'],
    ['limit_page_length', '1e20'],
    ['limit_page_length', '18446744073709551616'],
    ['limit_page_length', '-5'],
    ['limit_page_length', '0.5'],
    ['limit', 'NaN'],
    ['as_dict', 'maybe'],
  ])('GET /api/resource/Customer?%s=%s is a DataError', async (param, value) => {
    expectDataError(await s.t.http.get('/api/resource/Customer').query({ [param]: value }).set('Authorization', s.admin), param);
  });

  it('the largest safe offset is accepted (an empty page) on both databases', async () => {
    const res = await s.t.http.get('/api/resource/Customer').query({ limit_start: String(Number.MAX_SAFE_INTEGER), limit_page_length: '1' }).set('Authorization', s.admin).expect(200);
    expect(res.body.data).toEqual([]);
  });

  it('a repeated list parameter is refused, not joined', async () => {
    expectDataError(await s.t.http.get('/api/resource/Customer?limit_start=1&limit_start=2').set('Authorization', s.admin), 'limit_start');
    expectDataError(await s.t.http.get('/api/resource/Customer?order_by=name&order_by=modified').set('Authorization', s.admin), 'order_by');
  });

  it('frappe.client.get with name as a list or an object is a DataError (GET and POST)', async () => {
    expectDataError(await s.t.http.get('/api/method/frappe.client.get?doctype=Customer&name=a&name=b').set('Authorization', s.admin), 'name');
    expectDataError(await s.t.http.post('/api/method/frappe.client.get').send({ doctype: 'Customer', name: [s.m.customers[0]] }).set('Authorization', s.admin), 'name');
    expectDataError(await s.t.http.post('/api/method/frappe.client.get').send({ doctype: 'Customer', name: { $ne: '' } }).set('Authorization', s.admin), 'name');
    const ok = await s.t.http.post('/api/method/frappe.client.get').send({ doctype: 'Customer', name: s.m.customers[0] }).set('Authorization', s.admin).expect(200);
    expect(ok.body.message.name).toBe(s.m.customers[0]);
  });

  it('checks every declared argument of frappe.client methods: type, range and presence', async () => {
    expectDataError(await s.t.http.get('/api/method/frappe.client.get_list').query({ doctype: 'Customer', limit_page_length: '1e20' }).set('Authorization', s.admin), 'limit_page_length');
    expectDataError(await s.t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Customer', filters: '"text"' }).set('Authorization', s.admin), 'filters');
    expectDataError(await s.t.http.post('/api/method/frappe.client.insert').send({ doc: ['Customer'] }).set('Authorization', s.admin), 'doc');
    expectDataError(await s.t.http.post('/api/method/frappe.client.delete').send({ doctype: 'Customer', name: { a: 1 } }).set('Authorization', s.admin), 'name');
    expectDataError(await s.t.http.post('/api/method/frappe.client.cancel').send({ doctype: 'Test Order' }).set('Authorization', s.admin), 'name is required');
    expectDataError(await s.t.http.post('/api/method/frappe.client.set_value').send({ doctype: 'Customer', name: s.m.customers[0], fieldname: ['website'] }).set('Authorization', s.admin), 'fieldname');
  });

  it('accepts what frappe-js-sdk sends: JSON text in query strings, lists and objects in JSON bodies', async () => {
    const q = await s.t.http.get('/api/method/frappe.client.get_list').query({ doctype: 'Customer', fields: '["name"]', filters: '[["name","=","' + s.m.customers[0] + '"]]', limit: '5', as_dict: 'true' }).set('Authorization', s.admin).expect(200);
    expect(q.body.message).toEqual([{ name: s.m.customers[0] }]);
    const b = await s.t.http.post('/api/method/frappe.client.get_list').send({ doctype: 'Customer', fields: ['name'], filters: { name: s.m.customers[0] }, limit_page_length: 5, as_dict: false }).set('Authorization', s.admin).expect(200);
    expect(b.body.message).toEqual([[s.m.customers[0]]]);
    const count = await s.t.http.post('/api/method/frappe.client.get_count').send({ doctype: 'Customer', filters: [['name', '=', s.m.customers[0]]] }).set('Authorization', s.admin).expect(200);
    expect(count.body.message).toBe(1);
    const value = await s.t.http.get('/api/method/frappe.client.get_value').query({ doctype: 'Customer', fieldname: '["name"]', filters: s.m.customers[0], as_dict: 'false' }).set('Authorization', s.admin).expect(200);
    expect(value.body.message).toBe(s.m.customers[0]);
  });

  it('URLs the router refuses answer in Frappe shape', async () => {
    const bad = await s.t.http.get('/api/resource/Customer/%zz').set('Authorization', s.admin).expect(400);
    expect(bad.body.exc_type).toBe('ValidationError');
    const long = await s.t.http.get(`/api/resource/Customer/${'x'.repeat(3000)}`).set('Authorization', s.admin).expect(414);
    expect(long.body.exc_type).toBe('ValidationError');
  });

  it('OAuth form endpoints answer a bad argument with RFC 6749 invalid_request', async () => {
    const res = await s.t.http.post('/api/method/frappe.integrations.oauth2.get_token').type('form').send('grant_type=password&grant_type=refresh_token&client_id=docket-storefront').expect(400);
    expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('grant_type') });
  });
});
