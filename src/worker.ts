import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { BullJobQueue } from './jobs/bull-job-queue';
import { JobQueue } from './jobs/job-queue';
import { Database } from './kernel/db/database';
import { OutboxRelay } from './kernel/effects/outbox-relay';
import { DocketLogger } from './observability/logging.module';

/**
 * The background worker (docker-compose `worker` service): the application without HTTP,
 * running BullMQ jobs and relaying the outbox like every process. The API migrates the
 * database; the worker only connects to it.
 */
async function main(): Promise<void> {
  let config;
  try {
    // Boot without processing, so that no job runs before the database is connected.
    config = loadConfig({ ...process.env, JOBS_IN_API: '0' });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (!config.redisUrl) {
    process.stderr.write('The worker needs REDIS_URL: without Redis, the API runs jobs in its own process.\n');
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(DocketLogger));
  app.enableShutdownHooks();
  await app.get(Database).connect();
  const queue = app.get(JobQueue);
  if (!(queue instanceof BullJobQueue)) throw new Error('expected the BullMQ job queue');
  queue.startWorker();
  await app.get(OutboxRelay).sweep();
}

void main();
