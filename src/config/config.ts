import { availableParallelism } from 'node:os';

export interface RateLimit {
  limit: number;
  ttlMs: number;
}

export interface RateLimitConfig {
  default: RateLimit;
  guest: RateLimit;
  /** per role name, e.g. RATE_LIMIT_ROLE_SYSTEM_MANAGER=5000/60 */
  roles: Record<string, RateLimit>;
  /** per API key, e.g. RATE_LIMIT_KEY_<api_key>=100/60 */
  keys: Record<string, RateLimit>;
}

export type DbEngine = 'mariadb' | 'sqlite';

/** What protects the API from browsers, brute force and slow clients. */
export interface SecurityConfig {
  /** CORS_ORIGINS: browser origins (scheme://host[:port]) that may call the API; only these get credentials */
  corsOrigins: readonly string[];
  /** GRAPHQL_INTROSPECTION: whether Guest may introspect the GraphQL schema (default: yes except in production) */
  guestIntrospection: boolean;
  /** LOGIN_ATTEMPTS (Frappe's allow_consecutive_login_attempts): failed logins in a row that lock an account */
  loginAttempts: number;
  /** LOGIN_LOCKOUT_SECONDS (Frappe's allow_login_after_fail): how long a locked account refuses logins */
  loginLockoutMs: number;
  /** REQUEST_TIMEOUT_SECONDS: time a client has to send a whole request, headers and body */
  requestTimeoutMs: number;
  /** HEADERS_TIMEOUT_SECONDS: time a client has to send the request headers */
  headersTimeoutMs: number;
}

/** Validated configuration, read once from the environment at start. */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly engine: DbEngine,
    /** mariadb://user:pass@host:3306/db, or the SQLite file path */
    readonly dbUrl: string,
    readonly redisUrl: string | undefined,
    readonly adminPassword: string | undefined,
    readonly logLevel: string,
    readonly env: 'development' | 'production' | 'test',
    readonly demo: boolean,
    readonly jobsInApi: boolean,
    readonly rateLimits: RateLimitConfig,
    readonly maxPageLength: number,
    readonly dbPoolSize: number,
    /** Fastify's trustProxy (proxy-addr syntax): which proxies' X-Forwarded-For to believe (client IPs for rate limits and logs) */
    readonly trustProxy: string,
    /** HTTP worker processes (node:cluster) sharing the port; 1 on SQLite */
    readonly webConcurrency: number,
    /** whole documents kept in each process for get-by-name reads; 0 turns the cache off */
    readonly docCacheSize: number,
    readonly security: SecurityConfig,
    /** the most variants one enqueue_multiple_variant_creation call may create */
    readonly maxVariantsPerCall: number,
    /** the longest a storefront statement may run on MariaDB before it is stopped (503) */
    readonly storefrontStatementMs: number,
    /** what each process may keep of storefront answers and product cards, in megabytes */
    readonly storefrontCacheMb: number,
  ) {}

  get sqlitePath(): string {
    return this.dbUrl;
  }
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseRate(name: string, value: string, problems: string[]): RateLimit {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    problems.push(`${name}: expected <requests>/<seconds>, e.g. 300/60, got "${value}"`);
    return { limit: 1, ttlMs: 1000 };
  }
  return { limit: Number(m[1]), ttlMs: Number(m[2]) * 1000 };
}

function roleFromEnv(suffix: string): string {
  return suffix
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * scheme://host[:port] as a browser sends it in Origin (lower-case host, no default port),
 * or undefined for anything else: a path, query, credentials, another scheme, `*`.
 */
function parseOrigin(entry: string): string | undefined {
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(entry)) return undefined;
  try {
    return new URL(entry).origin;
  } catch {
    return undefined;
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT: expected 0-65535, got "${env.PORT}"`);

  let engine: DbEngine = 'sqlite';
  let dbUrl = './data/docket.sqlite';
  const rawDb = env.DB_URL?.trim();
  if (rawDb) {
    if (rawDb.startsWith('sqlite:')) {
      dbUrl = rawDb.slice('sqlite:'.length) || dbUrl;
    } else if (/^(mariadb|mysql):\/\//.test(rawDb)) {
      engine = 'mariadb';
      dbUrl = rawDb;
      try {
        const u = new URL(rawDb.replace(/^mariadb:/, 'mysql:'));
        if (!u.pathname || u.pathname === '/') problems.push('DB_URL: the database name is missing (mariadb://user:pass@host:3306/db)');
      } catch {
        problems.push(`DB_URL: not a valid URL: "${rawDb}"`);
      }
    } else {
      problems.push(`DB_URL: expected mariadb://user:pass@host:3306/db or sqlite:<path>, got "${rawDb}"`);
    }
  }

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL: expected redis://host:6379[/db], got "${redisUrl}"`);

  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);

  const nodeEnv = env.NODE_ENV ?? 'production';
  const appEnv = nodeEnv === 'development' || nodeEnv === 'test' ? nodeEnv : 'production';

  const adminPassword = env.ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword.length < 8) problems.push('ADMIN_PASSWORD: use at least 8 characters');

  const flag = (name: string, dflt: boolean): boolean => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(v.toLowerCase())) return false;
    problems.push(`${name}: expected 0 or 1, got "${v}"`);
    return dflt;
  };

  const rateLimits: RateLimitConfig = {
    default: parseRate('RATE_LIMIT_DEFAULT', env.RATE_LIMIT_DEFAULT ?? '600/60', problems),
    guest: parseRate('RATE_LIMIT_GUEST', env.RATE_LIMIT_GUEST ?? '120/60', problems),
    roles: {},
    keys: {},
  };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (k.startsWith('RATE_LIMIT_ROLE_')) rateLimits.roles[roleFromEnv(k.slice(16))] = parseRate(k, v, problems);
    if (k.startsWith('RATE_LIMIT_KEY_')) rateLimits.keys[k.slice(15)] = parseRate(k, v, problems);
  }

  const intVar = (name: string, dflt: number, min: number, max: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name}: expected an integer ${min}-${max}, got "${v}"`);
    return n;
  };
  const maxPageLength = intVar('MAX_PAGE_LENGTH', 500, 1, 10000);
  const dbPoolSize = intVar('DB_POOL_SIZE', 20, 1, 500);
  // One event loop per core on MariaDB; SQLite's single writer lives in one process.
  const webConcurrency = intVar('WEB_CONCURRENCY', engine === 'mariadb' ? availableParallelism() : 1, 1, 64);
  if (webConcurrency > 1 && engine === 'sqlite') problems.push('WEB_CONCURRENCY: more than one process needs MariaDB (DB_URL); the embedded SQLite engine runs in one process');

  const docCacheSize = intVar('DOC_CACHE_SIZE', 10_000, 0, 1_000_000);
  const maxVariantsPerCall = intVar('MAX_VARIANTS_PER_CALL', 500, 1, 100_000);
  const storefrontStatementMs = intVar('STOREFRONT_STATEMENT_MS', 5_000, 100, 600_000);
  const storefrontCacheMb = intVar('STOREFRONT_CACHE_MB', 512, 1, 65_536);

  const corsOrigins: string[] = [];
  for (const entry of (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim())) {
    if (!entry) continue;
    const origin = parseOrigin(entry);
    if (origin) corsOrigins.push(origin);
    else problems.push(`CORS_ORIGINS: expected a comma-separated list of origins like https://shop.example.com, got "${entry}"`);
  }
  const requestTimeoutMs = intVar('REQUEST_TIMEOUT_SECONDS', 30, 1, 3600) * 1000;
  const headersTimeoutMs = intVar('HEADERS_TIMEOUT_SECONDS', 10, 1, 3600) * 1000;
  if (headersTimeoutMs > requestTimeoutMs) problems.push('HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS');
  const security: SecurityConfig = {
    corsOrigins,
    guestIntrospection: flag('GRAPHQL_INTROSPECTION', appEnv !== 'production'),
    loginAttempts: intVar('LOGIN_ATTEMPTS', 10, 1, 1000),
    loginLockoutMs: intVar('LOGIN_LOCKOUT_SECONDS', 60, 1, 86400) * 1000,
    requestTimeoutMs,
    headersTimeoutMs,
  };

  const demo = flag('DOCKET_DEMO', true);
  const jobsInApi = flag('JOBS_IN_API', true);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return new AppConfig(
    port,
    engine,
    dbUrl,
    redisUrl,
    adminPassword,
    logLevel,
    appEnv,
    demo,
    jobsInApi,
    rateLimits,
    maxPageLength,
    dbPoolSize,
    env.TRUST_PROXY?.trim() || 'loopback',
    webConcurrency,
    docCacheSize,
    security,
    maxVariantsPerCall,
    storefrontStatementMs,
    storefrontCacheMb,
  );
}
