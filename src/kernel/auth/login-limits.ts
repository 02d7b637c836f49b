import type { SecurityConfig } from '../../config/config';
import { Queryable } from '../db/context';
import { Database } from '../db/database';
import { TooManyRequestsError } from '../errors/errors';
import { sha256 } from './passwords';

/** A streak of failures is forgotten this long after its last attempt (by housekeeping). */
const FORGET_AFTER_MS = 24 * 3600_000;
const MAX_TRIES = 3;

/** A password login the per-account limit let through and counted (put on the request by the auth hook). */
export interface LoginAdmission {
  /** the login as sent (user name, email or username) */
  login: string;
  /** hash of what the limit counts: the user's name, or the lower-cased login of an unknown account */
  accountHash: string;
}

function locked(ms: number): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const err = new TooManyRequestsError(`Too many failed logins for this account: try again in ${seconds} seconds`);
  err.headers = { 'Retry-After': String(seconds) };
  return err;
}

function isDuplicate(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e.code ?? e.driverError?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Failed logins per account (Frappe's "allow consecutive login attempts" and "allow login after
 * fail"): after `loginAttempts` attempts in a row that did not succeed, the account refuses
 * every login, the right password included, for `loginLockoutMs` (429 with Retry-After).
 *
 * An attempt is counted when it is admitted, before the password is checked, so parallel
 * guesses can't outrun the count (and a failure's count survives the rollback of the login's
 * transaction); a successful login deletes the count, in its transaction. The count lives in
 * the database (`__Login_Attempts`, autocommitted on the side pool), so every process shares
 * it and it holds without Redis. Unknown accounts are counted by their login, so a locked
 * account and a missing one answer alike.
 */
export class LoginLimits {
  constructor(
    private readonly db: Database,
    private readonly config: SecurityConfig,
  ) {}

  static accountHash(user: string | undefined, login: string): string {
    return sha256(user ? `user\u0000${user}` : `login\u0000${login.toLowerCase()}`);
  }

  /** Counts an attempt on the account, or throws TooManyRequestsError while it is locked. */
  async admit(accountHash: string): Promise<void> {
    await this.db.autonomous(async (db) => {
      for (let i = 0; i < MAX_TRIES; i++) if (await this.tryCount(db, accountHash)) return;
      throw locked(1000); // other attempts on this account keep racing with this one
    });
  }

  /** One optimistic try at counting the attempt: false when another attempt changed the row meanwhile. */
  private async tryCount(db: Queryable, accountHash: string): Promise<boolean> {
    const now = Date.now();
    const lockUntil = now + this.config.loginLockoutMs;
    const limit = this.config.loginAttempts;
    const [row] = await db.query<{ locked_until: number | string | null }>(
      'SELECT locked_until FROM `__Login_Attempts` WHERE account_hash = ?',
      [accountHash],
    );
    if (!row) {
      try {
        await db.write('__Login_Attempts', 'INSERT INTO `__Login_Attempts` (account_hash, failures, locked_until, updated) VALUES (?, 1, ?, ?)', [
          accountHash,
          limit <= 1 ? lockUntil : null,
          now,
        ]);
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    }
    if (row.locked_until !== null) {
      const until = Number(row.locked_until);
      if (until > now) throw locked(until - now);
      // The lockout is over: this attempt starts a new streak.
      const r = await db.write('__Login_Attempts', 'UPDATE `__Login_Attempts` SET failures = 1, locked_until = ?, updated = ? WHERE account_hash = ? AND locked_until = ?', [
        limit <= 1 ? lockUntil : null,
        now,
        accountHash,
        row.locked_until,
      ]);
      return r.affectedRows > 0;
    }
    // locked_until is assigned first: MariaDB evaluates later assignments with earlier new values.
    const r = await db.write('__Login_Attempts', 'UPDATE `__Login_Attempts` SET locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE NULL END, failures = failures + 1, updated = ? WHERE account_hash = ? AND locked_until IS NULL',
      [limit, lockUntil, now, accountHash],
    );
    return r.affectedRows > 0;
  }

  /** A login succeeded: its account's count starts again (inside the login's own transaction). */
  static async succeeded(db: Queryable, admission: LoginAdmission): Promise<void> {
    await db.write('__Login_Attempts', 'DELETE FROM `__Login_Attempts` WHERE account_hash = ?', [admission.accountHash]);
  }

  /** Drops streaks whose last attempt is a day old and whose lockout, if any, is over. */
  static async purge(db: Database): Promise<number> {
    const now = Date.now();
    const r = await db.autonomous((q) =>
      q.write('__Login_Attempts', 'DELETE FROM `__Login_Attempts` WHERE updated < ? AND (locked_until IS NULL OR locked_until < ?)', [now - FORGET_AFTER_MS, now]),
    );
    return r.affectedRows;
  }
}
