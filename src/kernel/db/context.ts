import type { DocketEvents, EmittedEvent, EventName } from '../events/types';
import { timestamp } from '../time/clock';

/**
 * Something SQL can be sent to: the pool outside a transaction, one connection inside it.
 * Reads go through `query`; a write names the tables it changes (`write`), which is how the
 * document cache and the ChangeFeed learn what a commit touched. A statement sent through
 * `query` that changes rows is refused (see database.ts).
 */
export interface Queryable {
  /** A read. `?` placeholders, backtick-quoted identifiers (valid on MariaDB and SQLite alike). */
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** An INSERT/UPDATE/DELETE changing `tables` (and no other): how many rows it changed, and what a RETURNING clause returned. */
  write(tables: string | readonly string[], sql: string, params?: unknown[]): Promise<WriteResult>;
  /**
   * Whole rows of `table` by name (`SELECT *`, matched as the engine compares names). Inside a
   * transaction a row is read once and kept until the transaction writes that table: its
   * snapshot does not move, so the second read would answer the same (a locking read never
   * comes from here).
   */
  rowsByName<T = Record<string, any>>(table: string, names: readonly string[]): Promise<T[]>;
  /** Statements sent through this Queryable so far (a transaction's cost, for tests and diagnostics). */
  readonly statements: number;
  /** Inside a transaction: runs `fn` in a savepoint, undoing only its writes when it throws. */
  savepoint?<T>(fn: () => Promise<T>): Promise<T>;
}

export interface WriteResult {
  affectedRows: number;
  /** the rows of a `RETURNING` clause (none without one) */
  rows: Record<string, any>[];
  /** MariaDB's insert id: an AUTO_INCREMENT value, or what `LAST_INSERT_ID(expr)` set */
  insertId?: number;
}

export interface SessionUser {
  name: string;
  roles: ReadonlySet<string>;
  userType: 'System User' | 'Website User';
  fullName?: string;
}

export interface RequestMeta {
  requestId?: string;
  ip?: string;
  apiKey?: string;
  /** how the caller authenticated: token, basic, bearer, session, or guest */
  via?: 'token' | 'basic' | 'bearer' | 'session' | 'guest' | 'system';
}

type Row = Record<string, any>;

/** A condition on one field: a value (equality) or `[operator, value]` (`like` escapes with `!`). */
export type FieldCondition = unknown | ['=' | '!=' | '<' | '<=' | '>' | '>=' | 'like', unknown] | ['in' | 'not in', readonly unknown[]];

/** What `updateWhere` sets a field to: a value, or `{ add: n }` (a decimal increment, negative to decrement). */
export type FieldUpdate = unknown | { add: unknown };

export interface ListQuery {
  filters?: Record<string, FieldCondition>;
  fields?: string[];
  order_by?: string;
  limit?: number;
}

/**
 * The documents seen from inside a request: what Ctx's data methods delegate to. The document
 * layer implements it (kernel/document/facade.ts), so Ctx needs no document code.
 */
export interface DataAccess {
  getDoc(ctx: Ctx, doctype: string, name: string): Promise<Row>;
  getValue(ctx: Ctx, doctype: string, filters: string | Record<string, FieldCondition>, fields: readonly string[]): Promise<Row | null>;
  getList(ctx: Ctx, doctype: string, query: ListQuery): Promise<Row[]>;
  insert(ctx: Ctx, doctype: string, values: Row): Promise<Row>;
  setValue(ctx: Ctx, doctype: string, name: string, values: Row): Promise<Row>;
  lockKeys(ctx: Ctx, doctype: string, keys: readonly Row[]): Promise<Row[]>;
  updateWhere(ctx: Ctx, doctype: string, set: Record<string, FieldUpdate>, where: Record<string, FieldCondition>): Promise<number>;
}

/**
 * The request context, passed first to every kernel and domain call. Inside a transaction `db`
 * is the transaction's connection; events queued with `emit` are delivered only after commit.
 *
 * Its data methods (getDoc, getValue, getList, insert, setValue, lockKeys, updateWhere) are
 * the one way domain code reaches other doctypes: on the same transaction, permission-checked
 * unless the call runs inside `asSystem`, every write recorded by table.
 */
export class Ctx {
  readonly pendingEvents: EmittedEvent[];

  constructor(
    readonly user: SessionUser,
    readonly db: Queryable,
    readonly meta: RequestMeta = {},
    readonly inTransaction = false,
    private readonly access?: DataAccess,
    /** true inside `asSystem` (and for setup, CLI and jobs): permissions are not checked */
    readonly elevated = false,
    pendingEvents: EmittedEvent[] = [],
  ) {
    this.pendingEvents = pendingEvents;
  }

  get isAdministrator(): boolean {
    return this.user.name === 'Administrator';
  }

  get isGuest(): boolean {
    return this.user.name === 'Guest';
  }

  hasRole(role: string): boolean {
    return this.isAdministrator || this.user.roles.has(role);
  }

  /**
   * Runs `fn` in a savepoint of this transaction: when it throws, its writes and the events it
   * queued are undone and the error goes on; the rest of the transaction stands (an import
   * skipping a bad row without losing the others).
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.inTransaction || !this.db.savepoint) throw new Error('ctx.savepoint needs a write transaction');
    const queued = this.pendingEvents.length;
    try {
      return await this.db.savepoint(fn);
    } catch (err) {
      this.pendingEvents.length = queued;
      throw err;
    }
  }

  /** Queues an event, written to the outbox by this transaction's commit (a rollback drops it). */
  emit<N extends EventName>(name: N, payload: DocketEvents[N]): void {
    if (!this.inTransaction) throw new Error(`event ${name} emitted outside a write transaction`);
    this.pendingEvents.push({ name, payload } as EmittedEvent);
  }

  /**
   * Runs `fn` as the system (Frappe's ignore_permissions) for that one call: same user, same
   * transaction, same pending events. The elevation stays inside `fn`'s context, so what the
   * request answers is still filtered by what the real caller may see.
   */
  asSystem<T>(fn: (sys: Ctx) => Promise<T>): Promise<T> {
    return fn(this.elevated ? this : new Ctx(this.user, this.db, this.meta, this.inTransaction, this.access, true, this.pendingEvents));
  }

  /** A whole document of any doctype, read in this transaction (rows locked by it included). */
  getDoc(doctype: string, name: string): Promise<Row> {
    return this.data().getDoc(this, doctype, name);
  }

  /** Fields of the first document matching `filters` (a name, or field conditions), or null. */
  getValue(doctype: string, filters: string | Record<string, FieldCondition>, fields: readonly string[]): Promise<Row | null> {
    return this.data().getValue(this, doctype, filters, fields);
  }

  /** Rows of a doctype (stored values: decimals as Decimal), filtered by field conditions. */
  getList(doctype: string, query: ListQuery = {}): Promise<Row[]> {
    return this.data().getList(this, doctype, query);
  }

  /** Inserts a document through its whole lifecycle (a `docstatus` of 1 submits it). */
  insert(doctype: string, values: Row): Promise<Row> {
    return this.data().insert(this, doctype, values);
  }

  /**
   * Frappe's db_set: writes fields of a saved or submitted document without running its hooks;
   * bumps `modified`, writes a Version row, keeps caches exact. Returns the document.
   */
  setValue(doctype: string, name: string, values: Row): Promise<Row> {
    return this.data().setValue(this, doctype, name, values);
  }

  /**
   * Ensures one row per key exists (inserted if absent, race-free on the doctype's unique key,
   * e.g. a Bin per item_code + warehouse) and locks them all in one sorted order until commit.
   * Returns the rows, in that order.
   */
  lockKeys(doctype: string, keys: readonly Row[]): Promise<Row[]> {
    return this.data().lockKeys(this, doctype, keys);
  }

  /**
   * One conditional UPDATE (`{ qty: { add: -2 } }` where `{ name, qty: ['>=', 2] }`): the number
   * of rows changed, so a decrement that would overdraw changes none.
   */
  updateWhere(doctype: string, set: Record<string, FieldUpdate>, where: Record<string, FieldCondition>): Promise<number> {
    return this.data().updateWhere(this, doctype, set, where);
  }

  private data(): DataAccess {
    if (!this.access) throw new Error('This context has no document access (it was made outside Database.run)');
    return this.access;
  }

  /** Current timestamp in Frappe's format, in the System Settings time zone: YYYY-MM-DD HH:MM:SS.ffffff */
  static now(): string {
    return timestamp();
  }
}

export const GUEST: SessionUser = { name: 'Guest', roles: new Set(['Guest']), userType: 'Website User' };
export const SYSTEM: SessionUser = {
  name: 'Administrator',
  roles: new Set(['Administrator', 'System Manager']),
  userType: 'System User',
  fullName: 'Administrator',
};
