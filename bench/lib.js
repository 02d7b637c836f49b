'use strict';
// Shared helpers for the load scripts: boot Docket from dist/, talk to it, run autocannon, print.
// Every target is on the loopback interface; every wait and run is bounded in time.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';

/** Parses mariadb://user:pass@host:port/db into mysql2 connection options. */
function mariadbOptions(dbUrl) {
  const u = new URL(dbUrl.replace(/^mariadb:/, 'mysql:'));
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** A TCP port that is free on the loopback interface right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function requireBuild() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) {
    throw new Error('dist/main.js is missing: run `npm run build` first (`npm run bench` does)');
  }
}

/** Runs `node dist/cli.js <args>` to completion (e.g. migrate), with the given environment. */
function runCli(args, env, timeoutMs = 180_000) {
  requireBuild();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.status !== 0) {
    throw new Error(`docket ${args.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Starts `node dist/main.js` on `port` with `env` added to this process's environment, and waits
 * until GET /api/method/ping answers. Server output goes to a log file (its path is returned).
 */
async function startServer({ port, env, readyTimeoutMs = 180_000 }) {
  requireBuild();
  const logFile = path.join(os.tmpdir(), `docket-bench-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  // BENCH_NODE_ARGS adds node flags to the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile
  const nodeArgs = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://${HOST}:${port}`;
  const server = {
    url,
    logFile,
    pid: child.pid,
    /** SIGTERM, then SIGKILL if the server has not exited after 10 s. */
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(killer);
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`Docket exited during start (${JSON.stringify(exited)}); its log:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/api/method/ping`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`Docket did not answer /api/method/ping within ${readyTimeoutMs / 1000} s; its log:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** fetch() that throws with the response body when the status is not 2xx; returns parsed JSON. */
async function fetchJson(url, init = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return { res, body: text ? JSON.parse(text) : null };
}

/**
 * `Authorization: token key:secret` for Administrator, the documented way: log in with the
 * password (cookie session + CSRF token), generate keys, read api_key from the User.
 */
async function adminToken(baseUrl, password) {
  const json = { 'Content-Type': 'application/json' };
  const login = await fetchJson(`${baseUrl}/api/method/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ usr: 'Administrator', pwd: password }),
  });
  const cookie = login.res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = { Cookie: cookie, 'X-Frappe-CSRF-Token': login.body.csrf_token };
  const keys = await fetchJson(`${baseUrl}/api/method/frappe.core.doctype.user.user.generate_keys`, {
    method: 'POST',
    headers: { ...json, ...session },
    body: JSON.stringify({ user: 'Administrator' }),
  });
  const user = await fetchJson(`${baseUrl}/api/resource/User/Administrator`, { headers: session });
  return `token ${user.body.data.api_key}:${keys.body.message.api_secret}`;
}

/** One autocannon run; resolves with autocannon's result object. */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 10, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** The figures reported for one workload. */
function summarize(name, result) {
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => `${code}:${s.count}`)
    .join(' ');
  return {
    workload: name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

/** Prints rows (objects with the same keys) as an aligned text table. */
function printTable(rows) {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]);
  const cells = [keys, ...rows.map((r) => keys.map((k) => String(r[k])))];
  const widths = keys.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** A fresh database and Redis keyspace, so that every run starts from the same state. */
async function resetStores(dbUrl, redisUrl) {
  const mysql = require('mysql2/promise');
  const Redis = require('ioredis');
  const { database, ...server } = mariadbOptions(dbUrl);
  const conn = await mysql.createConnection(server);
  await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await conn.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  redis.disconnect();
}

module.exports = {
  resetStores,
  ROOT,
  HOST,
  mariadbOptions,
  freePort,
  sleep,
  runCli,
  startServer,
  fetchJson,
  adminToken,
  cannon,
  summarize,
  printTable,
};
