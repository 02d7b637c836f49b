'use strict';
// Catalogue reads through the REST API, on MariaDB + Redis (compare with W1/W2 of
// shared/benchmarks.md): 10,000 Items, 50 connections, 20 s per workload, WEB_CONCURRENCY Docket
// processes (default 2, one per core; set WEB_CONCURRENCY=1 for a single event loop).
//   (a) item detail:   GET /api/resource/Item/<random item>, every item read once before
//                      measuring (the document cache holds all 10,000)
//   (b) filtered list: GET /api/resource/Item?fields=[…]&filters=[[item_group = Products],
//                      [item_name like %5%]]&limit_page_length=20
//   (c) item detail again on a server started with DOC_CACHE_SIZE=0: every read goes to MariaDB
// Needs MariaDB on 127.0.0.1:3306 (root, no password), Redis on 127.0.0.1:6379 and `npm run build`.
// The database docket_bench and Redis database 2 are wiped at the start.

const { resetStores, adminToken, cannon, fetchJson, freePort, printTable, runCli, startServer, summarize } = require('./lib');
const { seedItems } = require('./seed-items');

const DB_URL = 'mariadb://root:@127.0.0.1:3306/docket_bench';
const REDIS_URL = 'redis://127.0.0.1:6379/2';
const ADMIN_PASSWORD = 'bench-admin-pass';
const ITEMS = 10_000;
const CONNECTIONS = 50;
const DURATION_S = 20;
const WARMUP_S = 5;
/** The whole script stops by itself after this, whatever happens. */
const DEADLINE_MS = 10 * 60_000;

const SERVER_ENV = {
  DB_URL,
  REDIS_URL,
  ADMIN_PASSWORD,
  DOCKET_DEMO: '1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_DEFAULT: '1000000/60',
  RATE_LIMIT_GUEST: '1000000/60',
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY || '2',
};

const LIST_QUERY = new URLSearchParams({
  fields: JSON.stringify(['name', 'item_name', 'item_group']),
  filters: JSON.stringify([
    ['item_group', '=', 'Products'],
    ['item_name', 'like', '%5%'],
  ]),
  limit_page_length: '20',
}).toString();

/** The Item's link targets (item group Products, UOM Nos), created through the API when missing. */
async function ensureMasters(url, auth) {
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  const exists = async (doctype, name) => (await fetch(`${url}/api/resource/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}`, { headers })).ok;
  if (!(await exists('UOM', 'Nos'))) {
    await fetchJson(`${url}/api/resource/UOM`, { method: 'POST', headers, body: JSON.stringify({ uom_name: 'Nos', must_be_whole_number: 1 }) });
  }
  if (!(await exists('Item Group', 'Products'))) {
    const root = (await exists('Item Group', 'All Item Groups')) ? { parent_item_group: 'All Item Groups' } : {};
    await fetchJson(`${url}/api/resource/Item%20Group`, { method: 'POST', headers, body: JSON.stringify({ item_group_name: 'Products', ...root }) });
  }
}

/** One request of each kind must answer 200 with the expected body before measuring. */
async function checkWorkloads(url, auth, names) {
  const headers = { Authorization: auth };
  const one = await fetchJson(`${url}/api/resource/Item/${encodeURIComponent(names[0])}`, { headers });
  if (one.body?.data?.item_code !== names[0]) throw new Error(`unexpected item body: ${JSON.stringify(one.body).slice(0, 300)}`);
  const list = await fetchJson(`${url}/api/resource/Item?${LIST_QUERY}`, { headers });
  const rows = list.body?.data;
  if (!Array.isArray(rows) || rows.length !== 20 || !rows.every((r) => String(r.item_name).includes('5'))) {
    throw new Error(`unexpected list body: ${JSON.stringify(list.body).slice(0, 300)}`);
  }
}

/** The two request shapes, as functions of the token and the row title. */
function workloads(names) {
  const pick = () => names[Math.floor(Math.random() * names.length)];
  const detail = (auth, name) => ({
    name,
    opts: {
      headers: { Authorization: auth },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/resource/Item/${encodeURIComponent(pick())}` }) }],
    },
  });
  const list = (auth, name) => ({ name, opts: { headers: { Authorization: auth }, requests: [{ method: 'GET', path: `/api/resource/Item?${LIST_QUERY}` }] } });
  return [detail, list];
}

/** Reads every item once, 50 at a time, so that (a) measures the document cache when warm. */
async function readAll(url, auth, names) {
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const res = await fetch(`${url}/api/resource/Item/${encodeURIComponent(name)}`, { headers: { Authorization: auth } });
      if (!res.ok) throw new Error(`warming ${name}: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

/** Starts a server with `env`, runs `fn(url, auth)`, stops the server. */
async function withServer(env, fn) {
  const t = Date.now();
  const server = await startServer({ port: await freePort(), env });
  const stopOnSignal = () => server.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  console.log(`server ${server.url} (pid ${server.pid}, log ${server.logFile}) ready in ${Date.now() - t} ms`);
  try {
    return await fn(server.url, await adminToken(server.url, ADMIN_PASSWORD), server);
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await server.stop();
  }
}

async function measure(url, w) {
  await cannon({ url, connections: CONNECTIONS, duration: WARMUP_S, ...w.opts });
  const result = await cannon({ url, connections: CONNECTIONS, duration: DURATION_S, title: w.name, ...w.opts });
  const row = summarize(w.name, result);
  console.log(`${w.name}: ${row['req/s']} req/s, p50 ${row['p50 ms']} ms, p99 ${row['p99 ms']} ms, errors ${row.errors}, non-2xx ${row.non2xx}`);
  return row;
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`api-read: still running after ${DEADLINE_MS / 60_000} min, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();

  console.log(`api-read: Docket on MariaDB + Redis, ${ITEMS} items, ${CONNECTIONS} connections, ${DURATION_S} s per workload (after ${WARMUP_S} s warm-up)`);
  await resetStores(DB_URL, REDIS_URL);
  const t = Date.now();
  runCli(['migrate'], SERVER_ENV);
  const { names } = await seedItems(DB_URL, ITEMS);
  console.log(`migrated and seeded ${names.length} items in ${Date.now() - t} ms`);

  const rows = [];
  try {
    const [detail, list] = workloads(names);
    await withServer(SERVER_ENV, async (url, auth) => {
      await ensureMasters(url, auth);
      await checkWorkloads(url, auth, names);
      const t0 = Date.now();
      await readAll(url, auth, names);
      console.log(`read all ${names.length} items once in ${Date.now() - t0} ms`);
      rows.push(await measure(url, detail(auth, `(a) GET Item/<random of ${names.length}>, document cache warm`)));
      rows.push(await measure(url, list(auth, '(b) list 20, item_group = + item_name like')));
    });
    await withServer({ ...SERVER_ENV, DOC_CACHE_SIZE: '0' }, async (url, auth) => {
      rows.push(await measure(url, detail(auth, `(c) GET Item/<random of ${names.length}>, DOC_CACHE_SIZE=0`)));
    });
  } finally {
    clearTimeout(watchdog);
  }
  console.log('');
  console.log(`Dataset ${ITEMS} items (MariaDB, Redis), ${CONNECTIONS} connections, ${DURATION_S} s each, ${SERVER_ENV.WEB_CONCURRENCY} Docket process(es), LOG_LEVEL=warn`);
  printTable(rows);
  const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
  if (failed.length) {
    console.error(`errors or non-2xx answers in: ${failed.map((r) => r.workload).join(', ')}`);
    process.exitCode = 1;
  }
}

module.exports = { main };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.stack ?? err);
    process.exit(1);
  });
}
