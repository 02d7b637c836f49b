import { normalizeIp } from '@nestjs/throttler';
import type { RateLimit, RateLimitConfig } from '../../config/config';
import type { RequestMeta, SessionUser } from '../../kernel/db/context';

/** Requests per millisecond: how generous a limit is. */
function rate(l: RateLimit): number {
  return l.limit / l.ttlMs;
}

/**
 * The limit that applies to a caller: Guest's for anonymous callers; else the API key's own
 * (RATE_LIMIT_KEY_<key>); else the most generous among the user's roles (RATE_LIMIT_ROLE_*);
 * else the default.
 */
export function rateLimitFor(limits: RateLimitConfig, user: SessionUser, meta: RequestMeta): RateLimit {
  if (user.name === 'Guest') return limits.guest;
  const byKey = meta.apiKey ? limits.keys[meta.apiKey] : undefined;
  if (byKey) return byKey;
  let best: RateLimit | undefined;
  for (const role of user.roles) {
    const l = limits.roles[role];
    if (l && (!best || rate(l) > rate(best) || (rate(l) === rate(best) && l.limit > best.limit))) best = l;
  }
  return best ?? limits.default;
}

/** Whose budget a request spends: `key:<api_key>`, `user:<name>`, or `ip:<address>` for Guest. */
export function trackerFor(user: SessionUser, meta: RequestMeta, ip: string | undefined): string {
  if (user.name === 'Guest') return `ip:${ip ? normalizeIp(ip) : 'unknown'}`;
  if (meta.apiKey) return `key:${meta.apiKey}`;
  return `user:${user.name}`;
}
