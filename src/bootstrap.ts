import fastifyCookie from '@fastify/cookie';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { installBodyParsers } from './api/http/body-parsers';
import { registerCors } from './api/http/cors';
import { registerSecurityHeaders } from './api/http/security-headers';
import { registerGuestCaching } from './api/rest/http-cache';
import { serverTimeouts } from './api/http/server-timeouts';
import { GraphqlThrottleHook } from './api/throttle/graphql-throttle.hook';
import { AppModule } from './app.module';
import { renderError } from './api/rest/error-body';
import { AppConfig } from './config/config';
import { AuthHook } from './api/auth/auth.hook';
import { Database } from './kernel/db/database';
import { Extensions } from './kernel/kernel.module';
import { HttpMetrics } from './observability/http-metrics';
import { DocketLogger, requestId } from './observability/logging.module';
import { SetupService } from './setup/setup.service';

/** Builds the HTTP application and brings its database up to date (migrate, install, demo). */
export interface CreateOptions {
  logger?: boolean;
  /** where JSON log lines go instead of stdout (tests read them) */
  logDestination?: DestinationStream;
  extensions?: Extensions;
  /** false in cluster workers: the primary process already migrated and seeded */
  setup?: boolean;
}

/** Largest request body accepted (JSON or form). */
const BODY_LIMIT = 1024 * 1024;
/** Document names are up to 140 characters, longer once percent-encoded in a URL. */
const MAX_PARAM_LENGTH = 2000;

/**
 * NestJS on Fastify. Every request passes, in this order, Fastify hooks that answer before
 * any controller or GraphQL resolver runs: request id + log line, metrics, security headers,
 * CORS (which answers preflights), the caller (AuthHook), the GraphQL rate limit; REST
 * routes then meet the global throttler guard. Answers of a hook carry the headers of the
 * hooks before it.
 */
export async function createApp(config: AppConfig, opts: CreateOptions = {}): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    ...serverTimeouts(config.security),
    // URLs the router refuses before any route runs (bad percent-encoding, a name too long)
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const out = renderError(err, config.env === 'development');
      void reply.code(out.status).send(out.body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, opts.extensions, opts.logDestination), adapter, {
    logger: opts.logger === false ? false : undefined,
    bufferLogs: opts.logger !== false,
    abortOnError: false,
  });
  if (opts.logger !== false) app.useLogger(app.get(DocketLogger));
  const fastify = app.getHttpAdapter().getInstance();
  installBodyParsers(app, BODY_LIMIT);
  await app.register(fastifyCookie);
  app.get(DocketLogger).install(fastify);
  app.get(HttpMetrics).install(fastify);
  await registerSecurityHeaders(fastify);
  await registerCors(fastify, config.security.corsOrigins);
  app.get(AuthHook).install(fastify);
  registerGuestCaching(fastify);
  app.get(GraphqlThrottleHook).install(fastify);
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
