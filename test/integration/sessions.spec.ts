import { ADMIN_PASSWORD, bootApp, TestApp } from '../harness/app';

const PASSWORD = 'first-password-1';
const WHO = '/api/method/frappe.auth.get_logged_user';
const TOKEN_URL = '/api/method/frappe.integrations.oauth2.get_token';

interface Session {
  cookie: string[];
  csrf: string;
}

interface Tokens {
  access: string;
  refresh: string;
}

/**
 * A new password, disabling a user or taking a role away ends the user's other sessions and
 * revokes its OAuth tokens (access and refresh), at once although they were cached. The
 * request that made the change keeps its own session when it is the user's own.
 */
describe('sessions and tokens end when a user changes', () => {
  let t: TestApp;
  let admin: string;
  let seq = 0;

  const login = async (usr: string, pwd = PASSWORD): Promise<Session> => {
    const res = await t.http.post('/api/method/login').send({ usr, pwd }).expect(200);
    return { cookie: res.headers['set-cookie'] as unknown as string[], csrf: res.body.csrf_token };
  };
  const tokens = async (username: string): Promise<Tokens> => {
    const form = { grant_type: 'password', username, password: PASSWORD, client_id: 'test-all-users' };
    const res = await t.http.post(TOKEN_URL).type('form').send(form).expect(200);
    return { access: res.body.access_token, refresh: res.body.refresh_token };
  };
  const refresh = (tk: Tokens) =>
    t.http.post(TOKEN_URL).type('form').send({ grant_type: 'refresh_token', refresh_token: tk.refresh, client_id: 'test-all-users' });
  const viaSession = (s: Session) => t.http.get(WHO).set('Cookie', s.cookie);
  const viaBearer = (tk: Tokens) => t.http.get(WHO).set('Authorization', `Bearer ${tk.access}`);
  /** A user of its own per test (so one test's changes can't help another pass). */
  const newUser = async (roles: string[]): Promise<string> => {
    const email = `session.user${++seq}@example.com`;
    const body = { email, first_name: 'Session', last_name: `User ${seq}`, new_password: PASSWORD, roles: roles.map((role) => ({ role })) };
    await t.http.post('/api/resource/User').set('Authorization', admin).send(body).expect(200);
    return email;
  };
  /** Everything the user holds, each used once so that it is cached. */
  const credentials = async (user: string) => {
    const [a, b] = [await login(user), await login(user)];
    const tk = await tokens(user);
    for (const s of [a, b]) await viaSession(s).expect(200);
    await viaBearer(tk).expect(200);
    return { a, b, tk };
  };
  const expectEnded = async (sessions: Session[], tk: Tokens) => {
    for (const s of sessions) expect((await viaSession(s).expect(401)).body.exc_type).toBe('AuthenticationError');
    await viaBearer(tk).expect(401);
    expect((await refresh(tk).expect(400)).body.error).toBe('invalid_grant');
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    const client = { client_id: 'test-all-users', app_name: 'Test', password_grant_users: 'All Users' };
    await t.http.post('/api/resource/OAuth Client').set('Authorization', admin).send(client).expect(200);
  });
  afterAll(() => t.close());

  it('a password set by Administrator ends all the user\'s sessions, access and refresh tokens', async () => {
    const user = await newUser(['Customer']);
    const { a, b, tk } = await credentials(user);
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', admin).send({ new_password: 'second-password-2' }).expect(200);
    await expectEnded([a, b], tk);
    await t.http.post('/api/method/login').send({ usr: user, pwd: PASSWORD }).expect(401);
    await login(user, 'second-password-2');
  });

  it('a user changing its own password through its session keeps that session; the others end', async () => {
    const user = await newUser(['System Manager']);
    const { a, b, tk } = await credentials(user);
    await t.http.put(`/api/resource/User/${user}`).set('Cookie', a.cookie).set('X-Frappe-CSRF-Token', a.csrf).send({ new_password: 'second-password-2' }).expect(200);
    expect((await viaSession(a).expect(200)).body.message).toBe(user);
    await expectEnded([b], tk);
  });

  it('a user changing its own password with a bearer token keeps that token; its sessions end', async () => {
    const user = await newUser(['System Manager']);
    const { a, b, tk } = await credentials(user);
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', `Bearer ${tk.access}`).send({ new_password: 'second-password-2' }).expect(200);
    await viaBearer(tk).expect(200);
    for (const s of [a, b]) await viaSession(s).expect(401);
  });

  it('disabling a user ends its sessions and tokens for good: enabling it again revives none', async () => {
    const user = await newUser(['Sales User']);
    const { a, b, tk } = await credentials(user);
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', admin).send({ enabled: 0 }).expect(200);
    for (const s of [a, b]) await viaSession(s).expect(401);
    await viaBearer(tk).expect(401);
    await t.http.post('/api/method/login').send({ usr: user, pwd: PASSWORD }).expect(401);
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', admin).send({ enabled: 1 }).expect(200);
    await expectEnded([a, b], tk);
    await login(user);
  });

  it('removing a role ends the user\'s sessions and tokens; adding one does not', async () => {
    const user = await newUser(['Sales User', 'Stock User']);
    const { a, b, tk } = await credentials(user);
    const roles = (names: string[]) => ({ roles: names.map((role) => ({ role })) });
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', admin).send(roles(['Sales User', 'Stock User', 'Item Manager'])).expect(200);
    for (const s of [a, b]) await viaSession(s).expect(200);
    await viaBearer(tk).expect(200);
    await t.http.put(`/api/resource/User/${user}`).set('Authorization', admin).send(roles(['Sales User', 'Item Manager'])).expect(200);
    await expectEnded([a, b], tk);
  });

  it('a user dropping one of its own roles keeps the changing session (with its new roles); the others end', async () => {
    const user = await newUser(['System Manager', 'Stock User']);
    const { a, b, tk } = await credentials(user);
    await t.http
      .put(`/api/resource/User/${user}`)
      .set('Cookie', a.cookie)
      .set('X-Frappe-CSRF-Token', a.csrf)
      .send({ roles: [{ role: 'System Manager' }] })
      .expect(200);
    await viaSession(a).expect(200);
    await expectEnded([b], tk);
    // Administrator's own session, which made the other changes, was never touched.
    const adminSession = await login('Administrator', ADMIN_PASSWORD);
    await t.http.put(`/api/resource/User/${user}`).set('Cookie', adminSession.cookie).set('X-Frappe-CSRF-Token', adminSession.csrf).send({ enabled: 0 }).expect(200);
    await viaSession(adminSession).expect(200);
    await viaSession(a).expect(401);
  });
});
