import { AddressInfo } from 'node:net';
import { FrappeApp } from 'frappe-js-sdk';
import { bootApp, DEMO_PASSWORD, demoUserEmail, TestApp } from '../harness/app';

/** The npm package frappe-js-sdk, unchanged, against a running Docket. */
describe('frappe-js-sdk compatibility', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await bootApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // docket-storefront serves website users only: a desk app has a client of its own.
    const client = { client_id: 'sdk-desk', app_name: 'SDK Desk', password_grant_users: 'System Users' };
    await t.http.post('/api/resource/OAuth Client').set('Authorization', await t.token('Administrator')).send(client).expect(200);
  });
  afterAll(() => t.close());

  it('logs in, gets a token, and reads, writes, counts and calls methods', async () => {
    const guest = new FrappeApp(url);
    const login = await guest.auth().loginWithUsernamePassword({ username: demoUserEmail('Sales Manager'), password: DEMO_PASSWORD });
    expect(login.message).toBe('Logged In');

    const tokenReply = await guest.call().post('frappe.integrations.oauth2.get_token', {
      grant_type: 'password',
      username: demoUserEmail('Sales Manager'),
      password: DEMO_PASSWORD,
      client_id: 'sdk-desk',
    });
    expect(tokenReply.token_type).toBe('Bearer');

    const app = new FrappeApp(url, { useToken: true, token: () => tokenReply.access_token, type: 'Bearer' });
    const db = app.db();

    const items = await db.getDocList('Item', {
      fields: ['name', 'item_name', 'item_group'],
      filters: [['disabled', '=', 0]],
      orderBy: { field: 'item_name', order: 'asc' },
      limit: 5,
    });
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    const sorted = [...items].sort((a, b) => String(a.item_name).localeCompare(String(b.item_name)));
    expect(items.map((i) => i.name)).toEqual(sorted.map((i) => i.name));

    const item = await db.getDoc('Item', items[0].name);
    expect(item.name).toBe(items[0].name);

    const created = await db.createDoc('Customer', { customer_name: 'SDK Customer', customer_type: 'Individual' });
    expect(created.name).toBeTruthy();
    const updated = await db.updateDoc('Customer', created.name, { customer_type: 'Company' });
    expect(updated.customer_type).toBe('Company');

    const count = await db.getCount('Customer', [['customer_name', '=', 'SDK Customer']]);
    expect(count).toBe(1);

    const value = await db.getValue('Customer', 'customer_type', [['name', '=', created.name]]);
    expect((value as unknown as { message: unknown }).message).toEqual({ customer_type: 'Company' });

    const pong = await app.call().get('ping');
    expect(pong).toEqual({ message: 'pong' });
    const me = await app.auth().getLoggedInUser();
    expect(me).toBe(demoUserEmail('Sales Manager'));

    await db.deleteDoc('Customer', created.name);
    expect(await db.getCount('Customer', [['customer_name', '=', 'SDK Customer']])).toBe(0);

    await expect(db.getDoc('Customer', created.name)).rejects.toMatchObject({ httpStatus: 404, exc_type: 'DoesNotExistError' });
    await guest.auth().logout(); // the SDK logs out by POST, the only verb logout takes
  });
});
