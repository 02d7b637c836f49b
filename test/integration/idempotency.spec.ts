import { Database } from '../../src/kernel/db/database';
import { SYSTEM } from '../../src/kernel/db/context';
import { HousekeepingService } from '../../src/kernel/db/housekeeping.service';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';

describe('Idempotency-Key (Stripe semantics)', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
  });
  afterAll(() => t.close());

  const count = async () =>
    (await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Test Order' }).set('Authorization', admin).expect(200)).body.message as number;

  it('replays the stored response for the same key and body, with Idempotent-Replayed', async () => {
    const body = order(m.customers[0], [m.items[0]]);
    const first = await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-1').send(body).expect(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await count();
    const again = await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-1').send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count()).toBe(before);
  });

  it('refuses the same key with another body (422)', async () => {
    await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-2').send(order(m.customers[0], [m.items[0]])).expect(200);
    const res = await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-2').send(order(m.customers[1], [m.items[0]])).expect(422);
    expect(res.body.exc_type).toBe('IdempotencyMismatchError');
  });

  it('keys are per user, and a failed request frees its key for a retry', async () => {
    const bad = await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-3').send({ customer: m.customers[0], items: [] }).expect(417);
    expect(bad.body.exc_type).toBe('MandatoryError');
    await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'k-3').send(order(m.customers[0], [m.items[0]])).expect(200);
  });

  it('works on /api/method writes too', async () => {
    const body = { doc: { doctype: 'Test Order', ...order(m.customers[0], [m.items[0]]) } };
    const a = await t.http.post('/api/method/frappe.client.insert').set('Authorization', admin).set('Idempotency-Key', 'm-1').send(body).expect(200);
    const b = await t.http.post('/api/method/frappe.client.insert').set('Authorization', admin).set('Idempotency-Key', 'm-1').send(body).expect(200);
    expect(b.body.message.name).toBe(a.body.message.name);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });

  it('50 concurrent requests with one key create exactly one document; the rest replay it or get 409', async () => {
    const before = await count();
    const body = order(m.customers[0], [m.items[0]], { remarks: 'concurrent idempotent' });
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'race-1').send(body)),
    );
    const created = replies.filter((r) => r.status === 200 && !r.headers['idempotent-replayed']);
    const replayed = replies.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === 'true');
    const conflicts = replies.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(replayed.length + conflicts.length).toBe(49);
    for (const r of replayed) expect(r.body.data.name).toBe(created[0].body.data.name);
    expect(await count()).toBe(before + 1);
  });

  it('covers GraphQL mutations, which also land in the API transaction log', async () => {
    const before = await count();
    const mutation = { query: 'mutation($doc: JSON!) { insertDoc(doctype: "Test Order", doc: $doc) }', variables: { doc: order(m.customers[0], [m.items[0]]) } };
    const a = await t.http.post('/graphql').set('Authorization', admin).set('Idempotency-Key', 'g-1').send(mutation).expect(200);
    const b = await t.http.post('/graphql').set('Authorization', admin).set('Idempotency-Key', 'g-1').send(mutation).expect(200);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.data.insertDoc.name).toBe(a.body.data.insertDoc.name);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
    const log = await t.http
      .get('/api/resource/API Request Log')
      .query({ fields: '["action","reference_doctype","reference_name","auth_method"]', filters: JSON.stringify({ action: 'graphql.insertDoc' }) })
      .set('Authorization', admin)
      .expect(200);
    expect(log.body.data).toEqual([{ action: 'graphql.insertDoc', reference_doctype: 'Test Order', reference_name: a.body.data.insertDoc.name, auth_method: 'token' }]);
  });

  it('housekeeping drops keys older than 24 h and expired sessions, and keeps the rest', async () => {
    const db = t.app.get(Database);
    await db.runAsSystem(SYSTEM, async (ctx) => {
      await ctx.db.execute("INSERT INTO `__Idempotency` (key_hash, request_hash, status, created) VALUES ('old-key', 'x', 'done', '2000-01-01 00:00:00.000000')");
      await ctx.db.execute("INSERT INTO `__Sessions` (sid_hash, user, csrf_token, expires) VALUES ('old-sid', 'Administrator', 'c', '2000-01-01 00:00:00.000000')");
    });
    const removed = await t.app.get(HousekeepingService).run();
    expect(removed).toEqual({ idempotencyKeys: 1, sessions: 1, loginAttempts: 0 });
    const left = await db.pool.query('SELECT COUNT(*) AS n FROM `__Idempotency`');
    expect(Number(left[0].n)).toBeGreaterThan(0);
  });
});
