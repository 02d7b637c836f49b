import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { AppConfig } from '../../config/config';
import { AuthService } from '../../kernel/auth/auth.service';
import { Ctx } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';

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
}

export interface MethodCall {
  ctx: Ctx;
  args: Record<string, unknown>;
  services: MethodServices;
  req: HttpRequest;
  res: HttpReply;
}

/** A whitelisted method served at /api/method/<path>. */
export interface MethodDef {
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
  handler(call: MethodCall): Promise<unknown>;
}

export function defineMethod(def: MethodDef): MethodDef {
  return def;
}

export const METHOD_REGISTRY = Symbol('METHOD_REGISTRY');

/** Methods by dotted path. */
export class MethodRegistry {
  private readonly byPath = new Map<string, MethodDef>();

  constructor(defs: readonly MethodDef[]) {
    for (const d of defs) {
      if (this.byPath.has(d.path)) throw new Error(`Method ${d.path} is defined twice`);
      this.byPath.set(d.path, d);
    }
  }

  get(path: string): MethodDef | undefined {
    return this.byPath.get(path);
  }

  all(): MethodDef[] {
    return [...this.byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
}
