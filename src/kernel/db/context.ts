import type { DocketEvent } from '../events/types';
import { timestamp } from '../time/clock';

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
  readonly pendingEvents: DocketEvent[] = [];
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

  emit(event: DocketEvent): void {
    this.pendingEvents.push(event);
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
