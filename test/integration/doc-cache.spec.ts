import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { DocCache } from '../../src/kernel/document/doc-cache';
import { DocumentService } from '../../src/kernel/document/document.service';
import { Doc } from '../../src/kernel/document/types';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';

/**
 * The document cache behind get-by-name: repeated reads skip the database, every committed
 * write (documents, child rows, raw statements) is seen by the next read, permissions are
 * still checked per caller. Across processes: test/integration/change-feed.spec.ts.
 */
describe('document cache', () => {
  let s: FixtureSuite;
  let db: Database;
  const get = async (name: string, auth = s.admin) =>
    (await s.t.http.get(`/api/resource/Test Order/${name}`).set('Authorization', auth).expect(200)).body.data;
  const create = async (customer = s.m.customers[0], extra: Record<string, unknown> = {}) =>
    (await s.t.http.post('/api/resource/Test Order').set('Authorization', s.admin).send(order(customer, [s.m.items[0]], extra)).expect(200)).body.data;
  /** Changes a row behind Docket's back (straight through the driver), so only a cache can still show the old value. */
  const behindTheBack = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);

  beforeAll(async () => {
    s = await bootFixtureSuite();
    db = s.t.app.get(Database);
  });
  afterAll(() => s.t.close());

  it('answers a repeated get-by-name from memory', async () => {
    const doc = await create(s.m.customers[0], { remarks: 'first' });
    expect((await get(doc.name)).remarks).toBe('first');
    await behindTheBack('UPDATE `tabTest Order` SET remarks = ? WHERE name = ?', ['changed behind the back', doc.name]);
    expect((await get(doc.name)).remarks).toBe('first');
  });

  it('shows a saved change, a child-table change and a raw statement at the next read', async () => {
    const doc = await create();
    await get(doc.name);
    await s.t.http.put(`/api/resource/Test Order/${doc.name}`).set('Authorization', s.admin).send({ remarks: 'saved' }).expect(200);
    expect((await get(doc.name)).remarks).toBe('saved');

    const items = [{ item_code: s.m.items[0], qty: 2, rate: '5' }, { item_code: s.m.items[1], qty: 1, rate: '1' }];
    await s.t.http.put(`/api/resource/Test Order/${doc.name}`).set('Authorization', s.admin).send({ items }).expect(200);
    const after = await get(doc.name);
    expect(after.items.map((r: { qty: number }) => r.qty)).toEqual([2, 1]);
    expect(after.grand_total).toBe(11);

    // A statement on a child table through the kernel's pool invalidates its parent doctype.
    await db.pool.write('tabTest Order Item', 'UPDATE `tabTest Order Item` SET qty = 7 WHERE parent = ? AND idx = 1', [doc.name]);
    expect((await get(doc.name)).items[0].qty).toBe(7);

    await s.t.http.delete(`/api/resource/Test Order/${doc.name}`).set('Authorization', s.admin).expect(202);
    await s.t.http.get(`/api/resource/Test Order/${doc.name}`).set('Authorization', s.admin).expect(404);
  });

  it('keeps serving the committed state when a write is rolled back', async () => {
    const doc = await create(s.m.customers[0], { remarks: 'kept' });
    await get(doc.name);
    const stale = await s.t.http.put(`/api/resource/Test Order/${doc.name}`).set('Authorization', s.admin).send({ remarks: 'lost', modified: '2000-01-01 00:00:00.000000' });
    expect(stale.status).toBe(417);
    expect((await get(doc.name)).remarks).toBe('kept');
  });

  it('never keeps what a read loaded before a write committed during that read', async () => {
    const doc = await create(s.m.customers[0], { remarks: 'before' });
    const cache = s.t.app.get(DocCache);
    let finishLoad!: (d: Doc) => void;
    // A read whose database answer (the old state) arrives only after a write has committed.
    const racing = cache.read('Test Order', doc.name, () => new Promise<Doc>((resolve) => (finishLoad = resolve)));
    await db.pool.write('tabTest Order', 'UPDATE `tabTest Order` SET remarks = ? WHERE name = ?', ['after', doc.name]);
    finishLoad({ name: doc.name, remarks: 'before' });
    expect((await racing)!.remarks).toBe('before');
    // The racing read's result must not be served again.
    expect((await get(doc.name)).remarks).toBe('after');
  });

  it('checks permissions on every read of a cached document', async () => {
    const portal = 'customer1@demo.docket';
    const own = (await db.pool.query('SELECT parent FROM `tabPortal User` WHERE user = ?', [portal]))[0].parent as string;
    const theirs = await create(s.m.customers.find((c) => c !== own)!);
    await get(theirs.name); // cached by Administrator's read
    const token = await s.t.token(portal);
    const denied = await s.t.http.get(`/api/resource/Test Order/${theirs.name}`).set('Authorization', token);
    expect([403, 404]).toContain(denied.status);
    await s.t.http.get(`/api/resource/Test Order/${theirs.name}`).expect(403);
  });

  it('hands out frozen documents, so no caller can change what the next one reads', async () => {
    const doc = await create();
    const docs = s.t.app.get(DocumentService);
    const read = () => db.run(SYSTEM, {}, { write: false }, (ctx) => docs.getDoc(ctx, 'Test Order', doc.name));
    const first = await read();
    expect(await read()).toBe(first);
    expect(() => {
      first.remarks = 'mutated';
    }).toThrow(TypeError);
    expect(() => (first.items as unknown[]).push({})).toThrow(TypeError);
    // Inside a transaction (the lifecycle's own reads) documents come from the database, mutable.
    const inTx = await db.run(SYSTEM, {}, { write: true }, (ctx) => docs.getDoc(ctx, 'Test Order', doc.name));
    expect(Object.isFrozen(inTx)).toBe(false);
  });
});
