'use strict';
// A backdated receipt before 10,000 later entries of one item and warehouse (issue 8 item 5), on
// MariaDB + Redis: how long the posting request takes and how long the background repost of the
// later entries takes (Stock Settings' repost_in_transaction_limit at its default, 500), and, for
// comparison, the same receipt revalued inside its own transaction (limit raised above 10,000).
// Needs MariaDB on 127.0.0.1:3306 (root, no password), Redis on 127.0.0.1:6379 and `npm run build`.
// The database docket_bench_repost is dropped at the start; run with `node bench/stock-repost.js`.

const mysql = require('mysql2/promise');
const { adminToken, fetchJson, freePort, mariadbOptions, runCli, startServer } = require('./lib');

const DB_URL = 'mariadb://root:@127.0.0.1:3306/docket_bench_repost';
const REDIS_URL = 'redis://127.0.0.1:6379/3';
const ADMIN_PASSWORD = 'bench-admin-pass';
const LATER = 10_000;
/** Rows per Material Issue voucher while building the later entries (each row is one entry). */
const ROWS_PER_VOUCHER = 100;
const COMPANY = 'Docket Demo';
const WAREHOUSE = 'Stores - DD';
const DEADLINE_MS = 20 * 60_000;

const SERVER_ENV = {
  DB_URL,
  REDIS_URL,
  ADMIN_PASSWORD,
  DOCKET_DEMO: '1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_DEFAULT: '1000000/60',
  RATE_LIMIT_GUEST: '1000000/60',
  WEB_CONCURRENCY: '1',
};

const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function dropDatabase() {
  const { database, ...server } = mariadbOptions(DB_URL);
  const conn = await mysql.createConnection(server);
  await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await conn.end();
}

function client(url, auth) {
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  const post = (path, body) => fetchJson(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const put = (path, body) => fetchJson(`${url}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  const get = (path) => fetchJson(`${url}${path}`, { headers });
  const stockEntry = (type, days, time, items) =>
    post('/api/resource/Stock%20Entry', { company: COMPANY, docstatus: 1, stock_entry_type: type, set_posting_time: 1, posting_date: daysAgo(days), posting_time: time, items });
  return { post, put, get, stockEntry };
}

/** Polls the item's Repost Item Valuation row until it is Completed; returns it. */
async function repostDone(api, item) {
  const query = new URLSearchParams({ filters: JSON.stringify({ item_code: item }), fields: JSON.stringify(['*']) });
  for (;;) {
    const [row] = (await api.get(`/api/resource/Repost%20Item%20Valuation?${query}`)).body.data;
    if (row?.status === 'Completed') return row;
    if (row?.status === 'Failed') throw new Error(`repost failed: ${row.error_log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`stock-repost: still running after ${DEADLINE_MS / 60_000} min, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  await dropDatabase();
  runCli(['migrate'], SERVER_ENV);
  const server = await startServer({ port: await freePort(), env: SERVER_ENV });
  try {
    const api = client(server.url, await adminToken(server.url, ADMIN_PASSWORD));
    const item = 'REPOST-BENCH';
    await api.post('/api/resource/Item', { item_code: item, item_group: 'Products', stock_uom: 'Nos', valuation_method: 'FIFO' });
    await api.stockEntry('Material Receipt', 60, '09:00:00', [{ item_code: item, qty: LATER * 2, basic_rate: 10, t_warehouse: WAREHOUSE }]);
    let t = Date.now();
    for (let v = 0; v < LATER / ROWS_PER_VOUCHER; v++) {
      const rows = Array.from({ length: ROWS_PER_VOUCHER }, () => ({ item_code: item, qty: 1, s_warehouse: WAREHOUSE }));
      await api.stockEntry('Material Issue', 50 - Math.floor(v / 10), '10:00:00', rows);
    }
    console.log(`built ${LATER} later entries (${LATER / ROWS_PER_VOUCHER} Material Issues of ${ROWS_PER_VOUCHER} rows) in ${Date.now() - t} ms`);

    await api.put('/api/resource/Stock%20Settings/Stock%20Settings', { repost_in_transaction_limit: 500 });
    t = Date.now();
    await api.stockEntry('Material Receipt', 55, '09:00:00', [{ item_code: item, qty: 5, basic_rate: 4, t_warehouse: WAREHOUSE }]);
    const posted = Date.now() - t;
    const row = await repostDone(api, item);
    const reposted = Date.now() - t;
    console.log(`queued: backdated receipt request ${posted} ms; background repost of ${row.entries_reposted} entries done ${reposted} ms after the request started`);

    await api.put('/api/resource/Stock%20Settings/Stock%20Settings', { repost_in_transaction_limit: LATER * 2 });
    t = Date.now();
    await api.stockEntry('Material Receipt', 56, '09:00:00', [{ item_code: item, qty: 5, basic_rate: 3, t_warehouse: WAREHOUSE }]);
    console.log(`inline: backdated receipt request revaluing ${LATER + 1} later entries in its transaction ${Date.now() - t} ms`);
  } finally {
    clearTimeout(watchdog);
    await server.stop();
  }
}

module.exports = { main };

if (require.main === module) {
  main().catch((err) => {
    console.error(err.stack ?? err);
    process.exit(1);
  });
}
