import { DynamicModule, Global, Injectable, LoggerService, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { AppConfig } from '../config/config';
import { routeLabel } from './route-label';

/** Query parameters whose values never reach the logs (GET /api/method/login?usr=..&pwd=..). */
const SECRET_QUERY = /([?&](?:pwd|password|new_password|api_secret|secret|token|access_token|refresh_token|sid|code)=)[^&]*/gi;
/** Probes and scrapes are not logged line by line. */
const QUIET_PATHS = /^\/(?:api\/health(?:\/|$|\?)|metrics(?:$|\?))/;
/** Incoming ids are echoed only if they look like ids (no spaces, no control characters). */
const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,100}$/;

/**
 * The request id (Fastify's genReqId): the caller's X-Request-Id when it is a sensible token,
 * else a new UUID. It is echoed in the response and carried in the request's RequestMeta.
 */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate && SAFE_ID.test(candidate) ? candidate : randomUUID();
}

/**
 * The process's pino logger, also Nest's logger (bootstrap `useLogger`): JSON lines, one per
 * request with requestId, user, route, status and durationMs (see `install`). Bodies and
 * credentials are never logged.
 */
@Injectable()
export class DocketLogger implements LoggerService {
  readonly pino: Logger;

  constructor(config: AppConfig, destination?: DestinationStream) {
    this.pino = destination ? pino({ level: config.logLevel }, destination) : pino({ level: config.logLevel });
  }

  /** Echoes the request id on every answer and logs a line when each request is done. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', (req, reply, done) => {
      reply.header('X-Request-Id', req.id);
      done();
    });
    app.addHook('onResponse', (req, reply, done) => {
      const status = reply.statusCode;
      const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (this.pino.isLevelEnabled(level) && !QUIET_PATHS.test(req.url)) {
        this.pino[level](
          {
            requestId: req.id,
            method: req.method,
            url: req.url.replace(SECRET_QUERY, '$1[Redacted]'),
            route: routeLabel(req),
            user: req.docketUser?.name,
            status,
            durationMs: Math.round(reply.elapsedTime * 100) / 100,
            remoteAddress: req.ip,
          },
          'request completed',
        );
      }
      done();
    });
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest calls `log(message, context)` and `error(message, stack, context)`. */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (message && typeof message === 'object') this.pino[level]({ context, stack, ...message });
    else this.pino[level]({ context, stack }, String(message));
  }
}

/** JSON logs through pino: the process logger (Nest's too) and the per-request line. */
@Global()
@Module({})
export class LoggingModule {
  /** `destination`: where lines go instead of stdout (tests read them). */
  static register(destination?: DestinationStream): DynamicModule {
    const logger = { provide: DocketLogger, inject: [AppConfig], useFactory: (config: AppConfig) => new DocketLogger(config, destination) };
    return { module: LoggingModule, providers: [logger], exports: [DocketLogger] };
  }
}
