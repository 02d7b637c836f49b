import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';
import { IdempotencyConflictError, IdempotencyMismatchError } from '../errors/errors';
import { sha256 } from '../auth/passwords';
import { Ctx, Queryable } from './context';
import { Database } from './database';
import { ProcessIdentity } from './process-identity';
import { timestamp } from '../time/clock';

const KEEP_MS = 24 * 3600_000;
/**
 * A started request not finished after this long is taken over even though its process
 * still lives (a claim whose release was lost); the claim id check keeps that safe.
 */
const ABANDONED_MS = 5 * 60_000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** A key this request holds: `claimId` tells its claim from a later one on the same key. */
export interface KeyClaim {
  keyHash: string;
  claimId: string;
}

export type Claim = ({ kind: 'claimed' } & KeyClaim) | { kind: 'replay'; response: StoredResponse };

interface ClaimRow {
  request_hash: string;
  status: string;
  response_status: number;
  response_body: string;
  created: string;
  owner: string | null;
  claim_id: string | null;
}

function isoAgo(ms: number): string {
  return timestamp(Date.now() - ms);
}

/**
 * Stripe's idempotency keys. A key is claimed by one autocommitted insert (so a concurrent
 * request with the same key sees it at once and gets 409); the response is stored by the
 * write's own transaction, so it exists exactly when the write committed.
 *
 * A claim names the process that made it (ProcessIdentity). A retry that finds a started
 * claim whose process has died takes the key over at once and runs the request again: the
 * dead process's transaction never committed (else the row would say 'done'). The takeover
 * deletes exactly the claim it saw (key, status, creation and claim id) and then claims
 * like any request, so of two retries at once one runs and the other gets 409. The write
 * stores its response only while its own claim is still the key's (`complete`), so a
 * request whose claim was taken over rolls back instead of committing a duplicate.
 */
@Injectable()
export class IdempotencyService implements OnApplicationShutdown {
  private readonly identity: ProcessIdentity;

  constructor(
    private readonly db: Database,
    config: AppConfig,
  ) {
    this.identity = new ProcessIdentity(config);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.identity.stop();
  }

  async claim(user: string, key: string, requestFingerprint: string): Promise<Claim> {
    if (!key || key.length > 255) throw new IdempotencyMismatchError('Idempotency-Key must be 1-255 characters');
    const keyHash = sha256(`${user}\u0000${key}`);
    const requestHash = sha256(requestFingerprint);
    await this.identity.ensure();
    return this.db.autonomous(async (db) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const claimId = randomUUID();
        if (await this.tryInsert(db, keyHash, requestHash, claimId)) return { kind: 'claimed', keyHash, claimId } as const;
        const [row] = await db.query<ClaimRow>(
          'SELECT request_hash, status, response_status, response_body, created, owner, claim_id FROM `__Idempotency` WHERE key_hash = ?',
          [keyHash],
        );
        if (!row) continue; // released meanwhile: try again
        if (await this.stale(db, row)) {
          await db.write('__Idempotency', "DELETE FROM `__Idempotency` WHERE key_hash = ? AND status = ? AND created = ? AND COALESCE(claim_id, '') = ?", [
            keyHash,
            row.status,
            row.created,
            row.claim_id ?? '',
          ]);
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

  /** Past its 24 h, or started by a process that is gone (or so long ago that its release was lost). */
  private async stale(db: Queryable, row: ClaimRow): Promise<boolean> {
    const created = String(row.created);
    if (created < isoAgo(KEEP_MS)) return true;
    if (row.status !== 'started') return false;
    return created < isoAgo(ABANDONED_MS) || !(await this.identity.isAlive(db, row.owner));
  }

  private async tryInsert(db: Queryable, keyHash: string, requestHash: string, claimId: string): Promise<boolean> {
    try {
      await db.write('__Idempotency', "INSERT INTO `__Idempotency` (key_hash, request_hash, status, created, owner, claim_id) VALUES (?, ?, 'started', ?, ?, ?)", [
        keyHash,
        requestHash,
        Ctx.now(),
        this.identity.id,
        claimId,
      ]);
      return true;
    } catch (err) {
      const e = err as { code?: string; driverError?: { code?: string } };
      const code = e.code ?? e.driverError?.code ?? '';
      if (code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT')) return false;
      throw err;
    }
  }

  /** Stores the response inside the write's transaction; refuses (so the write rolls back) if the claim was taken over. */
  async complete(ctx: Ctx, claim: KeyClaim, response: StoredResponse): Promise<void> {
    const r = await ctx.db.write('__Idempotency', "UPDATE `__Idempotency` SET status = 'done', response_status = ?, response_body = ? WHERE key_hash = ? AND claim_id = ? AND status = 'started'",
      [response.status, JSON.stringify(response.body), claim.keyHash, claim.claimId],
    );
    if (r.affectedRows !== 1) throw new IdempotencyConflictError('This Idempotency-Key was taken over by a retry while the request ran; nothing was saved');
  }

  /** Frees a key whose request failed, so the client may retry it. */
  async release(claim: KeyClaim): Promise<void> {
    await this.db.autonomous((db) =>
      db.write('__Idempotency', "DELETE FROM `__Idempotency` WHERE key_hash = ? AND claim_id = ? AND status = 'started'", [claim.keyHash, claim.claimId]),
    );
  }

  /** Drops records older than 24 h (run by a periodic job). */
  async purge(): Promise<number> {
    const r = await this.db.autonomous((db) => db.write('__Idempotency', 'DELETE FROM `__Idempotency` WHERE created < ?', [isoAgo(KEEP_MS)]));
    return r.affectedRows;
  }
}
