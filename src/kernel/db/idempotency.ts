import { Injectable } from '@nestjs/common';
import { IdempotencyConflictError, IdempotencyMismatchError } from '../errors/errors';
import { sha256 } from '../auth/passwords';
import { Ctx, Queryable } from './context';
import { Database } from './database';

const KEEP_MS = 24 * 3600_000;
/** A started request not finished after this long is taken as abandoned (its process died). */
const ABANDONED_MS = 5 * 60_000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { kind: 'claimed'; keyHash: string } | { kind: 'replay'; response: StoredResponse };

function isoAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString().replace('T', ' ').replace('Z', '000');
}

/**
 * Stripe's idempotency keys. A key is claimed by one autocommitted insert (so a concurrent
 * request with the same key sees it at once and gets 409); the response is stored by the
 * write's own transaction, so it exists exactly when the write committed.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: Database) {}

  async claim(user: string, key: string, requestFingerprint: string): Promise<Claim> {
    if (!key || key.length > 255) throw new IdempotencyMismatchError('Idempotency-Key must be 1-255 characters');
    const keyHash = sha256(`${user}\u0000${key}`);
    const requestHash = sha256(requestFingerprint);
    return this.db.autonomous(async (db) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await this.tryInsert(db, keyHash, requestHash)) return { kind: 'claimed', keyHash } as const;
        const [row] = await db.query<{ request_hash: string; status: string; response_status: number; response_body: string; created: string }>(
          'SELECT request_hash, status, response_status, response_body, created FROM `__Idempotency` WHERE key_hash = ?',
          [keyHash],
        );
        if (!row) continue; // released meanwhile: try again
        const created = String(row.created);
        if (created < isoAgo(KEEP_MS) || (row.status === 'started' && created < isoAgo(ABANDONED_MS))) {
          await db.execute('DELETE FROM `__Idempotency` WHERE key_hash = ? AND created = ?', [keyHash, row.created]);
          continue;
        }
        if (row.request_hash !== requestHash) {
          throw new IdempotencyMismatchError('This Idempotency-Key was already used with a different request');
        }
        if (row.status !== 'done') throw new IdempotencyConflictError('A request with this Idempotency-Key is still in progress');
        return { kind: 'replay', response: { status: Number(row.response_status), body: JSON.parse(row.response_body) } } as const;
      }
      throw new IdempotencyConflictError('A request with this Idempotency-Key is still in progress');
    });
  }

  private async tryInsert(db: Queryable, keyHash: string, requestHash: string): Promise<boolean> {
    try {
      await db.execute("INSERT INTO `__Idempotency` (key_hash, request_hash, status, created) VALUES (?, ?, 'started', ?)", [
        keyHash,
        requestHash,
        Ctx.now(),
      ]);
      return true;
    } catch (err) {
      const e = err as { code?: string; driverError?: { code?: string } };
      const code = e.code ?? e.driverError?.code ?? '';
      if (code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT')) return false;
      throw err;
    }
  }

  /** Stores the response inside the write's transaction. */
  async complete(ctx: Ctx, keyHash: string, response: StoredResponse): Promise<void> {
    await ctx.db.execute("UPDATE `__Idempotency` SET status = 'done', response_status = ?, response_body = ? WHERE key_hash = ?", [
      response.status,
      JSON.stringify(response.body),
      keyHash,
    ]);
  }

  /** Frees a key whose request failed, so the client may retry it. */
  async release(keyHash: string): Promise<void> {
    await this.db.autonomous((db) => db.execute("DELETE FROM `__Idempotency` WHERE key_hash = ? AND status = 'started'", [keyHash]));
  }

  /** Drops records older than 24 h (run by a periodic job). */
  async purge(): Promise<number> {
    const r = await this.db.autonomous((db) => db.execute('DELETE FROM `__Idempotency` WHERE created < ?', [isoAgo(KEEP_MS)]));
    return r.affectedRows;
  }
}
