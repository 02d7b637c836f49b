import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, EntityManager, EntitySchema, QueryRunner } from 'typeorm';
import { AppConfig } from '../../config/config';
import { QueryDeadlockError } from '../errors/errors';
import { schemaEntities } from '../metadata/entity';
import { MetaRegistry } from '../metadata/meta';
import { Ctx, DataAccess, Queryable, RequestMeta, SessionUser, WriteResult } from './context';
import { Mutex } from './mutex';
import { registerDecimalFunctions } from '../money/sqlite-functions';

const RETRYABLE_MYSQL_ERRNO = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);
const MAX_ATTEMPTS = 5;
const SIDE_POOL_SIZE = 4;
/** How long shutdown waits for requests still running (their sockets may be gone) before it closes the pool. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** Told which tables a committed transaction (or an autocommitted statement) changed. */
export type WriteListener = (tables: ReadonlySet<string>) => void | Promise<void>;

/** A statement sent as a read changed rows: the tables it wrote are unknown, so it is refused. */
export class UnrecordedWriteError extends Error {
  constructor(sql: string) {
    super(`A write must name the tables it changes (Queryable.write), not go through query(): ${sql.slice(0, 80)}`);
  }
}

/** run, runAsSystem or autonomous was called while a transaction of this request was open. */
export class NestedTransactionError extends Error {
  constructor(what: string) {
    super(`${what} inside a transaction would open a second one: use the ctx you were given (ctx.asSystem for elevation)`);
  }
}

type Row = Record<string, any>;

/**
 * Wraps a TypeORM QueryRunner (or the DataSource pool) as a Queryable, and records in `written`
 * (when given) the tables every write declares. A statement sent through `query` must read:
 * both drivers tell a read's rows (an array) from a write's result, so a write that does not
 * name its tables (a CTE, a query builder's UPDATE) fails instead of leaving caches stale.
 */
class RunnerQueryable implements Queryable {
  constructor(
    private readonly target: QueryRunner | DataSource,
    private readonly written?: Set<string>,
  ) {}

  /** statements sent through this Queryable (a transaction's cost, for tests and diagnostics) */
  statements = 0;

  /** a transaction's rows read by name, per table, until it writes that table */
  private readonly byName = new Map<string, Map<string, Row>>();

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements++;
    const rows = (await this.target.query(sql, params)) as unknown;
    if (!Array.isArray(rows)) throw new UnrecordedWriteError(sql);
    return rows as T[];
  }

  async rowsByName<T>(table: string, names: readonly string[]): Promise<T[]> {
    const keep = this.written ? (this.byName.get(table) ?? new Map<string, Row>()) : undefined;
    const kept = keep ? names.flatMap((n) => keep.get(n) ?? []) : [];
    const missing = [...new Set(names.filter((n) => !keep?.has(n)))];
    if (!missing.length) return kept as T[];
    const rows = await this.query<Row>(`SELECT * FROM \`${table}\` WHERE name IN (${missing.map(() => '?').join(', ')})`, missing);
    if (keep) {
      for (const r of rows) keep.set(String(r.name), r);
      this.byName.set(table, keep);
    }
    return [...kept, ...rows] as T[];
  }

  private savepoints = 0;

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    if (this.target instanceof DataSource || !this.written) throw new Error('a savepoint needs a transaction');
    const name = `docket_sp_${++this.savepoints}`;
    await this.target.query(`SAVEPOINT ${name}`);
    try {
      const out = await fn();
      await this.target.query(`RELEASE SAVEPOINT ${name}`);
      return out;
    } catch (err) {
      await this.target.query(`ROLLBACK TO SAVEPOINT ${name}`);
      // rows read after the savepoint may be undone: read them again
      this.byName.clear();
      throw err;
    }
  }

  async write(tables: string | readonly string[], sql: string, params: unknown[] = []): Promise<WriteResult> {
    if (this.target instanceof DataSource) {
      const runner = this.target.createQueryRunner();
      try {
        this.statements++;
        return await new RunnerQueryable(runner, this.written).write(tables, sql, params);
      } finally {
        await runner.release();
      }
    }
    this.statements++;
    const names = typeof tables === 'string' ? [tables] : tables;
    for (const t of names) this.byName.delete(t);
    const result = await this.target.query(sql, params, true);
    if (this.written) for (const t of names) this.written.add(t);
    const insertId = (result.raw as { insertId?: number } | undefined)?.insertId;
    return { affectedRows: result.affected ?? 0, rows: result.records ?? [], ...(insertId === undefined ? {} : { insertId: Number(insertId) }) };
  }
}

/**
 * Statements outside a transaction commit one by one: the tables of each write are reported
 * as soon as it has finished.
 */
class AutocommitQueryable implements Queryable {
  private readonly inner: RunnerQueryable;

  constructor(
    target: DataSource | QueryRunner,
    private readonly report: (tables: ReadonlySet<string>) => Promise<void>,
  ) {
    this.inner = new RunnerQueryable(target);
  }

  get statements(): number {
    return this.inner.statements;
  }

  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.inner.query<T>(sql, params);
  }

  rowsByName<T>(table: string, names: readonly string[]): Promise<T[]> {
    return this.inner.rowsByName<T>(table, names);
  }

  async write(tables: string | readonly string[], sql: string, params?: unknown[]): Promise<WriteResult> {
    const result = await this.inner.write(tables, sql, params);
    await this.report(new Set(typeof tables === 'string' ? [tables] : tables));
    return result;
  }
}

export function isRetryable(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return RETRYABLE_MYSQL_ERRNO.has(e?.errno ?? e?.driverError?.errno ?? 0);
}

/** Effects of a write transaction that must commit with it (the outbox writes its rows here). */
export interface CommitHook {
  /** Runs inside the transaction, after its work and before its commit; a throw rolls it back. */
  beforeCommit(ctx: Ctx): Promise<void>;
  /** Runs once it has committed, before the reply: must not throw nor wait. */
  afterCommit(ctx: Ctx): void;
}

export interface RunOptions {
  write: boolean;
}

/** What the Database keeps of the request whose `run` is on the current async path. */
interface OpenRun {
  open: boolean;
}

/**
 * The database: one TypeORM DataSource (mysql2 pool on MariaDB, one better-sqlite3 connection
 * on SQLite). `run` gives each request its Ctx; writes run in one transaction that is retried
 * on deadlock, and the events they queued are written to the outbox by the same commit. A
 * `run`, `runAsSystem` or `autonomous` started from inside another run is refused (it would
 * open a second transaction: a deadlock on SQLite's mutex, lost atomicity on MariaDB).
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
  /** Statements sent since start (every Queryable this Database hands out counts here). */
  private readonly writeListeners: WriteListener[] = [];
  /** the EntityManager of each transaction, by its connection (shared by asSystem's derived Ctx) */
  private readonly managers = new WeakMap<Queryable, EntityManager>();
  private readonly runs = new AsyncLocalStorage<OpenRun>();
  /** runs started and not finished (shutdown waits for them) */
  private active = 0;
  private access?: DataAccess;
  private readonly commitHooks: CommitHook[] = [];
  private readonly log = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    readonly registry: MetaRegistry,
  ) {
    this.engine = config.engine;
    const entities = schemaEntities(registry, this.engine);
    this.dataSource = this.engine === 'mariadb' ? mariadbSource(config, config.dbPoolSize, entities) : sqliteSource(config.sqlitePath, entities);
    this.sideSource = this.engine === 'mariadb' ? mariadbSource(config, SIDE_POOL_SIZE) : undefined;
    this.pool = new AutocommitQueryable(this.dataSource, (tables) => this.reportWrites(tables));
  }

  /** The document layer behind every Ctx's data methods (set once, by the DocumentService). */
  provideAccess(access: DataAccess): void {
    this.access = access;
  }

  /**
   * `listener` hears which tables changed, once the change is committed and before the
   * request that made it answers (the document cache forgets what it holds of them).
   */
  onWrite(listener: WriteListener): void {
    this.writeListeners.push(listener);
  }

  /** `hook` takes part in every write transaction's commit (see CommitHook). */
  onCommit(hook: CommitHook): void {
    this.commitHooks.push(hook);
  }

  private async beforeCommit(ctx: Ctx): Promise<void> {
    for (const hook of this.commitHooks) await hook.beforeCommit(ctx);
  }

  private afterCommit(ctx: Ctx): void {
    for (const hook of this.commitHooks) hook.afterCommit(ctx);
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

  /**
   * Closes the pools once the runs still going have finished (HTTP has stopped taking requests by
   * now, but a request whose client went away still runs its transaction), at most SHUTDOWN_DRAIN_MS.
   */
  async onApplicationShutdown(): Promise<void> {
    const until = Date.now() + SHUTDOWN_DRAIN_MS;
    while (this.active > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (this.active > 0) this.log.warn(`closing the database with ${this.active} request(s) still running`);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.sideSource?.isInitialized) await this.sideSource.destroy();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /**
   * Runs `fn` with a request context. Reads use the pool (MariaDB) or wait their turn (SQLite);
   * writes get one transaction, retried on deadlock; commit hooks (the outbox) run around its commit.
   */
  async run<T>(user: SessionUser, meta: RequestMeta, opts: RunOptions, fn: (ctx: Ctx) => Promise<T>, elevated = false): Promise<T> {
    this.refuseNested('Database.run');
    this.active++;
    try {
      return await this.runCounted(user, meta, opts, fn, elevated);
    } finally {
      this.active--;
    }
  }

  private async runCounted<T>(user: SessionUser, meta: RequestMeta, opts: RunOptions, fn: (ctx: Ctx) => Promise<T>, elevated: boolean): Promise<T> {
    if (!opts.write) {
      const read = () => this.inRun(() => fn(new Ctx(user, this.pool, meta, false, this.access, elevated)));
      return this.engine === 'sqlite' ? this.sqliteLock.runExclusive(read) : read();
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, ctx, written } = await this.transaction(user, meta, elevated, fn);
        if (written.size) await this.reportWrites(written);
        this.afterCommit(ctx);
        return result;
      } catch (err) {
        if (!isRetryable(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) throw new QueryDeadlockError('The database was too busy to finish this request; retry it');
        this.log.warn(`deadlock, retrying (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20 * attempt));
      }
    }
  }

  /** A system context (setup, CLI, jobs): one write transaction whose permissions are not checked. */
  async runAsSystem<T>(user: SessionUser, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.refuseNested('Database.runAsSystem');
    return this.run(user, { via: 'system' }, { write: true }, fn, true);
  }

  private refuseNested(what: string): void {
    if (this.runs.getStore()?.open) throw new NestedTransactionError(what);
  }

  /** Marks the async path of `fn` as inside a run, until `fn` settles (work it leaves behind is not). */
  private async inRun<T>(fn: () => Promise<T>): Promise<T> {
    const run: OpenRun = { open: true };
    try {
      return await this.runs.run(run, fn);
    } finally {
      run.open = false;
    }
  }

  private async transaction<T>(
    user: SessionUser,
    meta: RequestMeta,
    elevated: boolean,
    fn: (ctx: Ctx) => Promise<T>,
  ): Promise<{ result: T; ctx: Ctx; written: ReadonlySet<string> }> {
    const body = async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      const written = new Set<string>();
      const ctx = new Ctx(user, new RunnerQueryable(runner, written), meta, true, this.access, elevated);
      this.managers.set(ctx.db, runner.manager);
      try {
        const result = await this.inRun(async () => {
          const out = await fn(ctx);
          await this.beforeCommit(ctx);
          return out;
        });
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

  /** Runs statements on a connection of their own, each committed at once (idempotency keys, login counts, clean-ups). */
  async autonomous<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    this.refuseNested('Database.autonomous');
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
   * The next value of a counter row of `table` (naming series). On MariaDB the row is bumped
   * by one atomic statement committed at once on the side pool, so its lock lasts
   * microseconds instead of the caller's whole transaction (a rolled-back document leaves a
   * gap, as in ERPNext under concurrency); SQLite's serial transactions bump it in place.
   */
  async nextInSequence(ctx: Ctx, table: string, key: string): Promise<number> {
    if (!this.sideSource) {
      await ctx.db.write(table, `INSERT INTO \`${table}\` (name, current) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET current = current + 1`, [key]);
      const [row] = await ctx.db.query<{ current: number }>(`SELECT current FROM \`${table}\` WHERE name = ?`, [key]);
      return Number(row.current);
    }
    const runner = this.sideSource.createQueryRunner();
    try {
      await runner.connect();
      const side = new AutocommitQueryable(runner, (tables) => this.reportWrites(tables));
      // The counter's new value comes back as the statement's insert id (LAST_INSERT_ID(expr)): one round trip.
      const { insertId } = await side.write(
        table,
        `INSERT INTO \`${table}\` (name, current) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE current = LAST_INSERT_ID(current + 1)`,
        [key],
      );
      return Number(insertId);
    } finally {
      await runner.release();
    }
  }

  /**
   * TypeORM's EntityManager on ctx's transaction (the pool outside one), for domain reads through
   * typed repositories or the query builder; writes go through the document service.
   */
  entityManager(ctx: Ctx): EntityManager {
    return this.managers.get(ctx.db) ?? this.dataSource.manager;
  }

  /** `FOR UPDATE` on MariaDB, nothing on SQLite (whose transactions are serial). */
  get forUpdate(): string {
    return this.engine === 'mariadb' ? ' FOR UPDATE' : '';
  }
}

function mariadbSource(config: AppConfig, poolSize: number, entities: EntitySchema[] = []): DataSource {
  return new DataSource({
    type: 'mariadb',
    url: config.dbUrl.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize,
    // trace: false spares mysql2 a stack capture per query (the kernel translates driver errors itself).
    extra: { connectionLimit: poolSize, maxIdle: poolSize, trace: false },
    entities,
    synchronize: false,
    logging: false,
  });
}

function sqliteSource(path: string, entities: EntitySchema[]): DataSource {
  // dec_cmp, dec_key, dec_sum…: exact decimal filters, ordering and aggregates (kernel/money).
  return new DataSource({ type: 'better-sqlite3', database: path, entities, synchronize: false, logging: false, prepareDatabase: registerDecimalFunctions });
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
