import { Logger } from '@nestjs/common';
import type { Connection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/config';
import type { Queryable } from './context';

const LOCK_PREFIX = 'docket:proc:';
/** The longest wait_timeout MariaDB accepts: the idle lock connection must never be timed out. */
const LOCK_CONNECTION_WAIT_TIMEOUT = 31_536_000;

/**
 * Who this process is, for records it leaves in the database while it works (Idempotency-Key
 * claims), and whether the process that left such a record is still alive, so that a record
 * of a process that died (kill -9, OOM, power loss) can be taken over at once.
 *
 * MariaDB: the id is a UUID, and the process holds the named lock `docket:proc:<id>` on a
 * connection of its own for its whole life. The server frees a connection's locks as soon as
 * it sees the socket close, which happens when the process dies, whatever the cause and on
 * whichever machine: `IS_FREE_LOCK` = 1 means the owner is gone. If the lock connection is
 * lost while the process lives, the lock is taken again at once; in between, another process
 * may take over this one's claims, which the claim id check in `complete` turns into a
 * rolled-back write, never a duplicate.
 *
 * SQLite (one machine): the id is `<pid>:<UUID>`; the owner is alive while its pid exists
 * (`process.kill(pid, 0)`), except that an id with this process's own pid and another UUID
 * is a previous incarnation (containers restart the server as the same pid).
 */
export class ProcessIdentity {
  readonly id: string;
  private holder?: Connection;
  private acquiring?: Promise<void>;
  private stopped = false;
  private readonly log = new Logger('ProcessIdentity');

  constructor(private readonly config: AppConfig) {
    const uuid = randomUUID();
    this.id = config.engine === 'mariadb' ? uuid : `${process.pid}:${uuid}`;
  }

  /** Resolves once this process's liveness is visible to others (its lock is held). */
  async ensure(): Promise<void> {
    if (this.config.engine !== 'mariadb' || this.holder || this.stopped) return;
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = undefined));
    await this.acquiring;
  }

  /** Whether the process with this id may still be working; unknown owners (older records) count as alive. */
  async isAlive(db: Queryable, owner: string | null): Promise<boolean> {
    if (!owner) return true;
    if (owner === this.id) return true;
    if (this.config.engine === 'mariadb') {
      const [row] = await db.query<{ free: number | string | null }>('SELECT IS_FREE_LOCK(?) AS free', [LOCK_PREFIX + owner]);
      return Number(row?.free) !== 1;
    }
    const pid = Number(owner.split(':')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: the pid exists, run by another user.
      return (err as NodeJS.ErrnoException).code !== 'ESRCH';
    }
  }

  /** Releases the lock (the server would also release it when the process exits). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.acquiring?.catch(() => undefined);
    const holder = this.holder;
    this.holder = undefined;
    await holder?.end().catch(() => holder.destroy());
  }

  private async acquire(): Promise<void> {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: this.config.dbUrl.replace(/^mariadb:/, 'mysql:'), enableKeepAlive: true });
    try {
      await conn.query(`SET SESSION wait_timeout = ${LOCK_CONNECTION_WAIT_TIMEOUT}`);
      const [rows] = await conn.query<({ got: number | null } & import('mysql2').RowDataPacket)[]>('SELECT GET_LOCK(?, 0) AS got', [LOCK_PREFIX + this.id]);
      if (Number(rows[0]?.got) !== 1) throw new Error(`could not take the process lock ${LOCK_PREFIX}${this.id}`);
    } catch (err) {
      conn.destroy();
      throw err;
    }
    const lost = () => {
      if (this.holder !== conn) return;
      this.holder = undefined;
      if (this.stopped) return;
      this.log.warn('lost the connection holding the process lock; taking it again');
      void this.ensure().catch((err: Error) => this.log.error(`could not take the process lock again: ${err.message}`));
    };
    conn.on('error', lost);
    conn.on('end', lost);
    this.holder = conn;
  }
}
