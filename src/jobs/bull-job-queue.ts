import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { KEY_PREFIX } from '../kernel/cache/cache';
import { JOB_DEFAULTS, JobHandler, JobOptions, JobQueue } from './job-queue';

const QUEUE = 'jobs';
/** BullMQ keys: docket:jobs:* */
const PREFIX = KEY_PREFIX.replace(/:$/, '');
const CONCURRENCY = 8;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/**
 * Durable jobs on BullMQ. Every process can add jobs; only the ones that call `startWorker`
 * (the worker, and the API unless JOBS_IN_API=0) run them. BullMQ gets connections of its
 * own from REDIS_URL: its worker blocks on Redis and needs maxRetriesPerRequest: null.
 */
export class BullJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly log = new Logger('Jobs');

  constructor(private readonly redisUrl: string) {
    super();
    this.queue = new Queue(QUEUE, {
      connection: { url: redisUrl, maxRetriesPerRequest: 2 },
      prefix: PREFIX,
      defaultJobOptions: {
        attempts: JOB_DEFAULTS.attempts,
        backoff: { type: 'exponential', delay: JOB_DEFAULTS.backoffMs },
        removeOnComplete: true,
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      },
    });
    this.queue.on('error', (err) => this.log.warn(`queue: ${err.message}`));
  }

  async add<T>(name: string, data: T, opts: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...(opts.attempts !== undefined ? { attempts: Math.max(1, opts.attempts) } : {}),
      ...(opts.backoffMs !== undefined ? { backoff: { type: 'exponential', delay: opts.backoffMs } } : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    });
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`a processor for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
  }

  /** Starts running jobs in this process (idempotent). */
  startWorker(): void {
    if (this.worker) return;
    this.worker = new Worker(QUEUE, (job) => this.run(job), {
      connection: { url: this.redisUrl, maxRetriesPerRequest: null },
      prefix: PREFIX,
      concurrency: CONCURRENCY,
    });
    this.worker.on('error', (err) => this.log.warn(`worker: ${err.message}`));
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
    await this.worker?.close();
    await this.queue.close();
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no processor for job "${job.name}" in this process`);
    await handler(job.data, { id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1 });
  }
}
