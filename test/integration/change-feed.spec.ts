import request from 'supertest';
import { bootFixtureSuite, FixtureSuite } from '../fixtures/builders';
import { ADMIN_PASSWORD, DEMO_PASSWORD, demoUserEmail } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';

/**
 * Two server processes on one database and one Redis: a change committed through one is seen
 * by the very next request to the other, although the other had the document, the caller's
 * credentials or its User Permissions cached. (Without Redis only one process may serve, so
 * there is nothing to show.)
 */
(process.env.REDIS_URL ? describe : describe.skip)('committed changes reach every process (Redis)', () => {
  let s: FixtureSuite;
  let second: ServerProcess;
  let other: ReturnType<typeof request>;

  beforeAll(async () => {
    s = await bootFixtureSuite();
    second = await startServerProcess({ DB_URL: s.t.config.dbUrl, REDIS_URL: process.env.REDIS_URL!, ADMIN_PASSWORD, DOCKET_DEMO: '0' });
    other = request(second.url);
  });
  afterAll(async () => {
    await second?.stop();
    await s?.t.close();
  });

  it('documents: a write in one process is seen by the next read in the other', async () => {
    // The second process runs src/main.ts without the test fixtures: an Item is common ground.
    const item = { item_code: 'FEED-X-1', item_name: 'v1', item_group: 'All Item Groups', stock_uom: 'Nos' };
    await s.t.http.post('/api/resource/Item').set('Authorization', s.admin).send(item).expect(200);
    const path = '/api/resource/Item/FEED-X-1';
    const readOther = async () => (await other.get(path).set('Authorization', s.admin).expect(200)).body.data.item_name;
    const readHere = async () => (await s.t.http.get(path).set('Authorization', s.admin).expect(200)).body.data.item_name;
    expect(await readOther()).toBe('v1');
    expect(await readHere()).toBe('v1');

    await s.t.http.put(path).set('Authorization', s.admin).send({ item_name: 'v2' }).expect(200);
    expect(await readOther()).toBe('v2');

    await other.put(path).set('Authorization', s.admin).send({ item_name: 'v3' }).expect(200);
    expect(await readHere()).toBe('v3');
  });

  it('credentials: an API key revoked through one process is refused by the other at once', async () => {
    const user = demoUserEmail('Stock User');
    const token = await s.t.token(user);
    await other.get('/api/method/frappe.auth.get_logged_user').set('Authorization', token).expect(200);
    await s.t.http.post('/api/method/docket.auth.revoke_keys').set('Authorization', s.admin).send({ user }).expect(200);
    await other.get('/api/method/frappe.auth.get_logged_user').set('Authorization', token).expect(401);
  });

  it('OAuth: a bearer token revoked through one process is refused by the other at once', async () => {
    const form = { grant_type: 'password', username: 'customer1@demo.docket', password: DEMO_PASSWORD, client_id: 'docket-storefront' };
    const issued = await s.t.http.post('/api/method/frappe.integrations.oauth2.get_token').type('form').send(form).expect(200);
    const bearer = `Bearer ${issued.body.access_token}`;
    await other.get('/api/method/frappe.auth.get_logged_user').set('Authorization', bearer).expect(200);
    await s.t.http.post('/api/method/frappe.integrations.oauth2.revoke_token').type('form').send({ token: issued.body.access_token }).expect(200);
    await other.get('/api/method/frappe.auth.get_logged_user').set('Authorization', bearer).expect(401);
  });

  it('User Permissions: a restriction added through one process applies in the other at once', async () => {
    const user = demoUserEmail('Sales Manager');
    const token = await s.t.token(user);
    const [allowed, denied] = s.m.customers;
    const customer = (name: string) => other.get(`/api/resource/Customer/${encodeURIComponent(name)}`).set('Authorization', token);
    await customer(denied).expect(200);
    await s.t.http.post('/api/resource/User Permission').set('Authorization', s.admin).send({ user, allow: 'Customer', for_value: allowed }).expect(200);
    await customer(denied).expect(403);
    await customer(allowed).expect(200);
  });
});
