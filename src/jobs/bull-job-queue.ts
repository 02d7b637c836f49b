import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config';
import { siteId } from '../kernel/cache/cache';
import { createRedisClient, reconnectDelay, redisReady } from '../kernel/cache/redis-connection';
import { JOB_DEFAULTS, JobHandler, JobOptions, JobQueue } from './job-queue';

/** BullMQ keys: docket:<queue>:* */
const PREFIX = 'docket';
const CONCURRENCY = 8;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/**
 * Durable jobs on BullMQ. Every process can add jobs; only the ones that call `startWorker`
 * (the worker, and the API unless JOBS_IN_API=0) run them.
 *
 * Adding never waits for Redis: the queue has a FAIL_FAST connection of its own, and while
 * Redis is down `add` rejects at once. What must not be lost is kept by its caller until
 * Redis is back (`onReady`): events wait in the outbox. The worker has a connection of its
 * own too: it blocks on Redis and needs maxRetriesPerRequest: null.
 */
export class BullJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly log = new Logger('Jobs');

  /** `queueName`: one queue per database (see queueNameFor), since jobs name rows of their database. */
  constructor(
    private readonly redisUrl: string,
    private readonly queueName: string,
  ) {
    super();
    this.connection = createRedisClient(redisUrl, this.log);
    this.queue = new Queue(queueName, {
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

  get available(): boolean {
    return redisReady(this.connection);
  }

  /** `listener` runs whenever the connection is (again) ready. */
  onReady(listener: () => void): void {
    this.connection.on('ready', listener);
  }

  async add<T>(name: string, data: T, opts: JobOptions = {}): Promise<void> {
    if (!this.available) throw new Error(`job ${name} not added: Redis is unavailable`);
    await this.queue.add(name, data, {
      ...(opts.attempts !== undefined ? { attempts: Math.max(1, opts.attempts) } : {}),
      ...(opts.backoffMs !== undefined ? { backoff: { type: 'exponential', delay: opts.backoffMs } } : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
      ...(opts.jobId ? { jobId: opts.jobId } : {}),
      ...(opts.dedupKey ? { deduplication: { id: opts.dedupKey, keepLastIfActive: true } } : {}),
    });
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`a processor for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  /** Starts running jobs in this process (idempotent). */
  startWorker(): void {
    if (this.worker) return;
    this.worker = new Worker(this.queueName, (job) => this.run(job), {
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
    this.log.log(`processing jobs of ${this.queueName} (concurrency ${CONCURRENCY})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no processor for job "${job.name}" in this process`);
    await handler(job.data, { id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 });
  }
}

/**
 * The queue of the configured database: jobs name rows of their database (outbox ids), so
 * sites (or test databases) sharing one Redis must not take each other's jobs.
 */
export function queueNameFor(config: AppConfig): string {
  return `jobs-${siteId(config)}`;
}
