export interface JobOptions {
  /** total tries, the first included (default 5) */
  attempts?: number;
  /** first retry delay; each later retry waits twice as long (default 1000 ms) */
  backoffMs?: number;
  /** wait this long before the first try */
  delayMs?: number;
}

export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first try */
  attempt: number;
}

/** Throwing makes the job retry (until its attempts are used up): handlers must be idempotent. */
export type JobHandler<T = unknown> = (data: T, job: JobInfo) => Promise<void>;

export const JOB_DEFAULTS: Required<Omit<JobOptions, 'delayMs'>> = { attempts: 5, backoffMs: 1_000 };

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
  abstract add<T>(name: string, data: T, opts?: JobOptions): Promise<void>;
  abstract process<T>(name: string, handler: JobHandler<T>): void;
}
