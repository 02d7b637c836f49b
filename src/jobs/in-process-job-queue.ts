import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { JOB_DEFAULTS, JobHandler, JobOptions, JobQueue, backoffDelay } from './job-queue';

interface QueuedJob {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  backoffMs: number;
  delayMs: number;
  dedupKey?: string;
}

/** The job holding a dedup key, whether it has had its first try, and the one to run after it. */
interface KeyHolder {
  job: QueuedJob;
  started: boolean;
  next?: QueuedJob;
}

/** Jobs kept for a name nobody processes yet (e.g. events published during setup, before init). */
const MAX_WAITING_PER_NAME = 10_000;

/**
 * Jobs run in this process, off the request path (after setImmediate), retried with
 * exponential backoff like BullMQ, deduplicated by `jobId` and `dedupKey` like BullMQ.
 * Nothing survives a restart (the outbox keeps events until their job has run).
 * On shutdown, jobs already due get their first try and are awaited; delayed jobs and pending
 * retries are dropped.
 */
export class InProcessJobQueue extends JobQueue implements BeforeApplicationShutdown {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly waiting = new Map<string, QueuedJob[]>();
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  /** ids of the jobs added and not settled yet */
  private readonly live = new Set<string>();
  private readonly keys = new Map<string, KeyHolder>();
  private readonly log = new Logger('Jobs');
  private closed = false;
  private seq = 0;

  constructor(private readonly defaults: Required<Pick<JobOptions, 'attempts' | 'backoffMs'>> = JOB_DEFAULTS) {
    super();
  }

  get available(): boolean {
    return !this.closed;
  }

  async add<T>(name: string, data: T, opts: JobOptions = {}): Promise<void> {
    if (this.closed) {
      this.log.warn(`job ${name} dropped: the queue is shut down`);
      return;
    }
    const id = opts.jobId ?? String(++this.seq);
    if (this.live.has(id)) return;
    const job: QueuedJob = {
      id,
      name,
      data: JSON.parse(JSON.stringify(data ?? null)),
      attempts: Math.max(1, opts.attempts ?? this.defaults.attempts),
      backoffMs: opts.backoffMs ?? this.defaults.backoffMs,
      delayMs: opts.delayMs ?? 0,
      dedupKey: opts.dedupKey,
    };
    if (job.dedupKey) {
      const holder = this.keys.get(job.dedupKey);
      if (holder) {
        if (holder.started) holder.next = job;
        return;
      }
      this.keys.set(job.dedupKey, { job, started: false });
    }
    this.enqueue(job);
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    if (this.handlers.has(name)) throw new Error(`a processor for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler);
    const held = this.waiting.get(name) ?? [];
    this.waiting.delete(name);
    for (const job of held) this.start(job);
  }

  /** Resolves once every job added so far (and any job they add) has succeeded or given up. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all(this.running);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    await this.drain();
  }

  private enqueue(job: QueuedJob): void {
    this.live.add(job.id);
    if (this.handlers.has(job.name)) return this.start(job);
    const held = this.waiting.get(job.name) ?? [];
    if (held.length >= MAX_WAITING_PER_NAME) {
      this.log.error(`job ${job.name} dropped: ${MAX_WAITING_PER_NAME} jobs already wait for a processor`);
      return this.settled(job);
    }
    held.push(job);
    this.waiting.set(job.name, held);
  }

  private start(job: QueuedJob): void {
    const run = this.execute(job).finally(() => {
      this.running.delete(run);
      this.settled(job);
    });
    this.running.add(run);
  }

  /** Frees the job's id and key; the job added under its key while it ran comes next. */
  private settled(job: QueuedJob): void {
    this.live.delete(job.id);
    const holder = job.dedupKey ? this.keys.get(job.dedupKey) : undefined;
    if (!holder || holder.job !== job) return;
    if (!holder.next || this.closed) return void this.keys.delete(job.dedupKey as string);
    this.keys.set(job.dedupKey as string, { job: holder.next, started: false });
    this.enqueue(holder.next);
  }

  private async execute(job: QueuedJob): Promise<void> {
    await (job.delayMs > 0 ? this.sleep(job.delayMs) : new Promise<void>((resolve) => setImmediate(resolve)));
    const handler = this.handlers.get(job.name) as JobHandler;
    for (let attempt = 1; ; attempt++) {
      // At shutdown, jobs that were due still get their first try; delays and retries are cut.
      if (this.closed && (attempt > 1 || job.delayMs > 0)) {
        this.log.warn(`job ${job.name}#${job.id} dropped at shutdown`);
        return;
      }
      const holder = job.dedupKey ? this.keys.get(job.dedupKey) : undefined;
      if (holder?.job === job) holder.started = true;
      try {
        await handler(job.data, { id: job.id, name: job.name, attempt, attempts: job.attempts });
        return;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (attempt >= job.attempts) {
          this.log.error(`job ${job.name}#${job.id} failed after ${attempt} attempts: ${reason}`);
          return;
        }
        const delay = backoffDelay(job.backoffMs, attempt);
        this.log.warn(`job ${job.name}#${job.id} attempt ${attempt} failed (${reason}); retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  /** A timer that shutdown can cut short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }
}
