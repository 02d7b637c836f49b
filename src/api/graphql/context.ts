import DataLoader from 'dataloader';
import { HttpReply, HttpRequest, requestMeta, requestUser } from '../../kernel/auth/request';
import { Ctx, RequestMeta, SessionUser } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { DoesNotExistError } from '../../kernel/errors/errors';
import { ApiRunner } from '../api-runner';

/** A document in its wire form (what DocumentService.toJSON and getList return). */
export type WireDoc = Record<string, unknown>;

export interface GraphqlDeps {
  docs: DocumentService;
  db: Database;
  /** writes go through the REST layer's runner: one transaction, Idempotency-Key, API log */
  runner: ApiRunner;
  /** the kernel's page-size cap; also the largest batch a Link loader sends in one query */
  maxPageLength: number;
}

/** `in` filters take at most this many values (QueryCompiler). */
const MAX_IN_VALUES = 1000;

/**
 * The per-request GraphQL context: who calls (set on the request by the auth hook) and
 * the request's DataLoaders. Every resolver reaches the database through `read` or `write`,
 * each one `Database.run` with its own Ctx; resolvers never nest them.
 */
export class GraphqlContext {
  private readonly linkLoaders = new Map<string, DataLoader<string, WireDoc | null>>();
  private readonly docLoaders = new Map<string, DataLoader<string, WireDoc>>();

  constructor(
    readonly req: HttpRequest,
    private readonly reply: HttpReply,
    readonly user: SessionUser,
    readonly requestMeta: RequestMeta,
    private readonly deps: GraphqlDeps,
  ) {}

  static fromRequest(req: HttpRequest, reply: HttpReply, deps: GraphqlDeps): GraphqlContext {
    return new GraphqlContext(req, reply, requestUser(req), requestMeta(req), deps);
  }

  read<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    return this.deps.db.run(this.user, this.requestMeta, { write: false }, fn);
  }

  /**
   * One mutation in one transaction, logged in the API transaction log. An Idempotency-Key
   * header covers one mutation: a retry with the same key and arguments replays its result.
   */
  async write<T>(action: string, doctype: string, args: unknown, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    const reply = await this.deps.runner.write(this.req, { action: `graphql.${action}`, doctype, fingerprint: args }, async (ctx) => {
      const body = await fn(ctx);
      const named = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : undefined);
      const name = named(body) ?? named(args);
      return { status: 200, body, name };
    });
    if (reply.replayed) this.reply.header('Idempotent-Replayed', 'true');
    return reply.body as T;
  }

  /**
   * Documents of `doctype` by name, as list rows (no child tables): the names asked for in one
   * tick go out as one permission-filtered `getList` with an `in` filter. Null when the
   * document does not exist or the user may not see it.
   */
  linked(doctype: string): DataLoader<string, WireDoc | null> {
    let loader = this.linkLoaders.get(doctype);
    if (!loader) {
      loader = new DataLoader<string, WireDoc | null>(
        (names) =>
          this.read(async (ctx) => {
            const rows = (await this.deps.docs.getList(ctx, doctype, {
              fields: ['*'],
              filters: [['name', 'in', [...names]]],
              limit_page_length: names.length,
            })) as WireDoc[];
            const byName = new Map(rows.map((r) => [String(r.name), r]));
            return names.map((n) => byName.get(n) ?? null);
          }),
        { maxBatchSize: Math.min(this.deps.maxPageLength, MAX_IN_VALUES) },
      );
      this.linkLoaders.set(doctype, loader);
    }
    return loader;
  }

  /** Whole documents (child tables included) by name, permission-checked, batched per tick. */
  fullDoc(doctype: string): DataLoader<string, WireDoc> {
    let loader = this.docLoaders.get(doctype);
    if (!loader) {
      loader = new DataLoader<string, WireDoc>((names) =>
        this.read(async (ctx) => {
          const { docs } = this.deps;
          const meta = docs.meta(doctype);
          const found = await docs.getDocs(ctx, doctype, names);
          return Promise.all(
            names.map(async (name) => {
              const doc = found.get(name);
              return doc ? docs.toJSON(ctx, meta, doc) : new DoesNotExistError(`${doctype} ${name} not found`);
            }),
          );
        }),
        { maxBatchSize: Math.min(this.deps.maxPageLength, MAX_IN_VALUES) },
      );
      this.docLoaders.set(doctype, loader);
    }
    return loader;
  }
}
