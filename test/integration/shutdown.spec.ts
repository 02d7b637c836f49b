import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { bootApp } from '../harness/app';

/**
 * Shutdown waits for the transactions still running (a request whose client has gone keeps
 * running its handler) before it closes the database: they finish instead of failing on a closed pool.
 * (On MariaDB the transaction failed with "connection is in closed state" before the wait was added.)
 */
describe('shutdown', () => {
  it('lets a running transaction finish before the pool closes', async () => {
    const t = await bootApp();
    const db = t.app.get(Database);
    let shutDown = false;
    let shutDownWhileRunning: boolean | undefined;
    const running = db.runAsSystem(SYSTEM, async (ctx) => {
      // until shutdown has closed HTTP (the next step closes the modules: the database among them), and a little longer
      const server = t.app.getHttpServer();
      while (server.listening) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 200));
      shutDownWhileRunning = shutDown;
      const [row] = await ctx.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM `tabUser` WHERE name = ?', ['Administrator']);
      return Number(row.n);
    });
    // Nest's shutdown (HTTP, then every module's hooks), as SIGTERM runs it
    const closed = t.close().then(() => (shutDown = true));
    await expect(running).resolves.toBe(1);
    expect(shutDownWhileRunning).toBe(false);
    await closed;
    expect(shutDown).toBe(true);
  });
});
