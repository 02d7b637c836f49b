import { ConfigError, loadConfig } from '../../src/config/config';

describe('configuration from the environment', () => {
  it('defaults to embedded SQLite on port 8000 with in-process services', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8000, engine: 'sqlite', dbUrl: './data/docket.sqlite', redisUrl: undefined, logLevel: 'info', demo: true, webConcurrency: 1 });
  });

  it('switches to MariaDB and Redis, with per-role and per-key rate limits', () => {
    const c = loadConfig({ DB_URL: 'mariadb://u:p@db:3306/docket', REDIS_URL: 'redis://r:6379/1', RATE_LIMIT_ROLE_SALES_USER: '50/10', RATE_LIMIT_KEY_abc: '5/1', WEB_CONCURRENCY: '3' });
    expect(c.engine).toBe('mariadb');
    expect(c.rateLimits.roles['Sales User']).toEqual({ limit: 50, ttlMs: 10_000 });
    expect(c.rateLimits.keys.abc).toEqual({ limit: 5, ttlMs: 1000 });
    expect(c.webConcurrency).toBe(3);
  });

  it('names every bad value in one error', () => {
    const bad = () => loadConfig({ PORT: 'x', DB_URL: 'postgres://x', REDIS_URL: 'http://r', LOG_LEVEL: 'loud', ADMIN_PASSWORD: 'short', RATE_LIMIT_DEFAULT: 'lots', DOCKET_DEMO: 'maybe' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      for (const name of ['PORT', 'DB_URL', 'REDIS_URL', 'LOG_LEVEL', 'ADMIN_PASSWORD', 'RATE_LIMIT_DEFAULT', 'DOCKET_DEMO']) {
        expect((err as Error).message).toContain(`${name}:`);
      }
    }
  });

  it('refuses several processes on SQLite', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY/);
  });
});
