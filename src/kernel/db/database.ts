import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../../config/config';
import { QueryDeadlockError } from '../errors/errors';
import { EventPublisher } from '../events/publisher';
import { Ctx, Queryable, RequestMeta, SessionUser } from './context';
import { Mutex } from './mutex';
import { registerDecimalFunctions } from '../money/sqlite-functions';

const RETRYABLE_MYSQL_ERRNO = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);
const MAX_ATTEMPTS = 5;
const SIDE_POOL_SIZE = 4;

/** The table a write statement changes: `INSERT INTO \`tabItem\``, `UPDATE \`tabItem\``, `DELETE FROM \`tabItem\``. */
const WRITE_TARGET = /^\s*(?:INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+`([^`]+)`/i;

export function writtenTable(sql: string): string | undefined {
  return WRITE_TARGET.exec(sql)?.[1];
}

/** Told which tables a committed transaction (or an autocommitted statement) changed. */
export type WriteListener = (tables: ReadonlySet<string>) => void | Promise<void>;

/**
 * Wraps a TypeORM QueryRunner (or the DataSource pool) as a Queryable, and notes the table of
 * every write statement in `written` when given (statements name their target table first,
 * backquoted).
 */
class RunnerQueryable implements Queryable {
  constructor(
    private readonly target: QueryRunner | DataSource,
    private readonly written?: Set<string>,
  ) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const rows = (await this.target.query(sql, params)) as T[];
    this.note(sql);
    return rows;
  }

  async execute(sql: string, params: unknown[] = []): Promise<{ affectedRows: number }> {
    if (this.target instanceof DataSource) {
      const runner = this.target.createQueryRunner();
      try {
        return await new RunnerQueryable(runner, this.written).execute(sql, params);
      } finally {
        await runner.release();
      }
    }
    const result = await this.target.query(sql, params, true);
    this.note(sql);
    return { affectedRows: result.affected ?? 0 };
  }

  private note(sql: string): void {
    if (!this.written) return;
    const table = writtenTable(sql);
    if (table) this.written.add(table);
  }
}

/**
 * Statements outside a transaction commit one by one: their table is reported as soon as each
 * one has finished.
 */
class AutocommitQueryable implements Queryable {
  private readonly inner: RunnerQueryable;

  constructor(
    target: DataSource | QueryRunner,
    private readonly report: (tables: ReadonlySet<string>) => Promise<void>,
  ) {
    this.inner = new RunnerQueryable(target);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const rows = await this.inner.query<T>(sql, params);
    await this.reportWrite(sql);
    return rows;
  }

  async execute(sql: string, params?: unknown[]): Promise<{ affectedRows: number }> {
    const result = await this.inner.execute(sql, params);
    await this.reportWrite(sql);
    return result;
  }

  private async reportWrite(sql: string): Promise<void> {
    const table = writtenTable(sql);
    if (table) await this.report(new Set([table]));
  }
}

export function isRetryable(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return RETRYABLE_MYSQL_ERRNO.has(e?.errno ?? e?.driverError?.errno ?? 0);
}

export interface RunOptions {
  write: boolean;
}

/**
 * The database: one TypeORM DataSource (mysql2 pool on MariaDB, one better-sqlite3 connection
 * on SQLite). `run` gives each request its Ctx; writes run in one transaction that is retried
 * on deadlock, and the events they queued are published only after commit.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  readonly engine: 'mariadb' | 'sqlite';
  readonly dataSource: DataSource;
  private readonly sqliteLock = new Mutex();
  /**
   * A small pool of its own for autocommitted side statements (naming-series counters,
   * idempotency claims): a transaction that needs one while holding a main-pool connection
   * can never wait on a main pool that other such transactions have exhausted.
   */
  private readonly sideSource?: DataSource;
  /** The pool (MariaDB) or the connection (SQLite), outside any transaction. */
  readonly pool: Queryable;
  private readonly writeListeners: WriteListener[] = [];
  private readonly log = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventPublisher,
  ) {
    this.engine = config.engine;
    this.dataSource = this.engine === 'mariadb' ? mariadbSource(config, config.dbPoolSize) : sqliteSource(config.sqlitePath);
    this.sideSource = this.engine === 'mariadb' ? mariadbSource(config, SIDE_POOL_SIZE) : undefined;
    this.pool = new AutocommitQueryable(this.dataSource, (tables) => this.reportWrites(tables));
  }

  /**
   * `listener` hears which tables changed, once the change is committed and before the
   * request that made it answers (the document cache forgets what it holds of them).
   */
  onWrite(listener: WriteListener): void {
    this.writeListeners.push(listener);
  }

  /** Runs after a commit: nothing here may turn a committed write into an error reply. */
  private async reportWrites(tables: ReadonlySet<string>): Promise<void> {
    for (const listener of this.writeListeners) {
      try {
        await listener(tables);
      } catch (err) {
        this.log.error(`a listener of committed writes to ${[...tables].join(', ')} failed: ${(err as Error).message}`);
      }
    }
  }

  async connect(): Promise<void> {
    if (this.dataSource.isInitialized) return;
    if (this.engine === 'mariadb') await createMariaDbIfMissing(this.config.dbUrl);
    else if (this.config.sqlitePath !== ':memory:') mkdirSync(dirname(this.config.sqlitePath), { recursive: true });
    await this.dataSource.initialize();
    await this.sideSource?.initialize();
    if (this.engine === 'sqlite') {
      await this.dataSource.query('PRAGMA journal_mode = WAL');
      await this.dataSource.query('PRAGMA synchronous = NORMAL');
      await this.dataSource.query('PRAGMA foreign_keys = OFF');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.sideSource?.isInitialized) await this.sideSource.destroy();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /**
   * Runs `fn` with a request context. Reads use the pool (MariaDB) or wait their turn (SQLite);
   * writes get one transaction, retried on deadlock; events are published after commit.
   */
  async run<T>(user: SessionUser, meta: RequestMeta, opts: RunOptions, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    if (!opts.write) {
      if (this.engine === 'sqlite') return this.sqliteLock.runExclusive(() => fn(new Ctx(user, this.pool, meta)));
      return fn(new Ctx(user, this.pool, meta));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, ctx, written } = await this.transaction(user, meta, fn);
        if (written.size) await this.reportWrites(written);
        this.events.publish(ctx.pendingEvents);
        return result;
      } catch (err) {
        if (!isRetryable(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) throw new QueryDeadlockError('The database was too busy to finish this request; retry it');
        this.log.warn(`deadlock, retrying (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20 * attempt));
      }
    }
  }

  /** A system context (setup, CLI, jobs): permissions are not checked. */
  async runAsSystem<T>(user: SessionUser, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    return this.run(user, { via: 'system' }, { write: true }, (ctx) => {
      ctx.ignorePermissions = true;
      return fn(ctx);
    });
  }

  private async transaction<T>(
    user: SessionUser,
    meta: RequestMeta,
    fn: (ctx: Ctx) => Promise<T>,
  ): Promise<{ result: T; ctx: Ctx; written: ReadonlySet<string> }> {
    const body = async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      const written = new Set<string>();
      const ctx = new Ctx(user, new RunnerQueryable(runner, written), meta, true);
      try {
        const result = await fn(ctx);
        await runner.commitTransaction();
        return { result, ctx, written };
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw err;
      } finally {
        await runner.release();
      }
    };
    return this.engine === 'sqlite' ? this.sqliteLock.runExclusive(body) : body();
  }

  /** Runs one statement on its own connection, committed at once (naming series, idempotency keys). */
  async autonomous<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    if (!this.sideSource) return this.sqliteLock.runExclusive(() => fn(this.pool));
    const runner = this.sideSource.createQueryRunner();
    try {
      await runner.connect();
      return await fn(new AutocommitQueryable(runner, (tables) => this.reportWrites(tables)));
    } finally {
      await runner.release();
    }
  }

  /**
   * Locks rows of `table` in a fixed (sorted) order so that two transactions asking for the same
   * rows in different orders queue instead of deadlocking. SQLite transactions are already serial.
   */
  async lockRows(ctx: Ctx, table: string, names: string[]): Promise<string[]> {
    const sorted = [...new Set(names)].sort();
    if (!sorted.length) return [];
    const marks = sorted.map(() => '?').join(', ');
    const lock = this.engine === 'mariadb' ? ' FOR UPDATE' : '';
    const rows = await ctx.db.query<{ name: string }>(
      `SELECT name FROM \`${table}\` WHERE name IN (${marks}) ORDER BY name${lock}`,
      sorted,
    );
    return rows.map((r) => r.name);
  }

  /** `FOR UPDATE` on MariaDB, nothing on SQLite (whose transactions are serial). */
  get forUpdate(): string {
    return this.engine === 'mariadb' ? ' FOR UPDATE' : '';
  }
}

function mariadbSource(config: AppConfig, poolSize: number): DataSource {
  return new DataSource({
    type: 'mariadb',
    url: config.dbUrl.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize,
    extra: { connectionLimit: poolSize, maxIdle: poolSize },
    synchronize: false,
    logging: false,
  });
}

function sqliteSource(path: string): DataSource {
  // dec_cmp, dec_key, dec_sum…: exact decimal filters, ordering and aggregates (kernel/money).
  return new DataSource({ type: 'better-sqlite3', database: path, synchronize: false, logging: false, prepareDatabase: registerDecimalFunctions });
}

async function createMariaDbIfMissing(url: string): Promise<void> {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const db = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(db)) throw new Error(`DB_URL: database name "${db}" may only hold letters, digits and _`);
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
