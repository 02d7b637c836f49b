import { Module } from '@nestjs/common';
import type { Request } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppConfig } from '../config/config';
import type { DocketRequest } from '../kernel/auth/request';
import { assignRequestId } from './request-id';
import { routeLabel } from './route-label';

/** Query parameters whose values never reach the logs (GET /api/method/login?usr=..&pwd=..). */
const SECRET_QUERY = /([?&](?:pwd|password|new_password|api_secret|secret|token|access_token|refresh_token|sid|code)=)[^&]*/gi;

/** Probes and scrapes are not logged line by line. */
const QUIET_PATHS = /^\/(?:api\/health(?:\/|$|\?)|metrics(?:$|\?))/;

interface SerializedReq {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  remoteAddress?: string;
}

function loggerParams(config: AppConfig): Params<IncomingMessage, ServerResponse> {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: assignRequestId,
      // Logs made while handling a request carry its requestId; the request itself is in the final line.
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Known once the response is out: who called, and which route served them.
      customProps: (req, res) => {
        if (!res.headersSent) return {};
        return { user: (req as DocketRequest).docketUser?.name, route: routeLabel(req as Request) };
      },
      serializers: {
        // No body; headers pass through `redact` below.
        req: (req: SerializedReq) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(SECRET_QUERY, '$1[Redacted]'),
          headers: req.headers,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-frappe-csrf-token"]',
          'req.headers["proxy-authorization"]',
        ],
        censor: '[Redacted]',
      },
    },
  };
}

/**
 * JSON logs through pino (nestjs-pino + pino-http): one line per request with requestId
 * (the caller's X-Request-Id or a new one, echoed back), user, route, status and durationMs.
 * Bodies are never logged; credentials are redacted.
 */
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams })],
  exports: [LoggerModule],
})
export class LoggingModule {}
