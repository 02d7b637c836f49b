import { Database } from '../../src/kernel/db/database';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';
import { docOf, EventRecorder, recordEvents } from '../harness/events';

describe('document lifecycle over REST', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];
  /** Test Order events delivered after their commit */
  let recorder: EventRecorder;

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    recorder = recordEvents(t.app, (e) => docOf(e)?.doctype === 'Test Order');
  });
  afterAll(() => t.close());

  const post = (body: object) => t.http.post('/api/resource/Test Order').set('Authorization', admin).send(body);

  it('inserts with a naming series, computes totals exactly, and ignores client-set computed fields', async () => {
    const res = await post({ ...order(m.customers[0], m.items.slice(0, 2)), grand_total: 1, owner: 'evil@x.com', creation: '2001-01-01 00:00:00', docstatus: 0, total_qty: 99 }).expect(200);
    const d = res.body.data;
    expect(d.name).toMatch(new RegExp(`^TST-ORD-${new Date().getUTCFullYear()}-\\d{5}$`));
    expect(d.grand_total).toBe(30.75); // 1 × 10.25 + 2 × 10.25, decimal-exact
    expect(d.total_qty).toBe(3);
    expect(d.owner).toBe('Administrator');
    expect(d.creation.startsWith('2001')).toBe(false);
    expect(d.customer_name).toBeTruthy(); // fetch_from
    expect(d.items).toHaveLength(2);
    expect(d.items[0]).toMatchObject({ parent: d.name, parenttype: 'Test Order', parentfield: 'items', idx: 1, doctype: 'Test Order Item', amount: 10.25 });
    const got = await t.http.get(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).expect(200);
    expect(got.body.data.items.map((r: { item_code: string }) => r.item_code)).toEqual(m.items.slice(0, 2));
  });

  it('refuses a missing mandatory field, a broken link and a bad number with 417, writing nothing', async () => {
    const before = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Order' }).set('Authorization', admin).expect(200);
    const miss = await post({ items: [{ item_code: m.items[0], qty: 1 }] }).expect(417);
    expect(miss.body.exc_type).toBe('MandatoryError');
    const link = await post(order('No Such Customer', [m.items[0]])).expect(417);
    expect(link.body.exc_type).toBe('LinkValidationError');
    expect(JSON.parse(JSON.parse(link.body._server_messages)[0]).message).toContain('Could not find');
    const num = await post({ customer: m.customers[0], items: [{ item_code: m.items[0], qty: 'lots' }] }).expect(417);
    expect(num.body.exc_type).toBe('DataError');
    const after = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Order' }).set('Authorization', admin).expect(200);
    expect(after.body.message).toBe(before.body.message);
  });

  it('rolls back everything when a hook throws after the child rows were written, and emits nothing', async () => {
    const db = t.app.get(Database);
    const outboxed = async () => (await db.pool.query("SELECT id FROM `__Outbox` WHERE payload LIKE '%Test Order%'")).length;
    const before = await outboxed();
    const res = await post(order(m.customers[0], m.items.slice(0, 3), { remarks: 'explode-after-insert' })).expect(417);
    expect(res.body.exc_type).toBe('ValidationError');
    const parents = await db.pool.query("SELECT name FROM `tabTest Order` WHERE remarks = 'explode-after-insert'");
    const orphans = await db.pool.query('SELECT c.name FROM `tabTest Order Item` c LEFT JOIN `tabTest Order` p ON p.name = c.parent WHERE p.name IS NULL');
    expect(parents).toHaveLength(0);
    expect(orphans).toHaveLength(0);
    expect(await outboxed()).toBe(before);
    const created: string = (await post(order(m.customers[0], [m.items[0]])).expect(200)).body.data.name;
    const mine = () => recorder.events.filter((e) => docOf(e)?.name === created).map((e) => e.name);
    await recorder.until(() => mine().length > 0);
    expect(await outboxed()).toBe(before + 1);
    expect(mine()).toEqual(['doc.after_insert']);
  });

  it('updates child rows, records a Version diff, and refuses a stale modified (TimestampMismatchError)', async () => {
    const created = (await post(order(m.customers[0], m.items.slice(0, 2))).expect(200)).body.data;
    const rows = created.items.map((r: Record<string, unknown>) => ({ name: r.name, item_code: r.item_code, qty: 5, rate: r.rate }));
    const upd = await t.http.put(`/api/resource/Test Order/${created.name}`).set('Authorization', admin).send({ items: rows.slice(0, 1), modified: created.modified }).expect(200);
    expect(upd.body.data.items).toHaveLength(1);
    expect(upd.body.data.grand_total).toBe(51.25);
    const versions = await t.http.get('/api/resource/Version').query({ fields: '["data"]', filters: JSON.stringify([['ref_doctype', '=', 'Test Order'], ['docname', '=', created.name]]) }).set('Authorization', admin).expect(200);
    expect(versions.body.data).toHaveLength(1);
    const diff = JSON.parse(versions.body.data[0].data);
    expect(diff.removed).toHaveLength(1);
    expect(diff.row_changed[0][3]).toContainEqual(['qty', 1, 5]);
    const stale = await t.http.put(`/api/resource/Test Order/${created.name}`).set('Authorization', admin).send({ remarks: 'late', modified: created.modified }).expect(417);
    expect(stale.body.exc_type).toBe('TimestampMismatchError');
  });

  it('submits by PUT docstatus 1, allows only allow_on_submit changes, cancels, amends to NAME-1, and guards deletes', async () => {
    const d = (await post(order(m.customers[1], [m.items[0]])).expect(200)).body.data;
    const sub = await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).send({ docstatus: 1 }).expect(200);
    expect(sub.body.data).toMatchObject({ docstatus: 1, status: 'Open' });
    expect(sub.body.data.items[0].docstatus).toBe(1);
    const locked = await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).send({ customer: m.customers[2] }).expect(417);
    expect(locked.body.exc_type).toBe('UpdateAfterSubmitError');
    await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).send({ remarks: 'delivered to the back door' }).expect(200);
    const back = await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).send({ docstatus: 0 }).expect(417);
    expect(back.body.exc_type).toBe('DocstatusTransitionError');
    const del = await t.http.delete(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).expect(417);
    expect(del.body.exc_type).toBe('ValidationError');
    await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Test Order', name: d.name }).expect(200);
    const cancelled = await t.http.get(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).expect(200);
    expect(cancelled.body.data).toMatchObject({ docstatus: 2, status: 'Cancelled' });
    const amended = await t.http.post('/api/method/docket.client.amend').set('Authorization', admin).send({ doctype: 'Test Order', name: d.name }).expect(200);
    expect(amended.body.message).toMatchObject({ name: `${d.name}-1`, amended_from: d.name, docstatus: 0 });
    const first = amended.body.message.name;
    await t.http.put(`/api/resource/Test Order/${first}`).set('Authorization', admin).send({ docstatus: 1 }).expect(200);
    await t.http.put(`/api/resource/Test Order/${first}`).set('Authorization', admin).send({ docstatus: 2 }).expect(200);
    const again = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send({ ...order(m.customers[1], [m.items[0]]), amended_from: first }).expect(200);
    expect(again.body.data.name).toBe(`${d.name}-2`);
    const draft = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send({ ...order(m.customers[1], [m.items[0]]), amended_from: again.body.data.name }).expect(417);
    expect(draft.body.exc_type).toBe('ValidationError');
    const gone = await t.http.delete(`/api/resource/Test Order/${again.body.data.name}`).set('Authorization', admin).expect(202);
    expect(gone.body).toEqual({ data: 'ok' });
    await t.http.get(`/api/resource/Test Order/${again.body.data.name}`).set('Authorization', admin).expect(404);
  });

  it('inserts and submits in one POST with docstatus 1 (and refuses docstatus 2)', async () => {
    const res = await post({ ...order(m.customers[0], [m.items[0]]), docstatus: 1 }).expect(200);
    expect(res.body.data.docstatus).toBe(1);
    const bad = await post({ ...order(m.customers[0], [m.items[0]]), docstatus: 2 }).expect(417);
    expect(bad.body.exc_type).toBe('DocstatusTransitionError');
  });

  it('refuses to delete a master that a document links to (LinkExistsError)', async () => {
    const c = await t.http.post('/api/resource/Customer').set('Authorization', admin).send({ customer_name: 'Linked Customer Ltd' }).expect(200);
    await post(order(c.body.data.name, [m.items[0]])).expect(200);
    const res = await t.http.delete(`/api/resource/Customer/${c.body.data.name}`).set('Authorization', admin).expect(417);
    expect(res.body.exc_type).toBe('LinkExistsError');
  });

  it('answers 404 for unknown doctypes and documents, and 409 for a duplicate name', async () => {
    const nd = await t.http.get('/api/resource/Nope').set('Authorization', admin).expect(404);
    expect(nd.body.exc_type).toBe('DoesNotExistError');
    await t.http.get('/api/resource/Test Order/TST-NOPE').set('Authorization', admin).expect(404);
    await t.http.post('/api/resource/Role').set('Authorization', admin).send({ role_name: 'Dup Role' }).expect(200);
    const dup = await t.http.post('/api/resource/Role').set('Authorization', admin).send({ role_name: 'Dup Role' }).expect(409);
    expect(dup.body.exc_type).toBe('DuplicateEntryError');
  });

  it('logs every write in the API transaction log (who, what, action, IP, key) and keeps reads out of it', async () => {
    const d = (await post(order(m.customers[0], [m.items[0]])).expect(200)).body.data;
    await t.http.get(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).expect(200);
    await t.http.put(`/api/resource/Test Order/${d.name}`).set('Authorization', admin).send({ docstatus: 1 }).expect(200);
    const log = await t.http
      .get('/api/resource/API Request Log')
      .query({ fields: '["user","action","http_method","ip_address","api_key","auth_method"]', filters: JSON.stringify({ reference_name: d.name }), order_by: 'creation asc, action asc' })
      .set('Authorization', admin)
      .expect(200);
    const key = admin.slice('token '.length).split(':')[0];
    expect(log.body.data.map((r: { action: string }) => r.action)).toEqual(['Insert', 'Submit']);
    expect(log.body.data[0]).toMatchObject({ user: 'Administrator', http_method: 'POST', api_key: key, auth_method: 'token' });
    expect(log.body.data[0].ip_address).toMatch(/127\.0\.0\.1|::1/);
  });
});
