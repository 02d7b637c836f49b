import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { AppConfig } from '../../config/config';
import { AuthService } from '../../kernel/auth/auth.service';
import { Ctx } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import type { VariantService } from '../../domain/catalog/variant-service';
import type { PriceBook } from '../../domain/pricing/price-book';
import type { StorefrontService } from '../../domain/storefront/storefront.service';
import { TreeIndex } from '../../kernel/document/tree-index';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/**
 * A method argument. The controller checks every call against these before the handler runs
 * (see checkArgs): a value of another type, or an integer out of range, is a DataError (417).
 */
export interface ParamDef {
  /** one type, or several the value may take (e.g. filters: a list or an object) */
  type: ParamType | readonly ParamType[];
  description?: string;
  required?: boolean;
  /** bounds of an integer or number */
  minimum?: number;
  maximum?: number;
}

export interface MethodServices {
  docs: DocumentService;
  auth: AuthService;
  db: Database;
  config: AppConfig;
  storefront: StorefrontService;
  prices: PriceBook;
  variants: VariantService;
  trees: TreeIndex;
}

/** What every handler gets: the caller's context, the checked arguments, the services. */
export interface MethodInput {
  ctx: Ctx;
  args: Record<string, unknown>;
  services: MethodServices;
}

/** A call over /api/method: the input plus the HTTP request and reply (cookies, headers, status). */
export interface MethodCall extends MethodInput {
  req: HttpRequest;
  res: HttpReply;
}

interface MethodBase {
  path: string;
  /** verbs allowed (Frappe's @whitelist default: all four) */
  methods?: HttpVerb[];
  allowGuest?: boolean;
  /** runs in a write transaction (with Idempotency-Key support and the API log) */
  write?: boolean;
  summary: string;
  params?: Record<string, ParamDef>;
  /** the response is the handler's value itself, not wrapped in {message} (OAuth endpoints) */
  raw?: boolean;
  /** body is form-encoded (OAuth) */
  form?: boolean;
}

/** A whitelisted method served at /api/method/<path> only; its handler may use the request and reply. */
export interface HttpMethodDef extends MethodBase {
  graphql?: undefined;
  handler(call: MethodCall): Promise<unknown>;
}

/**
 * A read-only method that is also the GraphQL query `graphql.field` (arguments typed from its
 * params, answer JSON): its handler sees no request or reply, so both APIs run it alike.
 */
export interface QueryMethodDef extends MethodBase {
  graphql: { field: string };
  write?: false;
  raw?: false;
  form?: false;
  handler(call: MethodInput): Promise<unknown>;
}

/** A whitelisted method. */
export type MethodDef = HttpMethodDef | QueryMethodDef;

/** A method definition, typed: one with `graphql` gets a handler of MethodInput, any other a handler of MethodCall. */
export function defineMethod(def: QueryMethodDef): QueryMethodDef;
export function defineMethod(def: HttpMethodDef): HttpMethodDef;
export function defineMethod(def: MethodDef): MethodDef {
  return def;
}

export const METHOD_REGISTRY = Symbol('METHOD_REGISTRY');

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Methods by dotted path; refuses a path defined twice and a GraphQL query that could write. */
export class MethodRegistry {
  private readonly byPath = new Map<string, MethodDef>();

  constructor(defs: readonly MethodDef[]) {
    const fields = new Set<string>();
    for (const d of defs) {
      if (this.byPath.has(d.path)) throw new Error(`Method ${d.path} is defined twice`);
      if (d.graphql) {
        const { path, graphql: { field } } = d;
        // The types forbid it already; a definition built at run time is checked here.
        if (d.write || d.raw || d.form) throw new Error(`Method ${path}: only a read-only method may be a GraphQL query`);
        if (!GRAPHQL_NAME.test(field)) throw new Error(`Method ${path}: "${field}" is not a GraphQL field name`);
        if (fields.has(field)) throw new Error(`Method ${path}: GraphQL query ${field} is defined twice`);
        fields.add(field);
      }
      this.byPath.set(d.path, d);
    }
  }

  get(path: string): MethodDef | undefined {
    return this.byPath.get(path);
  }

  all(): MethodDef[] {
    return [...this.byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The methods that are GraphQL queries, by field name. */
  queries(): QueryMethodDef[] {
    return this.all()
      .filter((d): d is QueryMethodDef => !!d.graphql)
      .sort((a, b) => (a.graphql.field < b.graphql.field ? -1 : a.graphql.field > b.graphql.field ? 1 : 0));
  }
}
