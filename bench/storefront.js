'use strict';
// The storefront under load (issue 10), on MariaDB + Redis, as a guest:
//   (a) listing, cached:    GET docket.storefront.products?first=20, the same URL every time
//   (b0) listing, nothing kept: right after a restart, 500 pages of 20 products that share none
//                           (first=20 by ranking, after every 20th product), each asked once: no
//                           answer and no product card is kept yet (a page costs its five statements)
//   (b) listing, uncached:  every request a different cache key: first=20 after a cursor
//                           built from the sort values of one of the 10,000 products, rotating
//                           over products × 3 sorts (ranking, newest, name) = 30,000 keys; the
//                           product cards are kept after their first page (one statement a page)
//   (c) detail, cached:     GET docket.storefront.product?route=<one route>
//   (d) detail, uncached:   the route rotates over all 10,000 products, then again with qty 2, 3, 4, 5
//   (e) cold start:         spawn → the first 200 of a listing page (empty cache)
//   (f) listing under stock churn: the 200 first pages (by ranking) while Material Receipts of
//                           random bench variants are submitted through the API, CHURN a second
//                           (default 10): every receipt outdates the stock of every kept answer
// 50 connections, 20 s after a 5 s warm-up (autocannon), WEB_CONCURRENCY processes (default 1).
// Dataset: bench/seed-catalog.js (10,000 templates × 5 variants), kept between runs
// (STOREFRONT_BENCH_FRESH=1 rebuilds it). Floors (issue 10): cached listing >= 3,000 req/s with
// p99 < 50 ms; uncached >= 500 req/s. Database docket_bench_shop and Redis database 4 are the bench's.

const autocannon = require('autocannon');
const mysql = require('mysql2/promise');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { resetStores, adminToken, cannon, fetchJson, freePort, mariadbOptions, printTable, runCli, startServer, ROOT } = require('./lib');
const { seedCatalog, hasCatalog, TEMPLATES, PREFIX } = require('./seed-catalog');

const DB_URL = 'mariadb://root:@127.0.0.1:3306/docket_bench_shop';
const REDIS_URL = 'redis://127.0.0.1:6379/4';
const ADMIN_PASSWORD = 'bench-admin-pass';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION || 20);
const WARMUP_S = 5;
const FLOOR_CACHED = { rps: 3000, p99: 50 };
const FLOOR_UNCACHED = { rps: 500 };
const UNLIMITED = '100000000/60';
const SERVER_ENV = {
  DB_URL,
  REDIS_URL,
  ADMIN_PASSWORD,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_DEFAULT: UNLIMITED,
  RATE_LIMIT_GUEST: UNLIMITED,
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY || '1',
};
const LISTING = '/api/method/docket.storefront.products';
const DETAIL = '/api/method/docket.storefront.product';
const UNCACHED_SORTS = ['ranking', 'newest', 'name'];
const CHURN_PER_S = Number(process.env.CHURN || 10);
const POPULAR_PAGES = 200;

const b64 = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** The cursors "after product p" of each sort, from the rows' sort values (the service's cursor format: the sort keys, then the name). */
async function cursors() {
  const conn = await mysql.createConnection({ ...mariadbOptions(DB_URL), dateStrings: true });
  try {
    const [rows] = await conn.query(
      'SELECT name, ranking, DATE_FORMAT(creation, "%Y-%m-%d %H:%i:%s.%f") AS creation, web_item_name, route FROM `tabWebsite Item` WHERE item_code LIKE ? ORDER BY name',
      [`${PREFIX}%`],
    );
    const of = {
      ranking: (r) => [Number(r.ranking), r.creation, r.name],
      newest: (r) => [r.creation, r.name],
      name: (r) => [r.web_item_name, r.name],
    };
    // each sort's order (the service's), so that the 20 last products, after which less than a page follows, are left out
    const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    const order = {
      ranking: (x, y) => Number(y.ranking) - Number(x.ranking) || cmp(y.creation, x.creation) || cmp(x.name, y.name),
      newest: (x, y) => cmp(y.creation, x.creation) || cmp(x.name, y.name),
      name: (x, y) => cmp(x.web_item_name, y.web_item_name) || cmp(x.name, y.name),
    };
    const usable = Object.fromEntries(UNCACHED_SORTS.map((s) => [s, new Set([...rows].sort(order[s]).slice(0, -20))]));
    // interleave: consecutive requests hit different sorts and far-apart products
    const urls = [];
    for (const r of rows) for (const s of UNCACHED_SORTS) if (usable[s].has(r)) urls.push(`${LISTING}?${new URLSearchParams({ first: '20', sort: s, after: b64(of[s](r)) })}`);
    // pages sharing no product: after every 20th product in ranking order
    const ranked = [...rows].sort(order.ranking);
    const disjoint = [`${LISTING}?first=20&sort=ranking`];
    for (let i = 19; i + 20 < ranked.length; i += 20) disjoint.push(`${LISTING}?${new URLSearchParams({ first: '20', sort: 'ranking', after: b64(of.ranking(ranked[i])) })}`);
    return { listing: urls, disjoint, routes: rows.map((r) => r.route), of };
  } finally {
    await conn.end();
  }
}

/** The bench catalogue's variants (what the stock churn receives). */
async function benchVariants() {
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    const [rows] = await conn.query('SELECT name FROM `tabItem` WHERE variant_of LIKE ?', [`${PREFIX}%`]);
    return rows.map((r) => r.name);
  } finally {
    await conn.end();
  }
}

/** Checks a listing answer: 20 products, each with variants that carry a price and availability. */
function checkListing(body, what) {
  const m = body?.message;
  if (!m || !Array.isArray(m.items) || m.items.length !== 20) throw new Error(`${what}: expected 20 items, got ${JSON.stringify(m)?.slice(0, 300)}`);
  for (const p of m.items) {
    if (!p.variants?.length) throw new Error(`${what}: ${p.name} has no variants`);
    if (!p.price?.min || p.price.min.rate === null) throw new Error(`${what}: ${p.name} has no price`);
    if (typeof p.in_stock !== 'boolean') throw new Error(`${what}: ${p.name} has no in_stock`);
    for (const v of p.variants) if (!v.price || typeof v.in_stock !== 'boolean') throw new Error(`${what}: variant ${v.item_code} lacks price or in_stock`);
  }
}

function checkDetail(body, what) {
  const m = body?.message;
  if (!m?.route || m.variants?.length !== 5 || m.variants.some((v) => !v.price || typeof v.in_stock !== 'boolean')) throw new Error(`${what}: bad detail ${JSON.stringify(m)?.slice(0, 300)}`);
}

/** Fetches a sample of a rotation's URLs (guest) and checks them. */
async function sample(url, paths, check, what, n = 20) {
  for (let i = 0; i < n; i++) {
    const p = paths[Math.floor((i * paths.length) / n)];
    const { body } = await fetchJson(`${url}${p}`);
    check(body, `${what} ${p}`);
  }
}

/**
 * One autocannon workload; `paths` rotates (request i asks paths[i mod n]); returns the row and
 * how many distinct URLs were asked. `once`: every path asked exactly once, without warm-up.
 */
async function workload(name, url, paths, { once = false } = {}) {
  let next = 0;
  const opts = { connections: CONNECTIONS, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }] };
  if (!once) await cannon({ url, duration: WARMUP_S, ...opts });
  const latencies = [];
  const length = once ? { amount: paths.length } : { duration: DURATION_S };
  const result = await new Promise((resolve, reject) => {
    const inst = autocannon({ timeout: 10, url, ...length, title: name, ...opts }, (err, r) => (err ? reject(err) : resolve(r)));
    inst.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((x, y) => x - y);
  const pct = (q) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] * 10) / 10 : NaN);
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => `${code}:${s.count}`)
    .join(' ');
  return {
    workload: name,
    // a pass of `amount` requests: its own rate (autocannon's per-second average counts the last partial second)
    'req/s': Math.round(once ? result.requests.total / (result.duration || 1) : result.requests.average),
    'p50 ms': pct(0.5),
    'p95 ms': pct(0.95),
    'p99 ms': pct(0.99),
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
    'keys asked': paths.length === 1 ? 1 : Math.min(next, paths.length),
    wrapped: paths.length > 1 && next > paths.length ? 'yes' : 'no',
  };
}

/** (f): `paths` as a workload while a writer submits CHURN_PER_S Material Receipts a second (on a clock, without waiting for the previous one). */
async function withStockChurn(name, url, paths, token, items) {
  let stop = false;
  let receipts = 0;
  let failed = 0;
  const headers = { Authorization: token, 'Content-Type': 'application/json' };
  const inFlight = new Set();
  const receive = () => {
    const item_code = items[Math.floor(Math.random() * items.length)];
    const doc = { stock_entry_type: 'Material Receipt', company: 'Docket Demo', docstatus: 1, items: [{ item_code, qty: 1, t_warehouse: 'Stores - DD', basic_rate: '10' }] };
    const p = fetchJson(`${url}/api/resource/Stock%20Entry`, { method: 'POST', headers, body: JSON.stringify(doc) }).then(
      () => receipts++,
      (err) => ++failed <= 3 && console.error(`stock churn: ${err.message}`),
    );
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  };
  const clock = setInterval(() => !stop && receive(), 1000 / CHURN_PER_S);
  const writer = { stop: async () => (clearInterval(clock), await Promise.all([...inFlight])) };
  const t0 = performance.now();
  const row = await workload(name, url, paths);
  stop = true;
  await writer.stop();
  return { ...row, 'stock receipts/s': Math.round((receipts / ((performance.now() - t0) / 1000)) * 10) / 10, 'receipts failed': failed };
}

/** (e): spawn → first 200 of a listing page, polling every 20 ms (the server answers ping earlier than the catalogue is warm). */
async function coldStart(port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...SERVER_ENV, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    let listening = null;
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error('no listing within 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}${LISTING}?first=20`, { signal: AbortSignal.timeout(10_000) });
        listening ??= performance.now() - t0;
        const body = await res.json();
        if (res.status === 200) {
          checkListing(body, 'cold start');
          return { 'spawn → first listing 200 ms': Math.round(performance.now() - t0), 'first answer of any kind ms': Math.round(listening) };
        }
      } catch (err) {
        if (err.message?.startsWith('cold start')) throw err;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(killer);
  }
}

async function main() {
  console.log(`storefront: ${TEMPLATES} templates × 5 variants, MariaDB + Redis, guest, ${CONNECTIONS} connections, ${DURATION_S} s after ${WARMUP_S} s warm-up, WEB_CONCURRENCY ${SERVER_ENV.WEB_CONCURRENCY}`);
  if (process.env.STOREFRONT_BENCH_FRESH === '1' || !(await hasCatalog(DB_URL))) {
    await resetStores(DB_URL, REDIS_URL);
    runCli(['migrate'], SERVER_ENV);
    runCli(['seed-demo'], SERVER_ENV);
    const server = await startServer({ port: await freePort(), env: SERVER_ENV });
    try {
      const ms = await seedCatalog({ url: server.url, auth: await adminToken(server.url, ADMIN_PASSWORD), dbUrl: DB_URL });
      console.log(`catalogue written in ${ms} ms`);
    } finally {
      await server.stop();
    }
  } else {
    runCli(['migrate'], SERVER_ENV); // indexes added by the current definitions
    console.log('catalogue present (STOREFRONT_BENCH_FRESH=1 rebuilds it)');
  }
  const rot = await cursors();

  const cold = await coldStart(await freePort());
  console.log(`(e) cold start: ${JSON.stringify(cold)}`);

  const server = await startServer({ port: await freePort(), env: SERVER_ENV });
  const rows = [];
  try {
    // the cursor format is the service's: the end cursor of a page equals the one built from its last row
    const { body } = await fetchJson(`${server.url}${LISTING}?first=20&sort=newest&${new URLSearchParams({ after: b64(rot.of.newest({ name: 'WEB-ITM-BSC-05000', creation: '2026-01-01 01:23:19.000000' })) })}`);
    checkListing(body, 'cursor page');
    const fixed = `${LISTING}?first=20`;
    await sample(server.url, [fixed], checkListing, 'listing');
    await sample(server.url, rot.listing, checkListing, 'listing uncached');
    await sample(server.url, rot.disjoint, checkListing, 'listing nothing kept');
    const route = `${DETAIL}?route=${rot.routes[4242]}`;
    await sample(server.url, [route], checkDetail, 'detail');
    // route × qty 1…5 (prices are for the qty): 50,000 keys, more than a run asks
    const detailPaths = [1, 2, 3, 4, 5].flatMap((qty) => rot.routes.map((r) => `${DETAIL}?route=${encodeURIComponent(r)}&qty=${qty}`));
    await sample(server.url, detailPaths, checkDetail, 'detail uncached');
    // the samples above put some uncached keys in the cache: restart for an empty one
    await server.stop();
    const s2 = await startServer({ port: await freePort(), env: SERVER_ENV });
    try {
      const b0 = await workload(`(b0) listing, nothing kept (${rot.disjoint.length} disjoint pages, once each)`, s2.url, rot.disjoint, { once: true });
      rows.push(await workload('(a) listing cached', s2.url, [fixed]));
      rows.push(await workload('(b) listing uncached (29,940 cursor × sort keys)', s2.url, rot.listing));
      rows.push(await workload('(c) detail cached', s2.url, [route]));
      rows.push(await workload('(d) detail uncached (10,000 routes × qty 1-5)', s2.url, detailPaths));
      rows.push(b0);
      const variants = await benchVariants();
      rows.push(await withStockChurn(`(f) ${POPULAR_PAGES} first pages, ${CHURN_PER_S} stock receipts/s`, s2.url, rot.disjoint.slice(0, POPULAR_PAGES), await adminToken(s2.url, ADMIN_PASSWORD), variants));
    } finally {
      await s2.stop();
    }
  } finally {
    await server.stop();
  }
  printTable(rows);
  const [a, b] = rows;
  const cachedOk = a['req/s'] >= FLOOR_CACHED.rps && a['p99 ms'] < FLOOR_CACHED.p99;
  const uncachedOk = b['req/s'] >= FLOOR_UNCACHED.rps;
  console.log(`floor cached listing >= ${FLOOR_CACHED.rps} req/s, p99 < ${FLOOR_CACHED.p99} ms: ${cachedOk ? 'met' : 'NOT met'}`);
  console.log(`floor uncached listing >= ${FLOOR_UNCACHED.rps} req/s: ${uncachedOk ? 'met' : 'NOT met'}`);
  console.log(`(e) ${JSON.stringify(cold)}`);
  const churn = rows.find((r) => 'stock receipts/s' in r);
  if (churn) console.log(`(f) stock receipts committed: ${churn['stock receipts/s']}/s, failed: ${churn['receipts failed']}`);
  return { rows, cold };
}

module.exports = { main, cursors };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.stack ?? err);
    process.exit(1);
  });
}
