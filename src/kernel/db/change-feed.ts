import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisConnection, redisReady } from '../cache/redis-connection';
import { Database } from './database';

export type ChangeListener = (tables: ReadonlySet<string>) => void;

/**
 * Which tables committed writes changed, in this process and in every other one: what keeps
 * the in-process caches (documents, resolved credentials, User Permissions) exact.
 *
 * A process hears its own commits from the Database before the request that made them
 * answers, and announces them on Redis (awaited, also before answering, but never waited for
 * while Redis is down: what could not be announced is announced as soon as the connection
 * is back); other processes hear them from their subscription. While that subscription is
 * down `live` is false (caches should not trust themselves), and once it is back every
 * `onReset` listener runs, since announcements may have been missed. Without Redis there is
 * no other process to hear from.
 */
@Injectable()
export class ChangeFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly listeners: { tables: ReadonlySet<string>; listener: ChangeListener }[] = [];
  /** every table some listener watches: commits touching none of them are not announced */
  private readonly watched = new Set<string>();
  private readonly resetListeners: (() => void)[] = [];
  private readonly origin = randomUUID();
  private subscriber?: Redis;
  /** tables whose changes could not be announced yet (Redis was down) */
  private readonly unannounced = new Set<string>();
  private connected = false;
  private readonly log = new Logger('ChangeFeed');
  /** the channel on which every process of the site announces the tables its commits changed */
  private readonly channel: string;

  constructor(
    db: Database,
    private readonly redis: RedisConnection,
  ) {
    this.channel = `${redis.prefix}table-writes`;
    db.onWrite((tables) => this.committed(tables));
  }

  /** True when every committed change, from any process, reaches the listeners. */
  get live(): boolean {
    return !this.redis.client || this.connected;
  }

  /** `listener` hears which of `tables` a committed write changed, here or in another process. */
  onChange(tables: Iterable<string>, listener: ChangeListener): void {
    const set = new Set(tables);
    for (const t of set) this.watched.add(t);
    this.listeners.push({ tables: set, listener });
  }

  /** `listener` runs when changes may have been missed: drop everything cached. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  onModuleInit(): void {
    if (!this.redis.client) return;
    this.redis.client.on('ready', () => void this.announce(new Set()));
    const sub = this.redis.client.duplicate({ enableAutoPipelining: false });
    this.subscriber = sub;
    sub.on('close', () => (this.connected = false));
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          for (const reset of this.resetListeners) reset();
          this.connected = true;
        },
        (err: Error) => this.log.warn(`cannot subscribe to ${this.channel}: ${err.message}`),
      );
    });
    sub.on('message', (_channel: string, message: string) => {
      const { origin, tables } = JSON.parse(message) as { origin: string; tables: string[] };
      if (origin !== this.origin) this.notify(new Set(tables));
    });
    sub.on('error', () => undefined); // the shared client already reports connection trouble
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  private async committed(written: ReadonlySet<string>): Promise<void> {
    const tables = new Set([...written].filter((t) => this.watched.has(t)));
    if (!tables.size) return;
    this.notify(tables);
    await this.announce(tables);
  }

  /**
   * Tells the other processes, together with whatever could not be announced before: while
   * Redis is down nothing is sent (or waited for), and the next announcement, or the
   * connection's return, carries it.
   */
  private async announce(tables: ReadonlySet<string>): Promise<void> {
    const client = this.redis.client;
    if (!client) return;
    for (const t of tables) this.unannounced.add(t);
    if (!this.unannounced.size || !redisReady(client)) return;
    const batch = [...this.unannounced];
    this.unannounced.clear();
    try {
      await client.publish(this.channel, JSON.stringify({ origin: this.origin, tables: batch }));
    } catch (err) {
      for (const t of batch) this.unannounced.add(t);
      this.log.warn(`could not announce changes to ${batch.join(', ')} yet: ${(err as Error).message}`);
    }
  }

  private notify(tables: ReadonlySet<string>): void {
    for (const { tables: mine, listener } of this.listeners) {
      const hit = new Set([...tables].filter((t) => mine.has(t)));
      if (hit.size) listener(hit);
    }
  }
}
