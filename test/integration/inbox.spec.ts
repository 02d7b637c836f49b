import { randomUUID } from 'node:crypto';
import { Ctx, SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { HousekeepingService } from '../../src/kernel/db/housekeeping.service';
import { DocumentService } from '../../src/kernel/document/document.service';
import { Inbox, InboxResult } from '../../src/kernel/effects/inbox';
import { bootApp, TestApp } from '../harness/app';

/**
 * The inbox, on either engine: an external event (source, event id) processed any number of
 * times, one after the other or 20 at once, runs its effect once, in the caller's
 * transaction; an effect that rolled back leaves no trace, so the sender's retry runs it.
 */
describe('inbox: exactly-once external events', () => {
  let t: TestApp;
  let db: Database;
  let inbox: Inbox;

  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(Database);
    inbox = t.app.get(Inbox);
  });
  afterAll(() => t.close());

  /** The effect of a payment webhook: a Customer named after the event, created in the same transaction. */
  const receive = (eventId: string, effect: (ctx: Ctx) => Promise<unknown> = (ctx) => createCustomer(ctx, eventId)) =>
    db.runAsSystem(SYSTEM, (ctx) => inbox.once(ctx, 'test-gateway', eventId, () => effect(ctx)));
  const createCustomer = (ctx: Ctx, eventId: string) =>
    t.app.get(DocumentService).insert(ctx, 'Customer', { customer_name: `Inbox ${eventId}`, customer_type: 'Company' });
  const customers = async (eventId: string) =>
    Number((await db.pool.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM `tabCustomer` WHERE customer_name = ?', [`Inbox ${eventId}`]))[0].n);
  const inboxRows = async (eventId: string) =>
    Number((await db.pool.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM `__Inbox` WHERE source = ? AND event_id = ?', ['test-gateway', eventId]))[0].n);

  it('runs the effect of an event once when it arrives twice, one after the other', async () => {
    const id = `evt_${randomUUID()}`;
    const first = await receive(id);
    const again = await receive(id);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ duplicate: true });
    expect(await customers(id)).toBe(1);
    expect(await inboxRows(id)).toBe(1);
  });

  it('runs the effect once when the same event arrives 20 times at once', async () => {
    const id = `evt_${randomUUID()}`;
    let runs = 0;
    const results: InboxResult<unknown>[] = await Promise.all(
      Array.from({ length: 20 }, () =>
        receive(id, async (ctx) => {
          runs++;
          return createCustomer(ctx, id);
        }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(19);
    expect(runs).toBe(1);
    expect(await customers(id)).toBe(1);
  });

  it('leaves no inbox row when the effect rolls back, so a retry runs it', async () => {
    const id = `evt_${randomUUID()}`;
    await expect(
      receive(id, async (ctx) => {
        await createCustomer(ctx, id);
        throw new Error('the effect failed after writing');
      }),
    ).rejects.toThrow('the effect failed after writing');
    expect(await inboxRows(id)).toBe(0);
    expect(await customers(id)).toBe(0);
    expect((await receive(id)).duplicate).toBe(false);
    expect(await customers(id)).toBe(1);
  });

  it('tells apart event ids that differ only in case, and sources', async () => {
    const id = `evt_${randomUUID()}`;
    const upper = id.toUpperCase();
    expect((await receive(id, async () => 'lower')).duplicate).toBe(false);
    expect((await receive(upper, async () => 'upper')).duplicate).toBe(false);
    const other = await db.runAsSystem(SYSTEM, (ctx) => inbox.once(ctx, 'another-gateway', id, async () => 'other source'));
    expect(other).toEqual({ duplicate: false, result: 'other source' });
  });

  it('is forgotten by the housekeeping after 30 days', async () => {
    const id = `evt_${randomUUID()}`;
    await receive(id, async () => 'first');
    await db.pool.write('__Inbox', "UPDATE `__Inbox` SET received = '2000-01-01 00:00:00' WHERE event_id = ?", [id]);
    const recent = `evt_${randomUUID()}`;
    await receive(recent, async () => 'recent');
    expect((await t.app.get(HousekeepingService).run()).inboxRows).toBe(1);
    expect(await inboxRows(id)).toBe(0);
    expect(await inboxRows(recent)).toBe(1);
  });

  it('refuses an empty or oversized event id with a DataError (417), and an event outside a write transaction', async () => {
    await expect(receive('')).rejects.toMatchObject({ excType: 'DataError', httpStatus: 417 });
    await expect(receive('x'.repeat(256))).rejects.toMatchObject({ excType: 'DataError', httpStatus: 417 });
    await expect(db.run(SYSTEM, {}, { write: false }, (ctx) => inbox.once(ctx, 'test-gateway', 'evt_read', async () => 1))).rejects.toThrow(
      /transaction of its effect/,
    );
  });
});
