import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { requestMeta, requestPath, requestUser, type HttpRequest } from '../../kernel/auth/request';
import { TooManyRequestsError } from '../../kernel/errors/errors';
import { trackerFor } from './rate-limits';

/** Probes, metrics and the API docs are never limited. */
const UNLIMITED_PATHS = ['/api/health', '/metrics', '/api/docs'];

function unlimited(path: string): boolean {
  return UNLIMITED_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Rate limits per caller across all routes: one budget per API key, logged-in user, or Guest
 * IP. The limit and window come from the throttler options, which resolve them per request
 * (see ThrottleModule). Over the limit: 429 in Frappe's error shape with Retry-After and
 * X-RateLimit-* headers.
 *
 * It judges HTTP requests only. A GraphQL request is judged once, as an HTTP request, by
 * GraphqlThrottleHook (resolver maps never meet Nest guards, and a guard on resolvers
 * would count every field).
 */
@Injectable()
export class DocketThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return unlimited(requestPath(context.switchToHttp().getRequest<HttpRequest>()));
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as HttpRequest;
    return trackerFor(requestUser(r), requestMeta(r), r.ip);
  }

  /** One budget per caller and throttler, whatever the route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    const headers: Record<string, string> = {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': String(detail.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(retryAfter),
    };
    const { res } = this.getRequestResponse(context);
    for (const [name, value] of Object.entries(headers)) this.setResponseHeader(res, name, value);
    const err = new TooManyRequestsError(
      `Too many requests: the limit is ${detail.limit} per ${Math.round(detail.ttl / 1000)} seconds. Retry in ${retryAfter} seconds.`,
    );
    err.headers = headers;
    throw err;
  }
}
