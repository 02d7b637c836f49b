import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sha256 } from '../../src/kernel/auth/passwords';
import { Database } from '../../src/kernel/db/database';
import { Ctx, SYSTEM } from '../../src/kernel/db/context';
import { HousekeepingService } from '../../src/kernel/db/housekeeping.service';
import { IdempotencyService } from '../../src/kernel/db/idempotency';
import { IdempotencyConflictError } from '../../src/kernel/errors/errors';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { onMariaDb, TestApp } from '../harness/app';

/**
 * Another server process as the claim records see it: its id, and a way to end it. MariaDB:
 * a connection holding that id's process lock; SQLite: a real process whose pid the id names.
 */
async function otherProcess(dbUrl: string): Promise<{ owner: string; end(): Promise<void> }> {
  const uuid = randomUUID();
  if (onMariaDb()) {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: dbUrl.replace(/^mariadb:/, 'mysql:') });
    const lock = `docket:proc:${uuid}`;
    await conn.query('SELECT GET_LOCK(?, 0)', [lock]);
    // Released before the connection ends, so the test does not race the server's clean-up of a closed connection.
    return {
      owner: uuid,
      end: async () => {
        await conn.query('DO RELEASE_LOCK(?)', [lock]);
        await conn.end();
      },
    };
  }
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
  return {
    owner: `${child.pid}:${uuid}`,
    end: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

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

  it("a key whose claiming process died is taken over at once by one retry; a live process's key stays 409", async () => {
    const db = t.app.get(Database);
    const body = order(m.customers[0], [m.items[0]], { remarks: 'taken over' });
    // The request hash does not depend on the key: borrow it from a finished request with the same body.
    await t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'takeover-probe').send(body).expect(200);
    const [probe] = await db.pool.query<{ request_hash: string }>('SELECT request_hash FROM `__Idempotency` WHERE key_hash = ?', [
      sha256('Administrator\u0000takeover-probe'),
    ]);
    const other = await otherProcess(t.config.dbUrl);
    // What a crash leaves behind: a claim started by the other process, never finished.
    await db.pool.write('__Idempotency', "INSERT INTO `__Idempotency` (key_hash, request_hash, status, created, owner, claim_id) VALUES (?, ?, 'started', ?, ?, ?)", [
      sha256('Administrator\u0000takeover-1'),
      probe.request_hash,
      Ctx.now(),
      other.owner,
      randomUUID(),
    ]);
    const post = () => t.http.post('/api/resource/Test Order').set('Authorization', admin).set('Idempotency-Key', 'takeover-1').send(body);
    expect((await post()).status).toBe(409);

    await other.end();
    const before = await count();
    const replies = await Promise.all(Array.from({ length: 20 }, post));
    const created = replies.filter((r) => r.status === 200 && !r.headers['idempotent-replayed']);
    expect(created).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200 && r.status !== 409)).toEqual([]);
    expect(await count()).toBe(before + 1);
    const again = await post().expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.name).toBe(created[0].body.data.name);
  });

  it('a request whose claim was taken over meanwhile cannot store its response (its write rolls back)', async () => {
    const service = t.app.get(IdempotencyService);
    const db = t.app.get(Database);
    const claim = await service.claim('Administrator', 'taken-meanwhile', 'fingerprint');
    if (claim.kind !== 'claimed') throw new Error('expected a fresh claim');
    await db.pool.write('__Idempotency', 'UPDATE `__Idempotency` SET claim_id = ? WHERE key_hash = ?', [randomUUID(), claim.keyHash]);
    await expect(db.runAsSystem(SYSTEM, (ctx) => service.complete(ctx, claim, { status: 200, body: {} }))).rejects.toThrow(IdempotencyConflictError);
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
      await ctx.db.write('__Idempotency', "INSERT INTO `__Idempotency` (key_hash, request_hash, status, created) VALUES ('old-key', 'x', 'done', '2000-01-01 00:00:00.000000')");
      await ctx.db.write('__Sessions', "INSERT INTO `__Sessions` (sid_hash, user, csrf_token, expires) VALUES ('old-sid', 'Administrator', 'c', '2000-01-01 00:00:00.000000')");
    });
    const removed = await t.app.get(HousekeepingService).run();
    expect(removed).toEqual({ idempotencyKeys: 1, sessions: 1, loginAttempts: 0, outboxRows: 0, inboxRows: 0 });
    const left = await db.pool.query('SELECT COUNT(*) AS n FROM `__Idempotency`');
    expect(Number(left[0].n)).toBeGreaterThan(0);
  });
});
