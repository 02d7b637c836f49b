import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BullJobQueue } from '../../src/jobs/bull-job-queue';
import { EventHandlers } from '../../src/jobs/event-handlers';
import { InProcessJobQueue } from '../../src/jobs/in-process-job-queue';
import { backoffDelay, type JobInfo } from '../../src/jobs/job-queue';
import type { DocEvent } from '../../src/kernel/events/types';

const REDIS_URL = process.env.REDIS_URL;

// The queues log every retry; keep the test output to the results.
beforeAll(() => Logger.overrideLogger(false));

const event = (e: Partial<DocEvent> = {}): DocEvent => ({ type: 'doc', event: 'on_submit', doctype: 'Sales Order', name: 'SO-0001', user: 'a@example.com', ...e });

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

  it('doubles the delay each retry', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(1_000, a))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });
});

describe('EventHandlers', () => {
  it('runs the handlers of the event, then the wildcard ones', async () => {
    const handlers = new EventHandlers();
    const seen: string[] = [];
    handlers.on('on_submit', (e) => {
      seen.push(`submit:${e.name}`);
    });
    handlers.on('on_cancel', () => {
      seen.push('cancel');
    });
    handlers.on('*', async (e) => {
      seen.push(`any:${e.event}`);
    });
    await handlers.dispatch(event());
    expect(seen).toEqual(['submit:SO-0001', 'any:on_submit']);
  });

  it('runs every handler even if one fails, then reports the failure', async () => {
    const handlers = new EventHandlers();
    let ran = false;
    handlers.on('on_submit', () => {
      throw new Error('boom');
    });
    handlers.on('*', () => {
      ran = true;
    });
    await expect(handlers.dispatch(event())).rejects.toThrow('boom');
    expect(ran).toBe(true);
  });

  it('is retried through the doc-event job until its handlers succeed', async () => {
    const handlers = new EventHandlers();
    const queue = new InProcessJobQueue({ attempts: 5, backoffMs: 1 });
    let tries = 0;
    handlers.on('on_submit', () => {
      if (++tries < 2) throw new Error('transient');
    });
    queue.process<DocEvent>('doc-event', (e) => handlers.dispatch(e));
    await queue.add('doc-event', event());
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
    const queue = new BullJobQueue(testRedisUrl(REDIS_URL as string));
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
      await queue.add(name, { order: 'SO-0001' }, { backoffMs: 10 });
      expect(await done).toEqual({ order: 'SO-0001' });
      expect(attempts).toEqual([1, 2]);
    } finally {
      await queue.beforeApplicationShutdown();
    }
  });
});
