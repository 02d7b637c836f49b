'use strict';
// Material Issue vouchers through the REST API, on MariaDB + Redis: every request inserts and
// submits one Stock Entry (one line, qty 1), which moves stock through the stock ledger (Bin row
// lock, SLE, valuation). 1,000 stock items with an opening balance, 50 connections, 20 s per
// workload after a 5 s warm-up, WEB_CONCURRENCY Docket processes (default 1).
//   (a) spread:   each issue on a random item of the 1,000
//   (b) hot item: every issue on one item, which holds only part of what is asked for, so the
//                 run ends in refused issues (417 NegativeStockError): zero oversell is checked
//                 afterwards (Bin = opening - accepted issues = the ledger, never below zero), and
//                 the accepted rate is taken over the time its stock lasted (warm-up on another item)
// Needs MariaDB on 127.0.0.1:3306 (root, no password), Redis on 127.0.0.1:6379 and `npm run build`.
// The database docket_bench_stock and Redis database 3 are wiped at the start.

const mysql = require('mysql2/promise');
const { resetStores, adminToken, cannon, fetchJson, freePort, mariadbOptions, printTable, runCli, startServer, summarize } = require('./lib');
const { seedItems } = require('./seed-items');

const DB_URL = 'mariadb://root:@127.0.0.1:3306/docket_bench_stock';
const REDIS_URL = 'redis://127.0.0.1:6379/3';
const ADMIN_PASSWORD = 'bench-admin-pass';
const ITEMS = 1_000;
const OPENING = 1_000_000;
/** The hot item's opening stock: fewer units than the run asks for, so oversell would show. */
const HOT_OPENING = 3_000;
const CONNECTIONS = 50;
const DURATION_S = 20;
const WARMUP_S = 5;
const DEADLINE_MS = 10 * 60_000;
const COMPANY = 'Docket Demo';
const WAREHOUSE = 'Stores - DD';

const SERVER_ENV = {
  DB_URL,
  REDIS_URL,
  ADMIN_PASSWORD,
  DOCKET_DEMO: '1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_DEFAULT: '1000000/60',
  RATE_LIMIT_GUEST: '1000000/60',
  // One process: on this 2-core machine a second one only adds context switches to a write-bound load (measured: RESULTS.md).
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY || '1',
};

const issueBody = (item) => JSON.stringify({ company: COMPANY, docstatus: 1, stock_entry_type: 'Material Issue', items: [{ item_code: item, qty: 1, s_warehouse: WAREHOUSE }] });

/** Opening stock of every item (one Stock Reconciliation per 250 lines). */
async function openingStock(url, auth, names, hot) {
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  for (let i = 0; i < names.length; i += 250) {
    const items = names.slice(i, i + 250).map((item) => ({ item_code: item, warehouse: WAREHOUSE, qty: item === hot ? HOT_OPENING : OPENING, valuation_rate: '2.5' }));
    await fetchJson(`${url}/api/resource/Stock%20Reconciliation`, { method: 'POST', headers, body: JSON.stringify({ company: COMPANY, purpose: 'Opening Stock', docstatus: 1, items }) });
  }
}

function workload(name, auth, pickItem) {
  return {
    name,
    opts: {
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      requests: [{ method: 'POST', path: '/api/resource/Stock%20Entry', setupRequest: (req) => ({ ...req, body: issueBody(pickItem()) }) }],
    },
  };
}

/** Warm-up on `w.warmup` (another workload) when given, so the measured one starts from its opening stock. */
async function measure(url, w) {
  await cannon({ url, connections: CONNECTIONS, duration: WARMUP_S, ...(w.warmup ?? w).opts });
  const result = await cannon({ url, connections: CONNECTIONS, duration: DURATION_S, title: w.name, ...w.opts });
  const row = summarize(w.name, result);
  row['2xx/s'] = Math.round((result['2xx'] ?? 0) / DURATION_S);
  console.log(`${w.name}: ${row['req/s']} req/s (${row['2xx/s']} accepted vouchers/s), p50 ${row['p50 ms']} ms, p99 ${row['p99 ms']} ms, ${row.statuses}`);
  return row;
}

/**
 * Accepted issues per second on the hot item while its stock lasted: the span between its first
 * and last issue entries, from the ledger's own timestamps (once the stock is gone every issue is
 * refused, so the run's average would understate the rate).
 */
async function hotRate(hot) {
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    const [[span]] = await conn.query(
      'SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(creation), MAX(creation)) AS us FROM `tabStock Ledger Entry` WHERE item_code = ? AND warehouse = ? AND actual_qty < 0',
      [hot, WAREHOUSE],
    );
    const rate = Math.round((Number(span.n) - 1) / (Number(span.us) / 1e6));
    console.log(`hot item: ${span.n} issues accepted in ${(Number(span.us) / 1e6).toFixed(1)} s while stock lasted: ${rate} vouchers/s`);
    return rate;
  } finally {
    await conn.end();
  }
}

/** Zero oversell on the hot item: the Bin never below zero, equal to the ledger and to opening - accepted issues. */
async function checkHotItem(hot) {
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    const [[bin]] = await conn.query('SELECT actual_qty FROM `tabBin` WHERE item_code = ? AND warehouse = ?', [hot, WAREHOUSE]);
    const [[ledger]] = await conn.query('SELECT SUM(actual_qty) AS qty, SUM(actual_qty < 0) AS issues, MIN(qty_after_transaction) AS low FROM `tabStock Ledger Entry` WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0', [hot, WAREHOUSE]);
    const [negative] = await conn.query('SELECT item_code, actual_qty FROM `tabBin` WHERE actual_qty < 0');
    const ok = Number(bin.actual_qty) === Number(ledger.qty) && Number(bin.actual_qty) === HOT_OPENING - Number(ledger.issues) && Number(ledger.low) >= 0 && negative.length === 0;
    console.log(`hot item: opening ${HOT_OPENING}, accepted issues ${ledger.issues}, Bin ${bin.actual_qty}, ledger ${ledger.qty}, lowest balance ${ledger.low}, negative Bins ${negative.length}: ${ok ? 'zero oversell' : 'OVERSOLD'}`);
    return ok;
  } finally {
    await conn.end();
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`stock-issue: still running after ${DEADLINE_MS / 60_000} min, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  console.log(`stock-issue: Docket on MariaDB + Redis, ${ITEMS} items, ${CONNECTIONS} connections, ${DURATION_S} s per workload (after ${WARMUP_S} s warm-up)`);
  await resetStores(DB_URL, REDIS_URL);
  runCli(['migrate'], SERVER_ENV);
  runCli(['seed-demo'], SERVER_ENV);
  const { names } = await seedItems(DB_URL, ITEMS);
  const hot = names[0];
  const rows = [];
  let ok = false;
  const server = await startServer({ port: await freePort(), env: SERVER_ENV });
  try {
    const auth = await adminToken(server.url, ADMIN_PASSWORD);
    const t = Date.now();
    await openingStock(server.url, auth, names, hot);
    console.log(`opening stock of ${names.length} items in ${Date.now() - t} ms`);
    const spread = names.slice(1);
    const spreadRow = await measure(server.url, workload(`(a) Material Issue, random item of ${spread.length}`, auth, () => spread[Math.floor(Math.random() * spread.length)]));
    spreadRow['2xx/s while stock lasted'] = spreadRow['2xx/s'];
    rows.push(spreadRow);
    const hotRow = await measure(server.url, { ...workload(`(b) Material Issue, one hot item (${HOT_OPENING} units)`, auth, () => hot), warmup: workload('warm-up', auth, () => spread[0]) });
    hotRow['2xx/s while stock lasted'] = await hotRate(hot);
    rows.push(hotRow);
    ok = await checkHotItem(hot);
  } finally {
    clearTimeout(watchdog);
    await server.stop();
  }
  console.log('');
  console.log(`Dataset ${ITEMS} stock items (MariaDB, Redis), ${CONNECTIONS} connections, ${DURATION_S} s each, ${SERVER_ENV.WEB_CONCURRENCY} Docket process(es)`);
  printTable(rows);
  if (!ok || rows.some((r) => r.errors > 0)) process.exitCode = 1;
}

module.exports = { main };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.stack ?? err);
    process.exit(1);
  });
}
