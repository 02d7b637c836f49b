'use strict';
// Sales Invoice submissions through the REST API, on MariaDB + Redis: every request inserts and
// submits one Sales Invoice of 3 items (random of 1,000) with 2 tax rows (VAT 20% On Net Total and
// an Actual freight charge), which runs the taxes-and-totals calculation and posts its GL Entries
// (receivable, income per item, each tax account, round-off when needed) in the same transaction.
// 50 connections, 20 s after a 5 s warm-up, WEB_CONCURRENCY Docket processes (default 1).
// Afterwards: every accepted invoice has balanced GL (the guide's Q8 returns no rows) and the
// receivable ledger (invoices less payments) equals the invoices' outstanding amounts.
// Needs MariaDB on 127.0.0.1:3306 (root, no password), Redis on 127.0.0.1:6379 and `npm run build`.
// The database docket_bench_invoice and Redis database 3 are wiped at the start.

const mysql = require('mysql2/promise');
const { resetStores, adminToken, cannon, fetchJson, freePort, mariadbOptions, printTable, runCli, startServer, summarize } = require('./lib');
const { seedItems } = require('./seed-items');

const DB_URL = 'mariadb://root:@127.0.0.1:3306/docket_bench_invoice';
const REDIS_URL = 'redis://127.0.0.1:6379/3';
const ADMIN_PASSWORD = 'bench-admin-pass';
const ITEMS = 1_000;
const CONNECTIONS = 50;
const DURATION_S = 20;
const WARMUP_S = 5;
const DEADLINE_MS = 10 * 60_000;
const COMPANY = 'Docket Demo';

const SERVER_ENV = {
  DB_URL,
  REDIS_URL,
  ADMIN_PASSWORD,
  DOCKET_DEMO: '1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_DEFAULT: '1000000/60',
  RATE_LIMIT_GUEST: '1000000/60',
  WEB_CONCURRENCY: process.env.WEB_CONCURRENCY || '1',
};

const pick = (list) => list[Math.floor(Math.random() * list.length)];

function invoiceBody(names, customers) {
  const items = [0, 1, 2].map(() => ({ item_code: pick(names), qty: 1 + Math.floor(Math.random() * 5), rate: (1 + Math.random() * 99).toFixed(2) }));
  return JSON.stringify({
    company: COMPANY,
    customer: pick(customers),
    docstatus: 1,
    items,
    taxes: [
      { charge_type: 'On Net Total', account_head: 'VAT - DD', description: 'VAT 20%', rate: 20 },
      { charge_type: 'Actual', account_head: 'Freight and Forwarding Charges - DD', description: 'Freight', tax_amount: '4.95' },
    ],
  });
}

/** Waits until no submission is still in flight (the invoice count holds still for a second). */
async function settled() {
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    let last = -1;
    for (;;) {
      const [[{ n }]] = await conn.query('SELECT COUNT(*) AS n FROM `tabSales Invoice`');
      if (Number(n) === last) return;
      last = Number(n);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await conn.end();
  }
}

/** Every voucher balanced (Q8), and the receivable ledger equal to the invoices' outstanding amounts. */
async function checkBooks() {
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    const [unbalanced] = await conn.query('SELECT voucher_no, SUM(debit) AS total_debit, SUM(credit) AS total_credit FROM `tabGL Entry` GROUP BY voucher_no HAVING total_debit != total_credit;');
    const [[inv]] = await conn.query('SELECT COUNT(*) AS n, SUM(outstanding_amount) AS outstanding FROM `tabSales Invoice` WHERE docstatus = 1');
    const [[ar]] = await conn.query("SELECT SUM(debit) - SUM(credit) AS balance FROM `tabGL Entry` WHERE account = 'Debtors - DD' AND is_cancelled = 0");
    const ok = unbalanced.length === 0 && String(inv.outstanding) === String(ar.balance);
    console.log(`books: ${inv.n} submitted invoices, outstanding ${inv.outstanding}, receivable ledger ${ar.balance}, unbalanced vouchers ${unbalanced.length}: ${ok ? 'balanced' : 'NOT BALANCED'}`);
    return ok;
  } finally {
    await conn.end();
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`sales-invoice: still running after ${DEADLINE_MS / 60_000} min, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  console.log(`sales-invoice: Docket on MariaDB + Redis, ${ITEMS} items, ${CONNECTIONS} connections, ${DURATION_S} s (after ${WARMUP_S} s warm-up)`);
  await resetStores(DB_URL, REDIS_URL);
  runCli(['migrate'], SERVER_ENV);
  runCli(['seed-demo'], SERVER_ENV);
  const { names } = await seedItems(DB_URL, ITEMS);
  const rows = [];
  let ok = false;
  const server = await startServer({ port: await freePort(), env: SERVER_ENV });
  try {
    const auth = await adminToken(server.url, ADMIN_PASSWORD);
    const listed = await fetchJson(`${server.url}/api/resource/Customer?fields=["name"]&limit_page_length=3`, { headers: { Authorization: auth } });
    const customers = listed.body.data.map((c) => c.name);
    const opts = {
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      requests: [{ method: 'POST', path: '/api/resource/Sales%20Invoice', setupRequest: (req) => ({ ...req, body: invoiceBody(names, customers) }) }],
    };
    await cannon({ url: server.url, connections: CONNECTIONS, duration: WARMUP_S, ...opts });
    const name = '(b) Sales Invoice submit, 3 items + 2 tax rows';
    const result = await cannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, title: name, ...opts });
    const row = summarize(name, result);
    row['2xx/s'] = Math.round((result['2xx'] ?? 0) / DURATION_S);
    console.log(`${name}: ${row['req/s']} req/s (${row['2xx/s']} submitted invoices/s), p50 ${row['p50 ms']} ms, p99 ${row['p99 ms']} ms, ${row.statuses}`);
    rows.push(row);
    await settled();
    ok = (result['2xx'] ?? 0) > 0 && (await checkBooks());
  } finally {
    clearTimeout(watchdog);
    await server.stop();
  }
  console.log('');
  console.log(`Dataset ${ITEMS} items, 3 demo customers (MariaDB, Redis), ${CONNECTIONS} connections, ${DURATION_S} s, ${SERVER_ENV.WEB_CONCURRENCY} Docket process(es)`);
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
