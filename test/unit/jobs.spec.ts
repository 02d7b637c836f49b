import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { BullJobQueue } from '../../src/jobs/bull-job-queue';
import { EventHandlers } from '../../src/jobs/event-handlers';
import { InProcessJobQueue } from '../../src/jobs/in-process-job-queue';
import { backoffDelay, type JobInfo } from '../../src/jobs/job-queue';
import type { DeliveredEvent } from '../../src/kernel/events/types';

const REDIS_URL = process.env.REDIS_URL;

// The queues log every retry; keep the test output to the results.
beforeAll(() => Logger.overrideLogger(false));

const event = (): DeliveredEvent<'doc.on_submit'> => ({ id: '1', name: 'doc.on_submit', payload: { doctype: 'Sales Order', name: 'SO-0001', user: 'a@example.com' }, emitted: '2026-01-01 00:00:00' });

describe('InProcessJobQueue', () => {
  let queue: InProcessJobQueue;
  beforeEach(() => {
    queue = new InProcessJobQueue({ attempts: 5, backoffMs: 5 });
  });
  afterEach(() => queue.beforeApplicationShutdown());

  it('runs jobs after the caller returns, with a JSON copy of the data', async () => {
    const seen: unknown[] = [];
    queue.process('copy', async (data) => {
      seen.push(data);
    });
    const data = { n: 1, at: new Date('2026-01-01T00:00:00Z') };
    await queue.add('copy', data);
    data.n = 2;
    expect(seen).toHaveLength(0);
    await queue.drain();
    expect(seen).toEqual([{ n: 1, at: '2026-01-01T00:00:00.000Z' }]);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const tries: { attempt: number; at: number }[] = [];
    queue.process('flaky', async (_data, job: JobInfo) => {
      tries.push({ attempt: job.attempt, at: Date.now() });
      if (job.attempt < 3) throw new Error('not yet');
    });
    await queue.add('flaky', {}, { backoffMs: 40 });
    await queue.drain();
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(35);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(75);
  });

  it('gives up after the allowed attempts', async () => {
    let calls = 0;
    queue.process('doomed', async () => {
      calls++;
      throw new Error('always');
    });
    await queue.add('doomed', {}, { attempts: 3 });
    await queue.add('doomed', {});
    await queue.drain();
    expect(calls).toBe(3 + 5);
  });

  it('holds jobs added before their processor is registered', async () => {
    const seen: number[] = [];
    await queue.add('late', 1);
    await queue.add('late', 2);
    queue.process<number>('late', async (n) => {
      seen.push(n);
    });
    await queue.drain();
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('drains jobs that jobs add', async () => {
    const seen: string[] = [];
    queue.process('parent', async () => {
      seen.push('parent');
      await queue.add('child', {});
    });
    queue.process('child', async () => {
      seen.push('child');
    });
    await queue.add('parent', {});
    await queue.drain();
    expect(seen).toEqual(['parent', 'child']);
  });

  it('accepts one processor per job name', () => {
    queue.process('once', async () => undefined);
    expect(() => queue.process('once', async () => undefined)).toThrow(/already registered/);
  });

  it('drops pending retries at shutdown instead of waiting for them', async () => {
    let calls = 0;
    queue.process('slow-retry', async () => {
      calls++;
      throw new Error('fail');
    });
    await queue.add('slow-retry', {}, { backoffMs: 60_000 });
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await queue.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(1);
    await queue.add('slow-retry', {});
    await queue.drain();
    expect(calls).toBe(1);
  });

  it('adds nothing for a dedup key whose job waits for its first try', async () => {
    const seen: string[] = [];
    await queue.add('repost', 'first', { dedupKey: 'ITEM-1|Stores' });
    await queue.add('repost', 'second', { dedupKey: 'ITEM-1|Stores' });
    await queue.add('repost', 'other', { dedupKey: 'ITEM-2|Stores' });
    queue.process<string>('repost', async (data) => {
      seen.push(data);
    });
    await queue.drain();
    expect(seen.sort()).toEqual(['first', 'other']);
    // Settled: the key is free again.
    await queue.add('repost', 'third', { dedupKey: 'ITEM-1|Stores' });
    await queue.drain();
    expect(seen).toContain('third');
  });

  it('keeps the latest job added under a key while its job runs, and runs it after', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    queue.process<string>('repost', async (data) => {
      seen.push(`start ${data}`);
      if (data === 'first') {
        started();
        await held;
      }
      seen.push(`end ${data}`);
    });
    await queue.add('repost', 'first', { dedupKey: 'k' });
    await running;
    await queue.add('repost', 'second', { dedupKey: 'k' });
    await queue.add('repost', 'third', { dedupKey: 'k' });
    release();
    await queue.drain();
    expect(seen).toEqual(['start first', 'end first', 'start third', 'end third']);
  });

  it('adds nothing for a job id still queued or retrying, and accepts it again once settled', async () => {
    const tries: string[] = [];
    queue.process<string>('once', async (data, job) => {
      tries.push(`${data}:${job.attempt}/${job.attempts}`);
      if (job.attempt === 1) throw new Error('retry me');
    });
    await queue.add('once', 'a', { jobId: 'outbox-7', attempts: 2 });
    await queue.add('once', 'b', { jobId: 'outbox-7', attempts: 2 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    await queue.add('once', 'c', { jobId: 'outbox-7', attempts: 2 });
    await queue.drain();
    expect(tries).toEqual(['a:1/2', 'a:2/2']);
    await queue.add('once', 'd', { jobId: 'outbox-7', attempts: 2 });
    await queue.drain();
    expect(tries).toEqual(['a:1/2', 'a:2/2', 'd:1/2', 'd:2/2']);
  });

  it('is unavailable once shut down', async () => {
    expect(queue.available).toBe(true);
    await queue.beforeApplicationShutdown();
    expect(queue.available).toBe(false);
  });

  it('doubles the delay each retry', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(1_000, a))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });
});

describe('EventHandlers', () => {
  it('runs the handlers of the event, then the wildcard ones', async () => {
    const handlers = new EventHandlers();
    const seen: string[] = [];
    handlers.on('doc.on_submit', (e) => {
      seen.push(`submit:${e.payload.name}`);
    });
    handlers.on('doc.on_cancel', () => {
      seen.push('cancel');
    });
    handlers.on('*', async (e) => {
      seen.push(`any:${e.name}`);
    });
    await handlers.dispatch(event());
    expect(seen).toEqual(['submit:SO-0001', 'any:doc.on_submit']);
  });

  it('runs every handler even if one fails, then reports the failure', async () => {
    const handlers = new EventHandlers();
    let ran = false;
    handlers.on('doc.on_submit', () => {
      throw new Error('boom');
    });
    handlers.on('*', () => {
      ran = true;
    });
    await expect(handlers.dispatch(event())).rejects.toThrow('boom');
    expect(ran).toBe(true);
  });

  it('is retried through a job until its handlers succeed', async () => {
    const handlers = new EventHandlers();
    const queue = new InProcessJobQueue({ attempts: 5, backoffMs: 1 });
    let tries = 0;
    handlers.on('doc.on_submit', () => {
      if (++tries < 2) throw new Error('transient');
    });
    queue.process<DeliveredEvent>('event', (e) => handlers.dispatch(e));
    await queue.add('event', event());
    await queue.drain();
    expect(tries).toBe(2);
    await queue.beforeApplicationShutdown();
  });
});

/** DB 15 of the given Redis, so a development worker on DB 0 never takes the test's jobs. */
function testRedisUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/15';
  return u.toString();
}

const describeRedis = REDIS_URL ? describe : describe.skip;
describeRedis(`BullJobQueue on ${REDIS_URL ?? 'Redis (skipped: set REDIS_URL=redis://127.0.0.1:6379 to run)'}`, () => {
  it('runs a job in the worker, retrying it after a failure', async () => {
    const queue = new BullJobQueue(testRedisUrl(REDIS_URL as string), `test-${randomBytes(4).toString('hex')}`);
    const name = `test-${randomBytes(4).toString('hex')}`;
    const attempts: number[] = [];
    try {
      const done = new Promise<unknown>((resolve) => {
        queue.process(name, async (data, job) => {
          attempts.push(job.attempt);
          if (job.attempt === 1) throw new Error('first try fails');
          resolve(data);
        });
      });
      queue.startWorker();
      await ready(queue);
      await queue.add(name, { order: 'SO-0001' }, { backoffMs: 10 });
      expect(await done).toEqual({ order: 'SO-0001' });
      expect(attempts).toEqual([1, 2]);
    } finally {
      await queue.beforeApplicationShutdown();
    }
  });

  it('stores one pending job per dedup key and per job id', async () => {
    const queueName = `test-${randomBytes(4).toString('hex')}`;
    const queue = new BullJobQueue(testRedisUrl(REDIS_URL as string), queueName);
    // Read as another process would: the same queue through BullMQ itself.
    const probe = new Queue(queueName, { connection: { url: testRedisUrl(REDIS_URL as string) }, prefix: 'docket' });
    try {
      await ready(queue);
      for (const n of [1, 2, 3]) await queue.add('repost', { n }, { dedupKey: 'ITEM-1|Stores' });
      await queue.add('repost', { n: 4 }, { dedupKey: 'ITEM-2|Stores' });
      for (const n of [5, 6]) await queue.add('event', { n }, { jobId: 'outbox-1' });
      const waiting = await probe.getWaiting();
      expect(waiting.map((j) => j.data.n).sort()).toEqual([1, 4, 5]);
    } finally {
      await queue.beforeApplicationShutdown();
      await probe.obliterate({ force: true });
      await probe.close();
    }
  });

  it('refuses at once while Redis is unreachable', async () => {
    const queue = new BullJobQueue('redis://127.0.0.1:1/15', `test-${randomBytes(4).toString('hex')}`);
    try {
      expect(queue.available).toBe(false);
      const started = Date.now();
      await expect(queue.add('x', {})).rejects.toThrow(/Redis is unavailable/);
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      await queue.beforeApplicationShutdown();
    }
  });
});

/** Resolves once the queue can store jobs. */
async function ready(queue: BullJobQueue): Promise<void> {
  if (queue.available) return;
  await new Promise<void>((resolve) => queue.onReady(resolve));
}
