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

  describe('security settings', () => {
    const problems = (env: NodeJS.ProcessEnv): string => {
      try {
        loadConfig(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.message;
        throw err;
      }
      return '';
    };

    it('defaults: no CORS, 10 failed logins lock for 60 s, 10 s for headers and 30 s for a whole request', () => {
      expect(loadConfig({}).security).toEqual({ corsOrigins: [], guestIntrospection: false, loginAttempts: 10, loginLockoutMs: 60_000, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 });
    });

    it('reads CORS_ORIGINS as a comma-separated list of origins, spelled as browsers send them', () => {
      expect(loadConfig({ CORS_ORIGINS: ' https://shop.example.com, http://localhost:3000 ,,' }).security.corsOrigins).toEqual(['https://shop.example.com', 'http://localhost:3000']);
      // A browser's Origin has a lower-case host and no default port.
      expect(loadConfig({ CORS_ORIGINS: 'https://Shop.Example.COM:443,http://LOCALHOST:80,https://shop.example.com:8443' }).security.corsOrigins).toEqual([
        'https://shop.example.com',
        'http://localhost',
        'https://shop.example.com:8443',
      ]);
    });

    it.each(['*', 'shop.example.com', 'https://shop.example.com/', 'https://shop.example.com/path', 'ftp://shop.example.com', 'https://user:pw@shop.example.com', 'https://shop.example.com?x=1', 'null'])(
      'refuses CORS_ORIGINS entry %s',
      (origin) => {
        expect(problems({ CORS_ORIGINS: `https://ok.example.com,${origin}` })).toMatch(/CORS_ORIGINS: .*got "/);
      },
    );

    it('lets Guest introspect GraphQL outside production unless GRAPHQL_INTROSPECTION says otherwise', () => {
      expect(loadConfig({ NODE_ENV: 'production' }).security.guestIntrospection).toBe(false);
      expect(loadConfig({ NODE_ENV: 'development' }).security.guestIntrospection).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test' }).security.guestIntrospection).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '1' }).security.guestIntrospection).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false' }).security.guestIntrospection).toBe(false);
      expect(problems({ GRAPHQL_INTROSPECTION: 'sometimes' })).toContain('GRAPHQL_INTROSPECTION:');
    });

    it('reads login lockout and slow-client deadlines in seconds', () => {
      const s = loadConfig({ LOGIN_ATTEMPTS: '3', LOGIN_LOCKOUT_SECONDS: '900', HEADERS_TIMEOUT_SECONDS: '5', REQUEST_TIMEOUT_SECONDS: '5' }).security;
      expect(s).toMatchObject({ loginAttempts: 3, loginLockoutMs: 900_000, headersTimeoutMs: 5000, requestTimeoutMs: 5000 });
    });

    it.each([
      ['LOGIN_ATTEMPTS', '0'],
      ['LOGIN_ATTEMPTS', '2.5'],
      ['LOGIN_LOCKOUT_SECONDS', '-1'],
      ['LOGIN_LOCKOUT_SECONDS', 'forever'],
      ['REQUEST_TIMEOUT_SECONDS', '0'],
      ['REQUEST_TIMEOUT_SECONDS', '3601'],
      ['HEADERS_TIMEOUT_SECONDS', '1.5'],
    ])('refuses %s=%s', (name, value) => {
      expect(problems({ [name]: value })).toContain(`${name}: expected an integer`);
    });

    it('refuses a headers deadline longer than the whole request deadline', () => {
      expect(problems({ HEADERS_TIMEOUT_SECONDS: '20', REQUEST_TIMEOUT_SECONDS: '10' })).toContain('HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS');
      expect(problems({ HEADERS_TIMEOUT_SECONDS: '40' })).toContain('HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS');
    });
  });
});
