import type { DocketEvents, EmittedEvent, EventName } from '../events/types';

/** Something SQL can be sent to: the pool outside a transaction, one connection inside it. */
export interface Queryable {
  /** `?` placeholders, backtick-quoted identifiers (valid on MariaDB and SQLite alike). */
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  execute(sql: string, params?: unknown[]): Promise<{ affectedRows: number }>;
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

/**
 * The request context, passed first to every kernel and domain call. Inside a transaction `db`
 * is the transaction's connection; events queued with `emit` are delivered only after commit.
 */
export class Ctx {
  readonly pendingEvents: EmittedEvent[] = [];
  /** Set by the CLI, setup and jobs that act as the system; REST/GraphQL never set it. */
  ignorePermissions = false;

  constructor(
    readonly user: SessionUser,
    public db: Queryable,
    readonly meta: RequestMeta = {},
    readonly inTransaction = false,
  ) {}

  get isAdministrator(): boolean {
    return this.user.name === 'Administrator';
  }

  get isGuest(): boolean {
    return this.user.name === 'Guest';
  }

  hasRole(role: string): boolean {
    return this.isAdministrator || this.user.roles.has(role);
  }

  /** Queues an event, written to the outbox by this transaction's commit (a rollback drops it). */
  emit<N extends EventName>(name: N, payload: DocketEvents[N]): void {
    if (!this.inTransaction) throw new Error(`event ${name} emitted outside a write transaction`);
    this.pendingEvents.push({ name, payload } as EmittedEvent);
  }

  /** Current timestamp in Frappe's format (UTC): YYYY-MM-DD HH:MM:SS.ffffff */
  static now(): string {
    const iso = new Date().toISOString(); // 2026-11-29T03:39:29.123Z
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
  }
}

export const GUEST: SessionUser = { name: 'Guest', roles: new Set(['Guest']), userType: 'Website User' };
export const SYSTEM: SessionUser = {
  name: 'Administrator',
  roles: new Set(['Administrator', 'System Manager']),
  userType: 'System User',
  fullName: 'Administrator',
};
