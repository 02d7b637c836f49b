import { Global, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { EventPublisher } from '../kernel/events/publisher';
import type { DocketEvent } from '../kernel/events/types';
import { BullJobQueue } from './bull-job-queue';
import { EventHandlers } from './event-handlers';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

/** The job that delivers one committed event to the EventHandlers. */
export const DOC_EVENT_JOB = 'doc-event';

/**
 * `JobQueue` on BullMQ when REDIS_URL is set, else in process; and `EventHandlers`.
 * Every event published after a commit becomes a 'doc-event' job, added without the request
 * waiting for it (with Redis down, BullJobQueue holds it in process). With BullMQ the API runs
 * jobs too unless JOBS_IN_API=0 (then only `node dist/worker.js` does); in process, the
 * API always runs them.
 */
@Global()
@Module({
  providers: [
    EventHandlers,
    {
      provide: JobQueue,
      inject: [AppConfig],
      useFactory: (config: AppConfig): JobQueue => (config.redisUrl ? new BullJobQueue(config.redisUrl) : new InProcessJobQueue()),
    },
  ],
  exports: [JobQueue, EventHandlers],
})
export class JobsModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('Jobs');

  constructor(
    events: EventPublisher,
    private readonly queue: JobQueue,
    private readonly handlers: EventHandlers,
    private readonly config: AppConfig,
  ) {
    // Subscribed at construction, so events of the setup that runs before init are kept too.
    events.subscribe((batch) => {
      for (const event of batch) {
        this.queue.add(DOC_EVENT_JOB, event).catch((err: Error) => this.log.error(`event ${event.event} ${event.doctype} ${event.name} not queued: ${err.message}`));
      }
    });
  }

  onModuleInit(): void {
    this.queue.process<DocketEvent>(DOC_EVENT_JOB, (event) => this.handlers.dispatch(event));
  }

  onApplicationBootstrap(): void {
    if (this.queue instanceof BullJobQueue && this.config.jobsInApi) this.queue.startWorker();
  }
}
