import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from '../kernel/cache/cache';
import { createRedisClient, reconnectDelay, redisReady } from '../kernel/cache/redis-connection';
import { JOB_DEFAULTS, JobHandler, JobOptions, JobQueue } from './job-queue';

const QUEUE = 'jobs';
/** BullMQ keys: docket:jobs:* */
const PREFIX = KEY_PREFIX.replace(/:$/, '');
const CONCURRENCY = 8;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;
/** Jobs kept in process while Redis is down; past this, `add` refuses (the caller logs the loss). */
export const MAX_HELD_JOBS = 10_000;

interface HeldJob {
  name: string;
  data: unknown;
  opts: JobOptions;
}

/**
 * Durable jobs on BullMQ. Every process can add jobs; only the ones that call `startWorker`
 * (the worker, and the API unless JOBS_IN_API=0) run them.
 *
 * Adding never waits for Redis: the queue has a FAIL_FAST connection of its own, and while
 * Redis is down (or an add fails) jobs are held in this process, in order, and handed to
 * BullMQ as soon as the connection is back. Held jobs are not durable: those still held when
 * the process stops or dies are lost (logged at shutdown). The worker has a connection of
 * its own too: it blocks on Redis and needs maxRetriesPerRequest: null.
 */
export class BullJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly held: HeldJob[] = [];
  private flushing: Promise<void> | undefined;
  private readonly log = new Logger('Jobs');

  constructor(private readonly redisUrl: string) {
    super();
    this.connection = createRedisClient(redisUrl, this.log);
    this.connection.on('ready', () => void this.flush());
    this.queue = new Queue(QUEUE, {
      connection: this.connection,
      prefix: PREFIX,
      defaultJobOptions: {
        attempts: JOB_DEFAULTS.attempts,
        backoff: { type: 'exponential', delay: JOB_DEFAULTS.backoffMs },
        removeOnComplete: true,
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      },
    });
    // The connection reports its own failures (once per outage).
    this.queue.on('error', () => undefined);
  }

  /** How many jobs wait in this process for Redis. */
  get heldCount(): number {
    return this.held.length;
  }

  async add<T>(name: string, data: T, opts: JobOptions = {}): Promise<void> {
    // A copy, as BullMQ's would be: the caller may change its object after handing it over.
    const job: HeldJob = { name, data: JSON.parse(JSON.stringify(data ?? null)), opts };
    if (this.held.length || !redisReady(this.connection)) return this.hold(job);
    try {
      await this.send(job);
    } catch (err) {
      this.log.warn(`job ${name} held in process until Redis answers: ${(err as Error).message}`);
      this.hold(job);
    }
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`a processor for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  /** Starts running jobs in this process (idempotent). */
  startWorker(): void {
    if (this.worker) return;
    this.worker = new Worker(QUEUE, (job) => this.run(job), {
      connection: { url: this.redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectDelay },
      prefix: PREFIX,
      concurrency: CONCURRENCY,
    });
    // During an outage the queue's connection has already said so: don't repeat it at every reconnection attempt.
    this.worker.on('error', (err) => {
      if (redisReady(this.connection)) this.log.warn(`worker: ${err.message}`);
    });
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      const message = `job ${job.name}#${job.id} attempt ${job.attemptsMade} failed: ${err.message}`;
      if (final) this.log.error(`${message}; giving up`);
      else this.log.warn(`${message}; will retry`);
    });
    this.log.log(`processing jobs (concurrency ${CONCURRENCY})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushing;
    if (this.held.length) this.log.error(`${this.held.length} jobs lost: Redis was unavailable when they were added`);
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }

  private hold(job: HeldJob): void {
    if (this.held.length >= MAX_HELD_JOBS) throw new Error(`Redis is unavailable and ${MAX_HELD_JOBS} jobs already wait in this process`);
    if (!this.held.length) this.log.warn('Redis is unavailable: jobs are held in this process until it is back');
    this.held.push(job);
    if (redisReady(this.connection)) void this.flush();
  }

  /** Hands the held jobs to BullMQ in order, one flush at a time. */
  private flush(): Promise<void> {
    this.flushing ??= this.sendHeld().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Stops at the first failure: the rest wait for the next `ready` (or the next add). */
  private async sendHeld(): Promise<void> {
    try {
      while (this.held.length && redisReady(this.connection)) {
        await this.send(this.held[0]);
        this.held.shift();
      }
    } catch (err) {
      this.log.warn(`${this.held.length} held jobs still wait for Redis: ${(err as Error).message}`);
    }
  }

  private async send({ name, data, opts }: HeldJob): Promise<void> {
    await this.queue.add(name, data, {
      ...(opts.attempts !== undefined ? { attempts: Math.max(1, opts.attempts) } : {}),
      ...(opts.backoffMs !== undefined ? { backoff: { type: 'exponential', delay: opts.backoffMs } } : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    });
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no processor for job "${job.name}" in this process`);
    await handler(job.data, { id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1 });
  }
}
