export interface JobOptions {
  /** total tries, the first included (default 5) */
  attempts?: number;
  /** first retry delay; each later retry waits twice as long (default 1000 ms) */
  backoffMs?: number;
  /** wait this long before the first try */
  delayMs?: number;
  /**
   * One pending job per key (e.g. one repost per item and warehouse): while a job with this key
   * waits for its first try, adding another adds nothing; once it has started, the latest job
   * added meanwhile is kept and runs after it (BullMQ's deduplication with keepLastIfActive).
   */
  dedupKey?: string;
  /** The job's own id (no ':'): adding a job whose id is still queued, running or retrying adds nothing. */
  jobId?: string;
}

export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first try */
  attempt: number;
  /** tries allowed in all: the job gives up when the try numbered so fails */
  attempts: number;
}

/** Throwing makes the job retry (until its attempts are used up): handlers must be idempotent. */
export type JobHandler<T = unknown> = (data: T, job: JobInfo) => Promise<void>;

export const JOB_DEFAULTS: Required<Pick<JobOptions, 'attempts' | 'backoffMs'>> = { attempts: 5, backoffMs: 1_000 };

/** Delay before try `attempt + 1` after try `attempt` failed: exponential, as BullMQ's. */
export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** (attempt - 1);
}

/**
 * Background jobs, at least once: on BullMQ when Redis is configured, else in this process.
 * Job data is JSON (it is copied through JSON in both cases). One handler per job name.
 * Used as the injection token too: `constructor(private readonly jobs: JobQueue)`.
 */
export abstract class JobQueue {
  /** Rejects when the job cannot be stored now (Redis down): callers that must not lose it keep it (the outbox). */
  abstract add<T>(name: string, data: T, opts?: JobOptions): Promise<void>;
  abstract process<T>(name: string, handler: JobHandler<T>): void;
  /** Whether `add` can store a job now. */
  abstract get available(): boolean;
}
