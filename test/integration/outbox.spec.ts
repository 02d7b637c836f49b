import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventHandlers } from '../../src/jobs/event-handlers';
import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { HousekeepingService } from '../../src/kernel/db/housekeeping.service';
import { ProcessIdentity } from '../../src/kernel/db/process-identity';
import { OutboxRelay } from '../../src/kernel/effects/outbox-relay';
import type { DeliveredEvent } from '../../src/kernel/events/types';
import { demoMasters, order } from '../fixtures/builders';
import { ADMIN_PASSWORD, bootApp, bootWithFixtures, TestApp } from '../harness/app';
import { docOf, EventRecorder, recordEvents } from '../harness/events';
import { freePort, ServerProcess, startServerProcess } from '../harness/server-process';

// A module's own events, declared as any module would (declaration merging).
declare module '../../src/kernel/events/types' {
  interface DocketEvents {
    'outbox_test.ping': { n: number; note: string };
  }
}

interface Row {
  id: number | string;
  event: string;
  payload: string;
  status: string;
  error: string | null;
}

/** The outbox rows whose payload names `name` (document names are unique in these tests). */
async function rowsOf(t: TestApp, name: string): Promise<Row[]> {
  return t.app.get(Database).pool.query<Row>('SELECT id, event, payload, status, error FROM `__Outbox` WHERE payload LIKE ? ORDER BY id', [`%"name":"${name}"%`]);
}

/** Rows not yet settled (pending, or handed to a queue and not run yet). */
async function unsettled(t: TestApp): Promise<number> {
  const [row] = await t.app.get(Database).pool.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM `__Outbox` WHERE status IN ('pending', 'queued')");
  return Number(row.n);
}

/** Now, as the outbox stores it. */
const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

/** Polls an async condition every 20 ms (for state in the database, which no event announces). */
async function until(ready: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How many times each name was delivered, over several apps' recorders. */
function deliveries(recorders: EventRecorder[], names: readonly string[], event: DeliveredEvent['name']): number[] {
  const all = recorders.flatMap((r) => r.events).filter((e) => e.name === event);
  return names.map((n) => all.filter((e) => docOf(e)?.name === n).length);
}

const emit = (t: TestApp, names: string[], opts: { fail?: boolean } = {}) =>
  t.app.get(Database).runAsSystem(SYSTEM, async (ctx) => {
    for (const name of names) ctx.emit('doc.on_update', { doctype: 'Outbox Test', name, user: ctx.user.name });
    if (opts.fail) throw new Error('rolled back on purpose');
  });

/**
 * The transactional outbox, on either engine (and BullMQ when REDIS_URL is set): events are
 * written by their transaction and delivered after commit, once; a rollback emits nothing;
 * rows left behind by a crash are relayed by the next process; two relays never deliver one
 * row twice; a failing handler is retried with backoff, then marked failed.
 */
describe('outbox: durable events after commit', () => {
  let t: TestApp;
  let recorder: EventRecorder;
  let admin: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await bootWithFixtures({}, { beforeInit: (app) => (recorder = recordEvents(app)) });
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('delivers the events of committed writes exactly once, after commit, with their outbox id', async () => {
    const m = await demoMasters(t);
    const posts = Array.from({ length: 20 }, (_, i) =>
      t.http
        .post('/api/resource/Test Order')
        .set('Authorization', admin)
        .send({ ...order(m.customers[0], [m.items[0]]), docstatus: i % 2 }),
    );
    const created = (await Promise.all(posts)).map((r) => {
      expect(r.status).toBe(200);
      return { name: r.body.data.name as string, submitted: r.body.data.docstatus === 1 };
    });
    expect(created.filter((c) => c.submitted)).toHaveLength(10);
    await until(async () => (await unsettled(t)) === 0);
    const names = created.map((c) => c.name);
    expect(deliveries([recorder], names, 'doc.after_insert')).toEqual(names.map(() => 1));
    expect(deliveries([recorder], names, 'doc.on_submit')).toEqual(created.map((c) => (c.submitted ? 1 : 0)));
    const ours = recorder.events.filter((e) => names.includes(docOf(e)?.name ?? ''));
    expect(ours).toHaveLength(30);
    expect(new Set(ours.map((e) => e.id)).size).toBe(30);
    expect(ours.map((e) => docOf(e)?.user)).toEqual(ours.map(() => 'Administrator'));
    const rows = (await Promise.all(names.map((n) => rowsOf(t, n)))).flat();
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'done'));
    expect(rows.map((r) => String(r.id)).sort()).toEqual(ours.map((e) => e.id).sort());
  });

  it('writes nothing for a rolled-back transaction, and neither writes nor wakes the relay for a write without events', async () => {
    const relay = t.app.get(OutboxRelay);
    const wake = jest.spyOn(relay, 'wake');
    try {
      await expect(emit(t, ['ROLLED-BACK-1'], { fail: true })).rejects.toThrow('rolled back on purpose');
      await t.app.get(Database).runAsSystem(SYSTEM, (ctx) => ctx.db.write('tabSeries', "INSERT INTO `tabSeries` (name, current) VALUES ('OUTBOX-TEST-', 1)"));
      expect(wake).not.toHaveBeenCalled();
      await emit(t, ['COMMITTED-1']);
      expect(wake).toHaveBeenCalledTimes(1);
    } finally {
      wake.mockRestore();
    }
    await recorder.until(() => deliveries([recorder], ['COMMITTED-1'], 'doc.on_update')[0] === 1);
    expect(await rowsOf(t, 'ROLLED-BACK-1')).toEqual([]);
    expect(deliveries([recorder], ['ROLLED-BACK-1'], 'doc.on_update')).toEqual([0]);
  });

  it("delivers a module's own event, typed by the open event map", async () => {
    const seen: number[] = [];
    t.app.get(EventHandlers).on('outbox_test.ping', (e) => {
      seen.push(e.payload.n);
    });
    await t.app.get(Database).runAsSystem(SYSTEM, async (ctx) => {
      ctx.emit('outbox_test.ping', { n: 42, note: 'typed' });
      // A payload that does not match the declared type does not compile:
      // @ts-expect-error n must be a number
      if (seen.length < 0) ctx.emit('outbox_test.ping', { n: 'forty-two', note: 'wrong' });
    });
    await recorder.until(() => seen.length === 1);
    expect(seen).toEqual([42]);
  });

  it('retries a failing handler with exponential backoff, then marks the event failed', async () => {
    const tries = new Map<string, number[]>();
    t.app.get(EventHandlers).on('doc.on_update', (e) => {
      if (!['FLAKY-1', 'DOOMED-1'].includes(e.payload.name)) return;
      const times = tries.get(e.payload.name) ?? [];
      times.push(Date.now());
      tries.set(e.payload.name, times);
      if (e.payload.name === 'DOOMED-1' || times.length < 3) throw new Error(`handler of ${e.payload.name} failed`);
    });
    await emit(t, ['FLAKY-1', 'DOOMED-1']);
    const statusOf = async (name: string) => (await rowsOf(t, name)).map((r) => r.status).join();
    await until(async () => (await statusOf('DOOMED-1')) === 'failed', 30_000);
    // Five tries in all (the default), waiting 1, 2, 4 then 8 s between them.
    const doomed = tries.get('DOOMED-1') ?? [];
    expect(doomed).toHaveLength(5);
    const gaps = doomed.slice(1).map((at, i) => at - doomed[i]);
    [1_000, 2_000, 4_000, 8_000].forEach((min, i) => expect(gaps[i]).toBeGreaterThanOrEqual(min - 20));
    expect((await rowsOf(t, 'DOOMED-1'))[0].error).toBe('handler of DOOMED-1 failed');
    expect(tries.get('FLAKY-1')).toHaveLength(3);
    expect(await statusOf('FLAKY-1')).toBe('done');
  }, 40_000);

  it('relays again a row that a dead process had handed over, and leaves one a live process holds', async () => {
    const db = t.app.get(Database);
    const identity = new ProcessIdentity(t.config);
    try {
      // A live owner: on MariaDB one that holds its process lock; on SQLite another pid that exists.
      await identity.ensure();
      const live = t.config.engine === 'mariadb' ? identity.id : `${process.ppid}:${randomUUID()}`;
      const dead = t.config.engine === 'mariadb' ? randomUUID() : `2147483647:${randomUUID()}`;
      const queued = (name: string, owner: string) =>
        db.pool.write(
        '__Outbox',
          "INSERT INTO `__Outbox` (event, payload, status, created, owner, claim, queued_at) VALUES ('doc.on_update', ?, 'queued', ?, ?, ?, ?)",
          [JSON.stringify({ doctype: 'Outbox Test', name, user: 'Administrator' }), now(), owner, randomUUID(), now()],
        );
      await queued('ORPHAN-1', dead);
      await queued('HELD-1', live);
      await t.app.get(OutboxRelay).sweep();
      await recorder.until(() => deliveries([recorder], ['ORPHAN-1'], 'doc.on_update')[0] === 1);
      await until(async () => (await rowsOf(t, 'ORPHAN-1'))[0].status === 'done');
      expect((await rowsOf(t, 'HELD-1')).map((r) => r.status)).toEqual(['queued']);
      expect(deliveries([recorder], ['ORPHAN-1', 'HELD-1'], 'doc.on_update')).toEqual([1, 0]);
      await db.pool.write('__Outbox', "UPDATE `__Outbox` SET status = 'done' WHERE payload LIKE '%HELD-1%'");
    } finally {
      await identity.stop();
    }
  });

  it('housekeeping drops settled rows older than a week and keeps recent ones', async () => {
    const db = t.app.get(Database);
    const rows: [string, string, string][] = [
      ['OLD-DONE', 'done', '2000-01-01 00:00:00'],
      ['OLD-FAILED', 'failed', '2000-01-01 00:00:00'],
      ['NEW-DONE', 'done', now()],
    ];
    for (const [name, status, created] of rows) {
      await db.pool.write('__Outbox', 'INSERT INTO `__Outbox` (event, payload, status, created) VALUES (?, ?, ?, ?)', [
        'doc.on_update',
        JSON.stringify({ doctype: 'Outbox Test', name, user: 'Administrator' }),
        status,
        created,
      ]);
    }
    const removed = await t.app.get(HousekeepingService).run();
    expect(removed.outboxRows).toBe(2);
    expect(await rowsOf(t, 'OLD-DONE')).toEqual([]);
    expect(await rowsOf(t, 'OLD-FAILED')).toEqual([]);
    expect((await rowsOf(t, 'NEW-DONE')).map((r) => r.status)).toEqual(['done']);
  });

  it('delivers, once each, the events a server committed before it was killed with Redis down', async () => {
    // Nothing listens there: the server's job queue cannot take its events, so they stay pending.
    const deadRedis = `redis://127.0.0.1:${await freePort()}/0`;
    let victim: ServerProcess | undefined;
    let restarted: TestApp | undefined;
    try {
      victim = await startServerProcess({
        DB_URL: t.config.engine === 'sqlite' ? `sqlite:${t.config.sqlitePath}` : t.config.dbUrl,
        REDIS_URL: deadRedis,
        ADMIN_PASSWORD,
        DOCKET_DEMO: '0',
        RATE_LIMIT_DEFAULT: '1000000/60',
      });
      const names: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${victim.url}/api/resource/Customer`, {
          method: 'POST',
          headers: { Authorization: admin, 'Content-Type': 'application/json' },
          body: JSON.stringify({ customer_name: `Outbox crash ${randomUUID()}`, customer_type: 'Company' }),
        });
        expect(r.status).toBe(200);
        names.push(((await r.json()) as { data: { name: string } }).data.name);
      }
      const before = await Promise.all(names.map((n) => rowsOf(t, n)));
      expect(before.map((rows) => rows.map((r) => `${r.event} ${r.status}`))).toEqual(names.map(() => ['doc.after_insert pending']));
      await victim.kill();

      let second!: EventRecorder;
      restarted = await bootApp({ DOCKET_DEMO: '0' }, { databaseOf: t, beforeInit: (app) => (second = recordEvents(app)) });
      await until(async () => (await unsettled(t)) === 0);
      // Delivered by the new process at its start (or by the suite's own periodic sweep): once each.
      expect(deliveries([recorder, second], names, 'doc.after_insert')).toEqual(names.map(() => 1));
    } finally {
      await victim?.kill();
      await restarted?.close();
    }
  }, 90_000);
});

describe('outbox: two relays on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let a: EventRecorder;
  let b: EventRecorder;

  beforeAll(async () => {
    // In-process queues: each relay's deliveries stay in its own app (BullMQ would dedupe a row handed over twice).
    first = await bootApp({ REDIS_URL: '' }, { beforeInit: (app) => (a = recordEvents(app)) });
    second = await bootApp({ REDIS_URL: '', DOCKET_DEMO: '0' }, { databaseOf: first, beforeInit: (app) => (b = recordEvents(app)) });
    await until(async () => (await unsettled(first)) === 0);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('never deliver one row twice when both relay the same rows at once', async () => {
    const names = Array.from({ length: 500 }, (_, i) => `RACE-${i}`);
    await emit(first, names);
    second.app.get(OutboxRelay).wake();
    await until(async () => (await unsettled(first)) === 0);
    expect(deliveries([a, b], names, 'doc.on_update')).toEqual(names.map(() => 1));
    const ids = [...a.events, ...b.events].filter((e) => names.includes(docOf(e)?.name ?? '')).map((e) => e.id);
    expect(new Set(ids).size).toBe(500);
    process.stdout.write(`two relays: ${deliveries([a], names, 'doc.on_update').filter(Boolean).length} / ${deliveries([b], names, 'doc.on_update').filter(Boolean).length}\n`);
  });
});
