import { Injectable } from '@nestjs/common';
import { header, HttpRequest, requestMeta, requestPath, requestUser } from '../kernel/auth/request';
import { Ctx } from '../kernel/db/context';
import { Database } from '../kernel/db/database';
import { IdempotencyService, KeyClaim } from '../kernel/db/idempotency';
import { DocumentService } from '../kernel/document/document.service';

export interface WriteOptions {
  /** e.g. Insert, Update, Submit, Cancel, Delete, or the method path */
  action: string;
  doctype?: string;
  /** what identifies the request body for Idempotency-Key comparison */
  fingerprint: unknown;
}

export interface WriteResult {
  status: number;
  body: unknown;
  /** the document written, for the API transaction log */
  name?: string;
}

export interface Reply extends WriteResult {
  replayed: boolean;
}

/**
 * Runs one API request against the database: reads without a transaction, writes in one
 * transaction that also stores the Idempotency-Key response and the API transaction log row.
 * REST, /api/method and GraphQL all go through here, so they behave the same.
 */
@Injectable()
export class ApiRunner {
  constructor(
    private readonly db: Database,
    private readonly idempotency: IdempotencyService,
    private readonly docs: DocumentService,
  ) {}

  read<T>(req: HttpRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    return this.db.run(requestUser(req), requestMeta(req), { write: false }, fn);
  }

  async write(req: HttpRequest, opts: WriteOptions, fn: (ctx: Ctx) => Promise<WriteResult>): Promise<Reply> {
    const user = requestUser(req);
    const meta = requestMeta(req);
    const key = header(req, 'Idempotency-Key');
    let held: KeyClaim | undefined;
    if (key !== undefined) {
      const claim = await this.idempotency.claim(user.name, key, JSON.stringify([req.method, requestPath(req), opts.action, opts.fingerprint]));
      if (claim.kind === 'replay') return { ...claim.response, replayed: true };
      held = claim;
    }
    try {
      const result = await this.db.run(user, meta, { write: true }, async (ctx) => {
        const out = await fn(ctx);
        await this.log(ctx, req, opts, out);
        if (held) await this.idempotency.complete(ctx, held, { status: out.status, body: out.body });
        return out;
      });
      return { ...result, replayed: false };
    } catch (err) {
      if (held) await this.idempotency.release(held);
      throw err;
    }
  }

  private async log(ctx: Ctx, req: HttpRequest, opts: WriteOptions, out: WriteResult): Promise<void> {
    await this.docs.insertRecord(ctx, 'API Request Log', {
      user: ctx.user.name,
      action: opts.action,
      reference_doctype: opts.doctype ?? null,
      reference_name: out.name ?? null,
      http_method: req.method,
      path: req.url.slice(0, 1000),
      ip_address: ctx.meta.ip ?? null,
      api_key: ctx.meta.apiKey ?? null,
      auth_method: ctx.meta.via ?? null,
      request_id: ctx.meta.requestId ?? null,
    });
  }

}
