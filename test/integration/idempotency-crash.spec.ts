import { Database } from '../../src/kernel/db/database';
import { ADMIN_PASSWORD, bootApp, TestApp } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';

const KEYS = 200;
/** Answers to wait for before the kill: some writes committed, most still in flight. */
const ANSWERED_BEFORE_KILL = 20;
const MAX_ROUNDS = 10;

/**
 * A server killed with SIGKILL while 200 keyed writes are in flight, then a new server on the
 * same database: a retry of every key replays the committed response or runs the request
 * afresh, never 409 (the dead process's claims are taken over), and each key leaves exactly
 * one document.
 */
describe('Idempotency-Key after the server is killed mid-request', () => {
  let t: TestApp;
  /** the last server killed */
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await first?.kill();
    await second?.stop();
    await t.close();
  });

  it('every key retried after the crash answers 200 (replay or a fresh run), none 409, one document per key', async () => {
    const env = {
      DB_URL: t.config.engine === 'sqlite' ? `sqlite:${t.config.sqlitePath}` : t.config.dbUrl,
      REDIS_URL: process.env.REDIS_URL ?? '',
      ADMIN_PASSWORD,
      DOCKET_DEMO: '0',
      RATE_LIMIT_DEFAULT: '1000000/60',
    };
    const admin = await t.token('Administrator');
    const run = Date.now().toString(36);
    const keys = Array.from({ length: KEYS }, (_, i) => `crash-${run}-${i}`);
    const bodyOf = (i: number) => JSON.stringify({ customer_name: `Crash ${run} ${i}`, customer_type: 'Company' });
    const post = async (server: ServerProcess, i: number) => {
      const r = await fetch(`${server.url}/api/resource/Customer`, {
        method: 'POST',
        headers: { Authorization: admin, 'Content-Type': 'application/json', 'Idempotency-Key': keys[i] },
        body: bodyOf(i),
      });
      await r.text();
      return { status: r.status, replayed: r.headers.get('idempotent-replayed') === 'true' };
    };

    const db = t.app.get(Database);
    const openClaims = async () =>
      Number((await db.dataSource.query("SELECT COUNT(*) AS n FROM `__Idempotency` WHERE status = 'started'"))[0].n);
    const answeredBefore: number[] = [];
    let open = 0;
    // On SQLite a process runs one write at a time, so a kill lands between a claim and its
    // commit only by chance: crash again (every key fired again) until one did.
    for (let round = 1; open === 0 && round <= MAX_ROUNDS; round++) {
      const victim = await startServerProcess(env);
      first = victim;
      // So that the writes arrive together: the key's secret is checked once (then cached), and
      // the connections are open (kept alive) rather than one handshake per write.
      const whoami = () => fetch(`${victim.url}/api/method/frappe.auth.get_logged_user`, { headers: { Authorization: admin } }).then((r) => r.text());
      await whoami();
      await Promise.all(keys.map(whoami));
      let answered = 0;
      let enoughAnswered!: () => void;
      const someAnswered = new Promise<void>((resolve) => (enoughAnswered = resolve));
      const inFlight = keys.map((_, i) =>
        post(victim, i).then(
          (r) => {
            if (++answered === ANSWERED_BEFORE_KILL) enoughAnswered();
            return r.status;
          },
          () => 'dropped' as const,
        ),
      );
      await someAnswered;
      // The kill comes as soon as a write is between its claim and its commit.
      const deadline = Date.now() + 10_000;
      while ((await openClaims()) === 0 && Date.now() < deadline);
      await victim.kill();
      const statuses = await Promise.all(inFlight);
      answeredBefore.push(statuses.filter((s) => s === 200).length);
      open = await openClaims();
    }
    // The crash left claims that were started and never finished: the case under test.
    expect(open).toBeGreaterThan(0);

    second = await startServerProcess(env);
    const restarted = second;
    const retries = await Promise.all(keys.map((_, i) => post(restarted, i)));
    expect(retries.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const replayed = retries.filter((r) => r.replayed).length;
    expect(replayed).toBeGreaterThanOrEqual(Math.max(...answeredBefore));
    expect(replayed).toBeLessThan(KEYS);

    const rows = await db.pool.query<{ customer_name: string; n: number }>(
      'SELECT customer_name, COUNT(*) AS n FROM `tabCustomer` WHERE customer_name LIKE ? GROUP BY customer_name',
      [`Crash ${run} %`],
    );
    expect(rows).toHaveLength(KEYS);
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
  });
});
