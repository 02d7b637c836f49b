import { bootApp, TestApp } from '../harness/app';
import { Shop } from './catalog-fixtures';

const BUDGET_MS = 1500;

/**
 * The storefront is public, so what one filter costs the database is bounded: on MariaDB every
 * listing and facet statement runs under STOREFRONT_STATEMENT_MS (stopped there, 503 with
 * Retry-After), and identical requests arriving while an answer is computed wait for that one
 * computation instead of each running it. The database is made slow on purpose by a table lock
 * held from a raw connection.
 */
(process.env.DB_URL?.startsWith('mariadb:') ? describe : describe.skip)('storefront guard (MariaDB)', () => {
  let t: TestApp;
  let shop: Shop;
  let conn: import('mysql2/promise').Connection;
  let filterN = 0;
  /** a facet request no earlier request has cached */
  const facets = () => t.http.get('/api/method/docket.storefront.product_facets').query({ filter: JSON.stringify({ price_min: `0.00${++filterN}` }) });
  const sameFacets = (min: string) => t.http.get('/api/method/docket.storefront.product_facets').query({ filter: JSON.stringify({ price_min: min }) });
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    await conn.query('LOCK TABLES `tabWebsite Item` WRITE');
    try {
      return await fn();
    } finally {
      await conn.query('UNLOCK TABLES');
    }
  };
  /** storefront statements now waiting in the database */
  const waiting = async () => {
    const [rows] = await conn.query<import('mysql2/promise').RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SET STATEMENT max_statement_time%'",
    );
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    t = await bootApp({ STOREFRONT_STATEMENT_MS: String(BUDGET_MS) });
    shop = await new Shop(t, await t.token('Administrator')).build();
    const mysql = await import('mysql2/promise');
    conn = await mysql.createConnection({ uri: t.config.dbUrl.replace(/^mariadb:/, 'mysql:') });
  });
  afterAll(async () => {
    await conn?.end();
    await t?.close();
  });

  it('a statement past STOREFRONT_STATEMENT_MS is stopped: 503 QueryTimeoutError with Retry-After, nothing cached; free again, 200', async () => {
    const res = await locked(async () => {
      const started = Date.now();
      const r = await sameFacets('0.5');
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(BUDGET_MS - 50);
      expect(took).toBeLessThan(BUDGET_MS + 3000);
      return r;
    });
    expect(res.status).toBe(503);
    expect(res.body.exc_type).toBe('QueryTimeoutError');
    expect(res.headers['retry-after']).toBe('5');
    const again = await sameFacets('0.5');
    expect(again.status).toBe(200);
    expect(again.body.message.total).toBeGreaterThan(0);
    expect(shop.root).toBeTruthy();
  });

  it('20 identical uncached requests at once run the facet statements once, and all get the one answer', async () => {
    const statementsOfOne = 4; // attribute values, brands, item groups, price range
    const answers = await locked(async () => {
      const inFlight = Promise.all(Array.from({ length: 20 }, () => sameFacets('1.25')));
      let most = 0;
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 25));
        most = Math.max(most, await waiting());
      }
      expect(most).toBe(statementsOfOne);
      return { inFlight };
    }).then((x) => x.inFlight);
    // the lock is released within the budget: one computation answered every caller
    const bodies = new Set(answers.map((a) => (expect(a.status).toBe(200), a.text)));
    expect(bodies.size).toBe(1);
  });

  it('different filters are computed separately (each under its own budget)', async () => {
    const answers = await locked(async () => {
      const inFlight = Promise.all([facets(), facets(), facets()]);
      let most = 0;
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 25));
        most = Math.max(most, await waiting());
      }
      expect(most).toBe(12);
      return { inFlight };
    }).then((x) => x.inFlight);
    for (const a of answers) expect(a.status).toBe(200);
  });
});
