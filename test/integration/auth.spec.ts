import { Database } from '../../src/kernel/db/database';
import { SetupService } from '../../src/setup/setup.service';
import { ADMIN_PASSWORD, bootApp, DEMO_PASSWORD, demoUserEmail, TestApp } from '../harness/app';

const CUSTOMER = 'customer1@demo.docket';
const TOKEN_URL = '/api/method/frappe.integrations.oauth2.get_token';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('answers ping for Guest', async () => {
    const res = await t.http.get('/api/method/ping').expect(200);
    expect(res.body).toEqual({ message: 'pong' });
  });

  it('logs in with a password and sets Frappe cookies; refuses a wrong one with 401', async () => {
    const ok = await t.http.post('/api/method/login').send({ usr: 'Administrator', pwd: ADMIN_PASSWORD }).expect(200);
    expect(ok.body.message).toBe('Logged In');
    const cookies = (ok.headers['set-cookie'] as unknown as string[]).join(';');
    expect(cookies).toMatch(/sid=/);
    expect(cookies).toMatch(/user_id=Administrator/);
    const who = await t.http.get('/api/method/frappe.auth.get_logged_user').set('Cookie', ok.headers['set-cookie']).expect(200);
    expect(who.body.message).toBe('Administrator');
    const bad = await t.http.post('/api/method/login').send({ usr: 'Administrator', pwd: 'nope-nope' }).expect(401);
    expect(bad.body.exc_type).toBe('AuthenticationError');
    expect(bad.body.exc).toBeUndefined();
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const login = await t.http.post('/api/method/login').send({ usr: 'Administrator', pwd: ADMIN_PASSWORD }).expect(200);
    const cookie = login.headers['set-cookie'];
    const denied = await t.http.post('/api/resource/Role').set('Cookie', cookie).send({ role_name: 'Csrf Test' }).expect(400);
    expect(denied.body.exc_type).toBe('CSRFTokenError');
    await t.http.post('/api/resource/Role').set('Cookie', cookie).set('X-Frappe-CSRF-Token', login.body.csrf_token).send({ role_name: 'Csrf Test' }).expect(200);
  });

  it('accepts token and Basic API keys, rejects a wrong secret (401) and bad base64 (400)', async () => {
    const token = await t.token('Administrator');
    const [key, secret] = token.slice(6).split(':');
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', token).expect(200);
    const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const res = await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', basic).expect(200);
    expect(res.body.message).toBe('Administrator');
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', `token ${key}:wrong-secret`).expect(401);
    const b64 = await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', 'Basic %%%notbase64').expect(400);
    expect(b64.body.exc_type).toBe('InvalidAuthorizationToken');
  });

  it('stores API secrets and passwords hashed, never in tabUser', async () => {
    const token = await t.token('Administrator');
    const secret = token.split(':')[1];
    const user = await t.http.get('/api/resource/User/Administrator').set('Authorization', token).expect(200);
    expect(JSON.stringify(user.body)).not.toContain(secret);
    expect(user.body.data.api_secret).toBeUndefined();
    expect(user.body.data.new_password).toBeUndefined();
  });

  it('rotates and revokes API keys', async () => {
    const admin = await t.token('Administrator');
    const user = demoUserEmail('Sales User');
    const first = await t.http.post('/api/method/frappe.core.doctype.user.user.generate_keys').set('Authorization', admin).send({ user }).expect(200);
    const u = await t.http.get(`/api/resource/User/${user}`).set('Authorization', admin).expect(200);
    const oldToken = `token ${u.body.data.api_key}:${first.body.message.api_secret}`;
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', oldToken).expect(200);
    const second = await t.http.post('/api/method/frappe.core.doctype.user.user.generate_keys').set('Authorization', admin).send({ user }).expect(200);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', oldToken).expect(401);
    const newToken = `token ${u.body.data.api_key}:${second.body.message.api_secret}`;
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', newToken).expect(200);
    await t.http.post('/api/method/docket.auth.revoke_keys').set('Authorization', admin).send({ user }).expect(200);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', newToken).expect(401);
  });

  it('only a System Manager generates keys', async () => {
    const sales = await t.token(demoUserEmail('Sales User'));
    const res = await t.http.post('/api/method/frappe.core.doctype.user.user.generate_keys').set('Authorization', sales).send({ user: 'Administrator' }).expect(403);
    expect(res.body.exc_type).toBe('PermissionError');
  });

  it('issues, uses, refreshes and revokes OAuth bearer tokens (password grant)', async () => {
    const got = await t.http
      .post(TOKEN_URL)
      .type('form')
      .send({ grant_type: 'password', username: CUSTOMER, password: DEMO_PASSWORD, client_id: 'docket-storefront' })
      .expect(200);
    expect(got.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const bearer = `Bearer ${got.body.access_token}`;
    const who = await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', bearer).expect(200);
    expect(who.body.message).toBe(CUSTOMER);
    const refreshed = await t.http
      .post(TOKEN_URL)
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: got.body.refresh_token, client_id: 'docket-storefront' })
      .expect(200);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', bearer).expect(401);
    const fresh = `Bearer ${refreshed.body.access_token}`;
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', fresh).expect(200);
    await t.http.post('/api/method/frappe.integrations.oauth2.revoke_token').type('form').send({ token: refreshed.body.access_token }).expect(200);
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Authorization', fresh).expect(401);
    const wrong = await t.http
      .post(TOKEN_URL)
      .type('form')
      .send({ grant_type: 'password', username: CUSTOMER, password: 'bad-password', client_id: 'docket-storefront' })
      .expect(400);
    expect(wrong.body.error).toBe('invalid_grant');
  });

  it('the storefront client serves website users only: a system user\'s right password gets invalid_grant (RFC 6749 §5.2, 400), like a wrong one', async () => {
    const grant = (username: string, password: string, client_id = 'docket-storefront') =>
      t.http.post(TOKEN_URL).type('form').send({ grant_type: 'password', username, password, client_id });
    for (const user of ['Administrator', demoUserEmail('Sales User')]) {
      const refused = await grant(user, user === 'Administrator' ? ADMIN_PASSWORD : DEMO_PASSWORD).expect(400);
      const wrong = await grant(user, 'not-the-password').expect(400);
      expect(refused.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid credentials given.' });
      expect(wrong.body).toEqual(refused.body);
    }
    await grant(CUSTOMER, DEMO_PASSWORD).expect(200);

    // A new client may not use the password grant until it says whom it serves (unauthorized_client, 400).
    const admin = await t.token('Administrator');
    const created = await t.http.post('/api/resource/OAuth Client').set('Authorization', admin).send({ client_id: 'desk-app', app_name: 'Desk App' }).expect(200);
    expect(created.body.data.password_grant_users).toBe('None');
    const none = await grant(CUSTOMER, DEMO_PASSWORD, 'desk-app').expect(400);
    expect(none.body.error).toBe('unauthorized_client');
    await t.http.put('/api/resource/OAuth Client/desk-app').set('Authorization', admin).send({ password_grant_users: 'System Users' }).expect(200);
    await grant(demoUserEmail('Sales User'), DEMO_PASSWORD, 'desk-app').expect(200);
    expect((await grant(CUSTOMER, DEMO_PASSWORD, 'desk-app').expect(400)).body.error).toBe('invalid_grant');
  });

  it('an older database\'s docket-storefront client, whose Password Grant For is empty, gets Website Users on migrate', async () => {
    const db = t.app.get(Database);
    await db.pool.write('tabOAuth Client', "UPDATE `tabOAuth Client` SET password_grant_users = NULL WHERE name = 'docket-storefront'");
    await t.app.get(SetupService).migrate();
    const [row] = await db.pool.query("SELECT password_grant_users FROM `tabOAuth Client` WHERE name = 'docket-storefront'");
    expect(row.password_grant_users).toBe('Website Users');
  });

  it('logs out by POST only: GET answers 403 PermissionError, POST ends the session (its sid then answers 401)', async () => {
    const login = await t.http.post('/api/method/login').send({ usr: 'Administrator', pwd: ADMIN_PASSWORD }).expect(200);
    const cookie = login.headers['set-cookie'];
    const get = await t.http.get('/api/method/logout').set('Cookie', cookie).expect(403);
    expect(get.body.exc_type).toBe('PermissionError');
    await t.http.get('/api/method/frappe.auth.get_logged_user').set('Cookie', cookie).expect(200);
    await t.http.post('/api/method/logout').set('Cookie', cookie).send({}).expect(200);
    const ended = await t.http.get('/api/method/frappe.auth.get_logged_user').set('Cookie', cookie).expect(401);
    expect(ended.body.exc_type).toBe('AuthenticationError');
    expect((ended.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(/sid=;/);
    // A stale cookie never stands in the way of logging in again.
    await t.http.post('/api/method/login').set('Cookie', cookie).send({ usr: 'Administrator', pwd: ADMIN_PASSWORD }).expect(200);
  });

  it('denies Guest what is not public, and methods that are not whitelisted', async () => {
    const who = await t.http.get('/api/method/frappe.auth.get_logged_user').expect(403);
    expect(who.body.exc_type).toBe('PermissionError');
    await t.http.get('/api/resource/User').expect(403);
    await t.http.get('/api/method/os.system').expect(403);
    await t.http.get('/api/method/frappe.client.insert').set('Authorization', await t.token('Administrator')).expect(403);
  });
});
