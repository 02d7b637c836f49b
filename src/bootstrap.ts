import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { Extensions } from './kernel/kernel.module';
import { SetupService } from './setup/setup.service';

/** Builds the HTTP application and brings its database up to date (migrate, install, demo). */
export async function createApp(config: AppConfig, opts: { logger?: boolean; extensions?: Extensions } = {}): Promise<INestApplication> {
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
  const setup = app.get(SetupService);
  await setup.migrate();
  if (config.demo) await setup.seedDemo();
  return app;
}
