import { Database } from '../../src/kernel/db/database';
import { bootApp, demoUserEmail, TestApp } from '../harness/app';

/** Website users create only addresses and contacts they can see: linked to their own Customer. */
describe('website users: addresses and contacts', () => {
  let t: TestApp;
  let admin: string;
  /** customer1's token and Customer, customer2's token and Customer */
  let one: { token: string; customer: string };
  let two: { token: string; customer: string };

  const portal = async (user: string) => {
    const [row] = await t.app.get(Database).pool.query('SELECT parent FROM `tabPortal User` WHERE user = ?', [user]);
    return { token: await t.token(user), customer: row.parent as string };
  };
  const address = (extra: Record<string, unknown> = {}) => ({ address_type: 'Billing', address_line1: '1 Test Road', city: 'Springfield', country: 'United States', ...extra });
  const contact = (extra: Record<string, unknown> = {}) => ({ first_name: 'Pat', last_name: `Tester ${Math.random().toString(36).slice(2, 8)}`, ...extra });
  const rows = async (table: string) => Number((await t.app.get(Database).pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    one = await portal('customer1@demo.docket');
    two = await portal('customer2@demo.docket');
    expect(one.customer).not.toBe(two.customer);
  });
  afterAll(() => t.close());

  it.each(['Address', 'Contact'])('a %s created without links is linked to the caller’s Customer, readable by it, unseen by another customer', async (doctype) => {
    const body = doctype === 'Address' ? address() : contact();
    const res = await t.http.post(`/api/resource/${doctype}`).set('Authorization', one.token).send(body).expect(200);
    const doc = res.body.data;
    expect(doc.links.map((l: { link_doctype: string; link_name: string }) => [l.link_doctype, l.link_name])).toEqual([['Customer', one.customer]]);
    expect(doc.name).toContain(one.customer);
    await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(doc.name)}`).set('Authorization', one.token).expect(200);
    const mine = await t.http.get(`/api/resource/${doctype}`).query({ limit_page_length: 0 }).set('Authorization', one.token).expect(200);
    expect(mine.body.data.map((r: { name: string }) => r.name)).toContain(doc.name);
    expect([403, 404]).toContain((await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(doc.name)}`).set('Authorization', two.token)).status);
    const theirs = await t.http.get(`/api/resource/${doctype}`).query({ limit_page_length: 0 }).set('Authorization', two.token).expect(200);
    expect(theirs.body.data.map((r: { name: string }) => r.name)).not.toContain(doc.name);
  });

  it('a link to the caller’s own Customer is kept', async () => {
    const res = await t.http.post('/api/resource/Address').set('Authorization', one.token).send(address({ links: [{ link_doctype: 'Customer', link_name: one.customer }] })).expect(200);
    expect(res.body.data.links).toHaveLength(1);
    expect(res.body.data.links[0]).toMatchObject({ link_doctype: 'Customer', link_name: one.customer });
  });

  it.each([
    ['another Customer', () => [{ link_doctype: 'Customer', link_name: two.customer }]],
    ['its own and another Customer', () => [{ link_doctype: 'Customer', link_name: one.customer }, { link_doctype: 'Customer', link_name: two.customer }]],
    ['another doctype', () => [{ link_doctype: 'User', link_name: 'Administrator' }]],
  ])('links to %s are refused (403) and nothing is written', async (_label, links) => {
    const before = [await rows('tabAddress'), await rows('tabContact'), await rows('tabDynamic Link')];
    for (const [doctype, body] of [['Address', address({ links: links() })], ['Contact', contact({ links: links() })]] as const) {
      const res = await t.http.post(`/api/resource/${doctype}`).set('Authorization', one.token).send(body).expect(403);
      expect(res.body.exc_type).toBe('PermissionError');
    }
    const viaMethod = await t.http.post('/api/method/frappe.client.insert').set('Authorization', one.token).send({ doc: { doctype: 'Address', ...address({ links: links() }) } }).expect(403);
    expect(viaMethod.body.exc_type).toBe('PermissionError');
    expect([await rows('tabAddress'), await rows('tabContact'), await rows('tabDynamic Link')]).toEqual(before);
  });

  it('an update may not move an address to another Customer', async () => {
    const created = (await t.http.post('/api/resource/Address').set('Authorization', one.token).send(address()).expect(200)).body.data;
    await t.http.put(`/api/resource/Address/${encodeURIComponent(created.name)}`).set('Authorization', one.token).send({ links: [{ link_doctype: 'Customer', link_name: two.customer }] }).expect(403);
    const emptied = await t.http.put(`/api/resource/Address/${encodeURIComponent(created.name)}`).set('Authorization', one.token).send({ links: [] }).expect(200);
    expect(emptied.body.data.links.map((l: { link_name: string }) => l.link_name)).toEqual([one.customer]);
  });

  it('a website user that acts for no Customer may create neither', async () => {
    const email = 'no-customer@demo.docket';
    await t.http.post('/api/resource/User').set('Authorization', admin).send({ email, first_name: 'No', last_name: 'Customer', roles: [{ role: 'Customer' }] }).expect(200);
    const lonely = await t.token(email);
    for (const [doctype, body] of [['Address', address()], ['Contact', contact()]] as const) {
      const res = await t.http.post(`/api/resource/${doctype}`).set('Authorization', lonely).send(body).expect(403);
      expect(res.body.exc_type).toBe('PermissionError');
    }
  });

  it('Contact.user may be empty or the caller, nobody else (on insert and on update)', async () => {
    const admins = await t.http.post('/api/resource/Contact').set('Authorization', one.token).send(contact({ user: 'Administrator' })).expect(403);
    expect(admins.body.exc_type).toBe('PermissionError');
    const self = await t.http.post('/api/resource/Contact').set('Authorization', one.token).send(contact({ user: 'customer1@demo.docket' })).expect(200);
    expect(self.body.data.user).toBe('customer1@demo.docket');
    await t.http.put(`/api/resource/Contact/${encodeURIComponent(self.body.data.name)}`).set('Authorization', one.token).send({ user: 'Administrator' }).expect(403);
    await t.http.post('/api/method/frappe.client.set_value').set('Authorization', one.token).send({ doctype: 'Contact', name: self.body.data.name, fieldname: 'user', value: 'customer2@demo.docket' }).expect(403);
    const unchanged = await t.http.get(`/api/resource/Contact/${encodeURIComponent(self.body.data.name)}`).set('Authorization', one.token).expect(200);
    expect(unchanged.body.data.user).toBe('customer1@demo.docket');
  });

  it('an email that belongs to another user does not make that user the contact’s user', async () => {
    const staff = demoUserEmail('Stock User');
    const res = await t.http.post('/api/resource/Contact').set('Authorization', one.token).send(contact({ email_ids: [{ email_id: staff, is_primary: 1 }] })).expect(200);
    expect(res.body.data.email_id).toBe(staff);
    expect(res.body.data.user).toBeNull();
  });

  it('staff are unaffected: any links, any user, unlinked addresses', async () => {
    const sales = await t.token(demoUserEmail('Sales User'));
    const linked = await t.http.post('/api/resource/Contact').set('Authorization', sales).send(contact({ user: 'Administrator', links: [{ link_doctype: 'Customer', link_name: two.customer }] })).expect(200);
    expect(linked.body.data).toMatchObject({ user: 'Administrator', links: [expect.objectContaining({ link_name: two.customer })] });
    const unlinked = await t.http.post('/api/resource/Address').set('Authorization', sales).send(address({ address_title: 'Warehouse Annex' })).expect(200);
    expect(unlinked.body.data.links).toEqual([]);
  });
});
