import { Database } from '../../src/kernel/db/database';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { demoUserEmail, TestApp } from '../harness/app';

describe('hostile list parameters and computed fields', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];
  const seen: string[] = [];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    const ds = t.app.get(Database).dataSource;
    const original = ds.query.bind(ds);
    // record every SQL text sent through the pool, to prove hostile text never reaches it
    ds.query = ((sql: string, ...rest: unknown[]) => {
      seen.push(sql);
      return (original as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof ds.query;
  });
  afterAll(() => t.close());

  const hostileFields = [
    ['name; DROP TABLE `tabUser`'],
    ['(SELECT password FROM __Auth)'],
    ['name FROM tabUser --'],
    ['no_such_column'],
    ['`tabItem`.`name`'],
    ['sleep(3)'],
    ['count(password)'],
    ['new_password'],
  ];
  const hostileOrders = ['name; DROP TABLE x', '(SELECT 1)', 'sleep(1) desc', 'name desc, (case when 1 then 1 end)', 'no_such_field asc', 'name asc limit 1'];
  const hostileFilters = [
    [['name', '= 1 OR 1=1 --', 'x']],
    [['name) OR (1=1', '=', 'x']],
    [['__Auth', 'password', 'like', '%']],
    [['Item', 'name', '=', 'x']],
    [['owner', 'regexp', '.*']],
    { 'name`': 'x' },
  ];

  it.each(hostileFields)('refuses fields=%j with a 4xx', async (f) => {
    seen.length = 0;
    const res = await t.http.get('/api/resource/User').query({ fields: JSON.stringify([f]) }).set('Authorization', admin);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(seen.some((s) => s.includes(f))).toBe(false);
  });

  it.each(hostileOrders)('refuses order_by=%j with a 4xx', async (o) => {
    seen.length = 0;
    const res = await t.http.get('/api/resource/User').query({ order_by: o }).set('Authorization', admin);
    expect(res.status).toBe(417);
    expect(seen.some((s) => s.includes(o))).toBe(false);
  });

  it.each(hostileFilters.map((f) => [JSON.stringify(f)]))('refuses filters=%s with a 4xx', async (f) => {
    const res = await t.http.get('/api/resource/User').query({ filters: f }).set('Authorization', admin);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('treats hostile filter values as plain values (bound parameters)', async () => {
    const res = await t.http.get('/api/resource/User').query({ filters: JSON.stringify([['name', '=', "x' OR '1'='1"]]) }).set('Authorization', admin).expect(200);
    expect(res.body.data).toEqual([]);
    const users = await t.app.get(Database).pool.query('SELECT COUNT(*) AS n FROM `tabUser`');
    expect(Number(users[0].n)).toBeGreaterThan(2);
  });

  it('rejects malformed JSON parameters with 417', async () => {
    const res = await t.http.get('/api/resource/User').query({ filters: '[["name", "="' }).set('Authorization', admin).expect(417);
    expect(res.body.exc_type).toBe('DataError');
  });

  it('ignores client-set owner/creation/modified_by/computed totals, and permlevel-1 fields without the role', async () => {
    const sales = await t.token(demoUserEmail('Sales User'));
    const res = await t.http
      .post('/api/resource/Test Order')
      .set('Authorization', sales)
      .send({ ...order(m.customers[0], [m.items[0]]), owner: 'Administrator', creation: '2000-01-01 00:00:00', modified_by: 'x', grand_total: 0.01, status: 'Open', discount_percentage: 90 })
      .expect(200);
    expect(res.body.data).toMatchObject({ owner: demoUserEmail('Sales User'), modified_by: demoUserEmail('Sales User'), grand_total: 10.25, status: 'Draft', discount_percentage: 0 });
    const manager = await t.token(demoUserEmail('Sales Manager'));
    const ok = await t.http.post('/api/resource/Test Order').set('Authorization', manager).send({ ...order(m.customers[0], [m.items[0]]), discount_percentage: 10 }).expect(200);
    expect(ok.body.data).toMatchObject({ discount_percentage: 10, grand_total: 9.23 });
  });

  it('hides permlevel-1 fields from roles that cannot read them', async () => {
    const acct = await t.token(demoUserEmail('Accounts User'));
    const [one] = (await t.http.get('/api/resource/Test Order').set('Authorization', admin).expect(200)).body.data;
    const res = await t.http.get(`/api/resource/Test Order/${one.name}`).set('Authorization', acct).expect(200);
    expect(res.body.data.discount_percentage).toBeUndefined();
    const f = await t.http.get('/api/resource/Test Order').query({ fields: '["discount_percentage"]' }).set('Authorization', acct).expect(403);
    expect(f.body.exc_type).toBe('PermissionError');
    const users = await t.http.get('/api/resource/User').query({ fields: '["name","api_key"]' }).set('Authorization', admin).expect(200);
    expect(users.body.data.length).toBeGreaterThan(0);
  });
});
