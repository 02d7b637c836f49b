import { Global, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { OutboxRelay } from '../kernel/effects/outbox-relay';
import type { DeliveredEvent } from '../kernel/events/types';
import { BullJobQueue, queueNameFor } from './bull-job-queue';
import { EventHandlers } from './event-handlers';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

/** The job that delivers one committed event (an outbox row) to the EventHandlers. */
export const EVENT_JOB = 'outbox-event';

/**
 * `JobQueue` on BullMQ when REDIS_URL is set, else in process; and `EventHandlers`.
 * The outbox relay hands each committed event to the queue as an EVENT_JOB whose id is the
 * outbox row's (so a row relayed again while its job waits adds nothing); the job runs the
 * handlers, then settles the row (done, or failed once its attempts are used up). While
 * Redis is down the relay leaves the rows in the outbox, and is woken when it is back.
 * With BullMQ the API runs jobs too unless JOBS_IN_API=0 (then only `node dist/worker.js`
 * does); in process, the API always runs them.
 */
@Global()
@Module({
  providers: [
    EventHandlers,
    {
      provide: JobQueue,
      inject: [AppConfig],
      useFactory: (config: AppConfig): JobQueue => (config.redisUrl ? new BullJobQueue(config.redisUrl, queueNameFor(config)) : new InProcessJobQueue()),
    },
  ],
  exports: [JobQueue, EventHandlers],
})
export class JobsModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('Jobs');

  constructor(
    private readonly relay: OutboxRelay,
    private readonly queue: JobQueue,
    private readonly handlers: EventHandlers,
    private readonly config: AppConfig,
  ) {
    // Attached at construction, so events of the setup that runs before init are relayed too.
    relay.attach({
      ready: () => queue.available,
      deliver: (event) => queue.add(EVENT_JOB, event, { jobId: `outbox-${event.id}` }),
    });
    if (queue instanceof BullJobQueue) queue.onReady(() => relay.wake());
  }

  onModuleInit(): void {
    this.queue.process<DeliveredEvent>(EVENT_JOB, (event, job) => this.deliver(event, job.attempt >= job.attempts));
  }

  onApplicationBootstrap(): void {
    if (this.queue instanceof BullJobQueue && this.config.jobsInApi) this.queue.startWorker();
  }

  /** Runs the handlers, then settles the outbox row: done, or failed on the last try. */
  private async deliver(event: DeliveredEvent, lastTry: boolean): Promise<void> {
    try {
      await this.handlers.dispatch(event);
    } catch (err) {
      if (lastTry) await this.settle(event, (err as Error).message ?? String(err));
      throw err;
    }
    await this.settle(event);
  }

  /** A settle that fails is logged, not retried: the row is relayed again later (at least once). */
  private async settle(event: DeliveredEvent, error?: string): Promise<void> {
    try {
      await this.relay.settle(event.id, error);
    } catch (err) {
      this.log.error(`event ${event.name} #${event.id} ran, but the outbox could not be told: ${(err as Error).message}`);
    }
  }
}
