import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';
import { KEY_PREFIX } from '../cache/cache';
import { RedisConnection } from '../cache/redis-connection';
import { Database } from '../db/database';
import { MetaRegistry } from '../metadata/meta';
import { Doc } from './types';

/** Redis channel on which every process announces the doctypes its commits changed. */
const CHANNEL = `${KEY_PREFIX}doc-writes`;
/** Bounds how long a change made outside Docket (SQL typed into MariaDB) can stay unseen. */
const TTL_MS = 5 * 60_000;

interface Entry {
  /** the doctype's generation when the read that filled this entry started */
  generation: number;
  doc: Doc;
}

/**
 * Whole documents (parent + child rows) read outside a transaction, kept in process so that a
 * get-by-name need not go to the database. Permissions are still checked on every read; the
 * cache holds what the database holds, nothing user-specific.
 *
 * Invalidation is by doctype generation: every committed write bumps the generation of the
 * doctypes whose tables it touched (a child table bumps its parents), and an entry is served
 * only while its doctype's generation is the one seen before the read that filled it — so a
 * read racing a commit can never leave a stale entry behind. With Redis, each process
 * publishes its commits before it answers the request and every other process bumps its own
 * generations on receipt; while that subscription is down nothing is served from the cache,
 * and it starts empty again once the subscription is back. Without Redis it is on only for the
 * embedded SQLite engine, which one process serves.
 */
@Injectable()
export class DocCache implements OnModuleInit, OnApplicationShutdown {
  private readonly entries?: LRUCache<string, Entry>;
  private readonly generations = new Map<string, number>();
  /** child doctype → the doctypes that hold it as a table */
  private readonly parentsOf = new Map<string, string[]>();
  private readonly byTable = new Map<string, string>();
  private readonly origin = randomUUID();
  private subscriber?: Redis;
  /** false while invalidations from other processes might be missed */
  private live: boolean;
  private readonly log = new Logger('DocCache');

  constructor(
    registry: MetaRegistry,
    db: Database,
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    for (const meta of registry.all()) {
      this.byTable.set(meta.tableName, meta.name);
      for (const tf of meta.tableFields) this.parentsOf.set(tf.options!, [...(this.parentsOf.get(tf.options!) ?? []), meta.name]);
    }
    // Without Redis no process hears another's writes: cache only where one process serves (SQLite).
    const shared = Boolean(redis.client) || config.engine === 'sqlite';
    if (config.docCacheSize > 0 && shared) this.entries = new LRUCache({ max: config.docCacheSize, ttl: TTL_MS });
    this.live = !redis.client;
    db.onWrite((tables) => this.written(tables));
  }

  onModuleInit(): void {
    if (!this.redis.client || !this.entries) return;
    const sub = this.redis.client.duplicate();
    this.subscriber = sub;
    sub.on('close', () => (this.live = false));
    sub.on('ready', () => {
      sub.subscribe(CHANNEL).then(
        () => {
          this.entries?.clear();
          this.live = true;
        },
        (err: Error) => this.log.warn(`cannot subscribe to ${CHANNEL}: ${err.message}`),
      );
    });
    sub.on('message', (_channel: string, message: string) => {
      const { origin, doctypes } = JSON.parse(message) as { origin: string; doctypes: string[] };
      if (origin !== this.origin) this.bump(doctypes);
    });
    sub.on('error', () => undefined); // the shared client already reports connection trouble
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }

  /** The document from the cache, or from `load` (then kept for the next reader). */
  async read(doctype: string, name: string, load: () => Promise<Doc | null>): Promise<Doc | null> {
    if (!this.entries || !this.live) return load();
    const key = `${doctype}\u0000${name}`;
    const generation = this.generations.get(doctype) ?? 0;
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) return hit.doc;
    const doc = await load();
    if (doc) this.entries.set(key, { generation, doc: deepFreeze(doc) });
    return doc;
  }

  private async written(tables: ReadonlySet<string>): Promise<void> {
    const doctypes = new Set<string>();
    for (const table of tables) {
      const doctype = this.byTable.get(table);
      if (!doctype) continue;
      doctypes.add(doctype);
      for (const parent of this.parentsOf.get(doctype) ?? []) doctypes.add(parent);
    }
    if (!doctypes.size) return;
    this.bump(doctypes);
    if (!this.redis.client || !this.entries) return;
    try {
      await this.redis.client.publish(CHANNEL, JSON.stringify({ origin: this.origin, doctypes: [...doctypes] }));
    } catch (err) {
      // Other processes' subscriptions will have dropped too and come back with empty caches.
      this.log.warn(`could not announce changes to ${[...doctypes].join(', ')}: ${(err as Error).message}`);
    }
  }

  private bump(doctypes: Iterable<string>): void {
    for (const d of doctypes) this.generations.set(d, (this.generations.get(d) ?? 0) + 1);
  }
}

/** Cached documents are shared by every reader: make any attempt to change one fail loudly. */
function deepFreeze(doc: Doc): Doc {
  for (const v of Object.values(doc)) {
    if (Array.isArray(v)) {
      for (const row of v) if (row && typeof row === 'object') deepFreeze(row as Doc);
      Object.freeze(v);
    }
  }
  return Object.freeze(doc);
}
