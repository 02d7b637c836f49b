import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { Database } from './kernel/db/database';
import { Extensions } from './kernel/kernel.module';
import { SetupService } from './setup/setup.service';

/** Builds the HTTP application and brings its database up to date (migrate, install, demo). */
export interface CreateOptions {
  logger?: boolean;
  extensions?: Extensions;
  /** false in cluster workers: the primary process already migrated and seeded */
  setup?: boolean;
}

export async function createApp(config: AppConfig, opts: CreateOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, opts.extensions), {
    logger: opts.logger === false ? false : undefined,
    bufferLogs: opts.logger !== false,
    abortOnError: false,
    bodyParser: true,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'extended');
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.enableShutdownHooks();
  if (opts.setup === false) await app.get(Database).connect();
  else await runSetup(app.get(SetupService), config);
  return app;
}

async function runSetup(setup: SetupService, config: AppConfig): Promise<void> {
  await setup.migrate();
  if (config.demo) await setup.seedDemo();
}

/** Migration, standard records and demo data without serving HTTP (the cluster primary's job). */
export async function setupDatabase(config: AppConfig): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'], abortOnError: false });
  try {
    await runSetup(ctx.get(SetupService), config);
  } finally {
    await ctx.close();
  }
}
