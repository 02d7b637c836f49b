import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/config';
import { RedisConnection } from '../cache/redis-connection';
import { ChangeFeed } from '../db/change-feed';
import { MetaRegistry } from '../metadata/meta';
import { Doc } from './types';

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
 * Invalidation is by doctype generation: every committed write (ChangeFeed, from any process)
 * bumps the generation of the doctypes whose tables it touched (a child table bumps its
 * parents), and an entry is served only while its doctype's generation is the one seen before
 * the read that filled it — so a read racing a commit can never leave a stale entry behind.
 * Nothing is served while the feed may be missing other processes' changes. Without Redis
 * the cache is on only for the embedded SQLite engine, which one process serves.
 */
@Injectable()
export class DocCache {
  private readonly entries?: LRUCache<string, Entry>;
  private readonly generations = new Map<string, number>();
  /** table → the doctypes whose documents it holds rows of (itself, and parents of a child table) */
  private readonly doctypesOf = new Map<string, string[]>();

  constructor(
    registry: MetaRegistry,
    private readonly feed: ChangeFeed,
    redis: RedisConnection,
    config: AppConfig,
  ) {
    for (const meta of registry.all()) {
      this.doctypesOf.set(meta.tableName, [...(this.doctypesOf.get(meta.tableName) ?? []), meta.name]);
      for (const tf of meta.tableFields) {
        const child = registry.get(tf.options!)!;
        this.doctypesOf.set(child.tableName, [...(this.doctypesOf.get(child.tableName) ?? []), meta.name]);
      }
    }
    const shared = Boolean(redis.client) || config.engine === 'sqlite';
    if (config.docCacheSize <= 0 || !shared) return;
    const entries = new LRUCache<string, Entry>({ max: config.docCacheSize, ttl: TTL_MS });
    this.entries = entries;
    feed.onChange(this.doctypesOf.keys(), (tables) => {
      for (const table of tables) for (const d of this.doctypesOf.get(table) ?? []) this.generations.set(d, (this.generations.get(d) ?? 0) + 1);
    });
    feed.onReset(() => entries.clear());
  }

  /** The document from the cache, or from `load` (then kept for the next reader). */
  async read(doctype: string, name: string, load: () => Promise<Doc | null>): Promise<Doc | null> {
    if (!this.entries || !this.feed.live) return load();
    const key = `${doctype}\u0000${name}`;
    const generation = this.generations.get(doctype) ?? 0;
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) return hit.doc;
    const doc = await load();
    if (doc) this.entries.set(key, { generation, doc: deepFreeze(doc) });
    return doc;
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
