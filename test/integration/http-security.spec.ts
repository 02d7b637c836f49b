import type { Response } from 'supertest';
import { ADMIN_PASSWORD, bootApp, demoUserEmail, TestApp } from '../harness/app';

const SHOP = 'https://shop.example.com';
const LOCAL_SHOP = 'http://localhost:3000';
const EVIL = 'https://evil.example.com';
const HSTS = 'max-age=31536000; includeSubDomains';
const ROLE_LIMIT = 2;

/** The headers every answer carries, whatever answered it (controller, auth hook, rate limit, router). */
function expectSecurityHeaders(label: string, res: Response): void {
  const h = res.headers;
  expect({ label, nosniff: h['x-content-type-options'], frame: h['x-frame-options'], referrer: h['referrer-policy'] }).toEqual({ label, nosniff: 'nosniff', frame: 'DENY', referrer: 'no-referrer' });
  expect({ label, csp: h['content-security-policy'] }).toEqual({ label, csp: expect.stringMatching(/(^|;)default-src 'none'(;|$)/) });
  expect({ label, csp: h['content-security-policy'] }).toEqual({ label, csp: expect.stringMatching(/(^|;)frame-ancestors 'none'(;|$)/) });
}

const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'access-control-allow-methods', 'access-control-allow-headers'];

describe('HTTP security with CORS_ORIGINS set and the loopback proxy trusted', () => {
  let t: TestApp;
  let admin: string;
  let sales: string;

  beforeAll(async () => {
    t = await bootApp({ CORS_ORIGINS: `${SHOP}, ${LOCAL_SHOP}`, TRUST_PROXY: 'loopback', RATE_LIMIT_ROLE_SALES_USER: `${ROLE_LIMIT}/60` });
    admin = await t.token('Administrator');
    sales = await t.token(demoUserEmail('Sales User'));
  });
  afterAll(() => t.close());

  describe('security headers', () => {
    it('are on REST, GraphQL and docs answers, errors of every layer included, without HSTS over plain http', async () => {
      for (let i = 0; i < ROLE_LIMIT; i++) await t.http.get('/api/method/ping').set('Authorization', sales).expect(200);
      const answers: [string, Response, number][] = [
        ['ping', await t.http.get('/api/method/ping'), 200],
        ['resource list', await t.http.get('/api/resource/Item').set('Authorization', admin), 200],
        ['missing document', await t.http.get('/api/resource/Item/NO-SUCH-ITEM').set('Authorization', admin), 404],
        ['unknown route', await t.http.get('/api/nowhere'), 404],
        ['Guest refused', await t.http.get('/api/resource/User'), 403],
        ['bad credential (auth hook)', await t.http.get('/api/resource/Item').set('Authorization', 'token bad:bad'), 401],
        ['REST rate limit', await t.http.get('/api/method/ping').set('Authorization', sales), 429],
        ['GraphQL', await t.http.post('/graphql').set('Authorization', admin).send({ query: '{ me { name } }' }), 200],
        ['GraphQL rate limit (hook)', await t.http.post('/graphql').set('Authorization', sales).send({ query: '{ me { name } }' }), 429],
        ['text/plain body', await t.http.post('/api/method/login').set('Content-Type', 'text/plain').send('{}'), 415],
        ['docs page', await t.http.get('/api/docs'), 200],
        ['docs stylesheet', await t.http.get('/api/docs/assets/swagger-ui.css'), 200],
        ['docs script', await t.http.get('/api/docs/assets/swagger-ui-bundle.js'), 200],
        ['docs init script', await t.http.get('/api/docs/assets/docket-init.js'), 200],
        ['unknown docs asset', await t.http.get('/api/docs/assets/package.json'), 404],
        ['spec', await t.http.get('/api/openapi.json'), 200],
      ];
      expect(answers).toHaveLength(16);
      for (const [label, res, status] of answers) {
        expect({ label, status: res.status }).toEqual({ label, status });
        expectSecurityHeaders(label, res);
        expect({ label, hsts: res.headers['strict-transport-security'] }).toEqual({ label, hsts: undefined });
      }
    });

    it('the API answers allow nothing to load; the docs page allows its own scripts, styles and spec only', async () => {
      const api = await t.http.get('/api/method/ping').expect(200);
      expect(api.headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'");
      const docs = await t.http.get('/api/docs').expect(200);
      const directives = Object.fromEntries(String(docs.headers['content-security-policy']).split(';').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      expect(directives).toMatchObject({ 'script-src': ["'self'"], 'style-src': ["'self'"], 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] });
    });

    it('adds HSTS when the request came over TLS, as X-Forwarded-Proto from the trusted proxy says, auth hook errors included', async () => {
      const ok = await t.http.get('/api/method/ping').set('X-Forwarded-Proto', 'https').expect(200);
      expect(ok.headers['strict-transport-security']).toBe(HSTS);
      const refused = await t.http.get('/api/resource/Item').set('X-Forwarded-Proto', 'https').set('Authorization', 'token bad:bad').expect(401);
      expect(refused.headers['strict-transport-security']).toBe(HSTS);
      const plain = await t.http.get('/api/method/ping').set('X-Forwarded-Proto', 'http').expect(200);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('CORS allowlist', () => {
    it('gives a listed origin its own origin back, with credentials and the headers a storefront reads', async () => {
      for (const origin of [SHOP, LOCAL_SHOP]) {
        const res = await t.http.get('/api/method/ping').set('Origin', origin).expect(200);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-credentials']).toBe('true');
        expect(res.headers.vary).toMatch(/\bOrigin\b/);
        const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
        expect(exposed).toEqual(expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'X-Frappe-CSRF-Token']));
      }
      // so that the storefront can read why it was refused
      const refused = await t.http.get('/api/resource/Item').set('Origin', SHOP).set('Authorization', 'token bad:bad').expect(401);
      expect(refused.headers['access-control-allow-origin']).toBe(SHOP);
    });

    it('gives any other origin no CORS header at all (the browser keeps the answer from it)', async () => {
      for (const origin of [EVIL, `${SHOP}.evil.example.com`, 'null', SHOP.replace('https:', 'http:')]) {
        const res = await t.http.get('/api/method/ping').set('Origin', origin).expect(200);
        for (const h of CORS_HEADERS) expect({ origin, h, value: res.headers[h] }).toEqual({ origin, h, value: undefined });
        expect(res.headers.vary).toMatch(/\bOrigin\b/);
      }
      const none = await t.http.get('/api/method/ping').expect(200);
      expect(none.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http.options('/api/resource/Item').set('Origin', EVIL).set('Access-Control-Request-Method', 'POST').expect(404);
      for (const h of CORS_HEADERS) expect(preflight.headers[h]).toBeUndefined();
    });

    it('answers a preflight of a listed origin with 204 before authentication and rate limits', async () => {
      for (const path of ['/api/resource/Item/ITEM-1', '/graphql', '/api/method/login']) {
        const res = await t.http
          .options(path)
          .set('Origin', SHOP)
          .set('Access-Control-Request-Method', 'DELETE')
          .set('Access-Control-Request-Headers', 'authorization,content-type,x-frappe-csrf-token,idempotency-key,x-request-id')
          // a bad credential the auth hook would refuse with 401
          .set('Authorization', 'token bad:bad')
          .expect(204);
        expect(res.headers['access-control-allow-origin']).toBe(SHOP);
        expect(res.headers['access-control-allow-credentials']).toBe('true');
        expect(String(res.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
        expect(String(res.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'X-Frappe-CSRF-Token', 'Idempotency-Key', 'X-Request-Id']));
        expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
        // never counted: the REST guard and the GraphQL rate limit hook set these on what they see
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
        expectSecurityHeaders(path, res);
      }
    });
  });

  describe('request body content types', () => {
    const login = JSON.stringify({ usr: 'Administrator', pwd: ADMIN_PASSWORD });

    it('refuses a text/plain login (what a cross-site HTML form can post) with 415, and accepts JSON and form posts', async () => {
      const res = await t.http.post('/api/method/login').set('Content-Type', 'text/plain').send(login).expect(415);
      expect(res.body.exc_type).toBe('UnsupportedMediaType');
      expect(res.body.exception).toContain('Unsupported Media Type');
      expect(res.headers['set-cookie']).toBeUndefined();
      // credentials in the query string do not get around it
      await t.http.post(`/api/method/login?usr=Administrator&pwd=${ADMIN_PASSWORD}`).set('Content-Type', 'text/plain').send('x=y').expect(415);
      const json = await t.http.post('/api/method/login').set('Content-Type', 'application/json').send(login).expect(200);
      expect(String(json.headers['set-cookie'])).toContain('sid=');
      const form = await t.http.post('/api/method/login').type('form').send({ usr: 'Administrator', pwd: ADMIN_PASSWORD }).expect(200);
      expect(String(form.headers['set-cookie'])).toContain('sid=');
    });

    it('refuses writes in any other content type, and those without one, before they reach a handler', async () => {
      const body = JSON.stringify({ customer_name: 'Plain Text Customer', customer_type: 'Individual' });
      const refused: Response[] = [
        await t.http.post('/api/resource/Customer').set('Authorization', admin).set('Content-Type', 'text/plain').send(body),
        await t.http.post('/api/resource/Customer').set('Authorization', admin).set('Content-Type', 'text/plain; charset=utf-8').send(body),
        await t.http.post('/api/resource/Customer').set('Authorization', admin).set('Content-Type', 'application/xml').send('<customer/>'),
        await t.http.post('/api/resource/Customer').set('Authorization', admin).field('customer_name', 'Plain Text Customer'),
        await t.http.put('/api/resource/Customer/x').set('Authorization', admin).set('Content-Type', 'text/plain').send(body),
        // a body and no type at all (superagent names one for a string body unless unset)
        await t.http.post('/api/resource/Customer').set('Authorization', admin).send(body).unset('Content-Type'),
        await t.http.post('/graphql').set('Authorization', admin).set('Content-Type', 'text/plain').send(JSON.stringify({ query: '{ me { name } }' })),
      ];
      expect(refused.map((r) => r.status)).toEqual([415, 415, 415, 415, 415, 415, 415]);
      for (const r of refused.slice(0, 6)) expect(r.body.exc_type).toBe('UnsupportedMediaType');
      const list = await t.http.get('/api/resource/Customer').query({ filters: JSON.stringify({ customer_name: 'Plain Text Customer' }) }).set('Authorization', admin).expect(200);
      expect(list.body.data).toEqual([]);
    });

    it('still takes JSON writes, a JSON-typed DELETE without a body (frappe-js-sdk) and GET without a body', async () => {
      const created = await t.http.post('/api/resource/Customer').set('Authorization', admin).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ customer_name: 'JSON Customer', customer_type: 'Individual' })).expect(200);
      await t.http.delete(`/api/resource/Customer/${encodeURIComponent(created.body.data.name)}`).set('Authorization', admin).set('Content-Type', 'application/json').expect(202);
      await t.http.get(`/api/resource/Customer/${encodeURIComponent(created.body.data.name)}`).set('Authorization', admin).expect(404);
    });
  });
});

describe('HTTP security without CORS_ORIGINS, behind no trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ CORS_ORIGINS: '', TRUST_PROXY: '10.9.9.9' });
  });
  afterAll(() => t.close());

  it('sends no CORS header to any origin and answers no preflight', async () => {
    const res = await t.http.get('/api/method/ping').set('Origin', SHOP).expect(200);
    for (const h of [...CORS_HEADERS, 'vary']) expect({ h, value: res.headers[h] }).toEqual({ h, value: undefined });
    const preflight = await t.http.options('/api/resource/Item').set('Origin', SHOP).set('Access-Control-Request-Method', 'POST').expect(404);
    for (const h of CORS_HEADERS) expect(preflight.headers[h]).toBeUndefined();
    expectSecurityHeaders('preflight without CORS', preflight);
  });

  it('ignores X-Forwarded-Proto from a proxy it does not trust: no HSTS over plain http', async () => {
    const res = await t.http.get('/api/method/ping').set('X-Forwarded-Proto', 'https').expect(200);
    expectSecurityHeaders('ping', res);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
