import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { Ctx } from '../db/context';
import { Database } from '../db/database';
import { DataError, DoesNotExistError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { fromDb, toWire } from '../metadata/values';
import { Money, wireNumber } from '../money/decimal';
import { ControllerRegistry } from './controllers';
import { DocCache } from './doc-cache';
import { DocumentFacade } from './facade';
import { Lifecycle } from './lifecycle';
import { NamingService } from './naming';
import { PermissionService } from './permissions';
import { QueryCompiler } from './query';
import { DocStore } from './store';
import { Doc, ListParams } from './types';
import type { PermRight } from '../metadata/types';
import { DocValidator } from './validate';

/**
 * The one door to documents for REST, GraphQL, methods, jobs and domain services: reads are
 * permission-filtered, writes go through the lifecycle. Nothing here knows about HTTP.
 */
@Injectable()
export class DocumentService {
  private readonly store: DocStore;
  private readonly lifecycle: Lifecycle;

  constructor(
    readonly registry: MetaRegistry,
    private readonly db: Database,
    private readonly perms: PermissionService,
    naming: NamingService,
    controllers: ControllerRegistry,
    private readonly config: AppConfig,
    private readonly cache: DocCache,
  ) {
    const forUpdate = () => db.forUpdate;
    this.store = new DocStore(registry, forUpdate);
    this.lifecycle = new Lifecycle(registry, this.store, perms, naming, controllers, new DocValidator(registry), forUpdate);
    db.provideAccess(new DocumentFacade(this, registry, this.store, perms, db.engine));
  }

  /** Rewrites tabDocPerm from the definitions (setup, at every migrate). */
  syncDocPerms(ctx: Ctx): Promise<void> {
    return this.perms.syncDocPerms(ctx, this.store);
  }

  /** Whether the user has `right` on the named document (false when it does not exist). */
  async hasPermission(ctx: Ctx, doctype: string, name: string, right: PermRight): Promise<boolean> {
    const meta = this.meta(doctype);
    const doc = await this.store.load(ctx, meta, name);
    return !!doc && (await this.perms.has(ctx, meta, right, doc));
  }

  /**
   * A record the kernel writes for itself (API log, OAuth tokens, Version rows): one row with
   * its standard fields, no lifecycle and no permission check (Frappe's db_insert).
   */
  insertRecord(ctx: Ctx, doctype: string, values: Doc): Promise<void> {
    return this.store.insertRecord(ctx, this.registry.get(doctype)!, values);
  }

  insertRecords(ctx: Ctx, doctype: string, rows: readonly Doc[]): Promise<void> {
    return this.store.insertRecords(ctx, this.registry.get(doctype)!, rows);
  }

  /** A doctype that may be addressed directly (child tables are reached through their parent). */
  meta(doctype: string): DocTypeMeta {
    const meta = this.registry.get(doctype);
    if (!meta || meta.isChild) throw new DoesNotExistError(`DocType ${doctype} not found`);
    return meta;
  }

  /**
   * A whole document the user may read. Outside a transaction it may come from the document
   * cache and is then frozen: treat what this returns as read-only.
   */
  async getDoc(ctx: Ctx, doctype: string, name: string): Promise<Doc> {
    const meta = this.meta(doctype);
    const load = () => this.store.load(ctx, meta, name);
    const doc = ctx.inTransaction ? await load() : await this.cache.read(meta.name, name, load);
    if (!doc) throw new DoesNotExistError(`${doctype} ${name} not found`);
    await this.perms.check(ctx, meta, 'read', doc);
    return doc;
  }

  /**
   * Several whole documents at once (GraphQL child tables of listed documents): the ones the
   * user may read, by name; three queries in all instead of a getDoc per name.
   */
  async getDocs(ctx: Ctx, doctype: string, names: readonly string[]): Promise<Map<string, Doc>> {
    const meta = this.meta(doctype);
    await this.perms.check(ctx, meta, 'read');
    if (!names.length) return new Map();
    const match = await this.perms.matchConditions(ctx, meta);
    const rows = await ctx.db.query(
      `SELECT * FROM \`${meta.tableName}\` t WHERE t.name IN (${names.map(() => '?').join(', ')})${match ? ` AND ${match.sql}` : ''}`,
      [...names, ...(match?.params ?? [])],
    );
    const docs = await this.store.withChildren(ctx, meta, rows);
    return new Map(docs.map((d) => [d.name as string, d]));
  }

  async getList(ctx: Ctx, doctype: string, params: ListParams): Promise<Doc[] | unknown[][]> {
    const meta = this.meta(doctype);
    await this.perms.check(ctx, meta, 'read');
    const rights = await this.perms.effectiveRights(ctx, meta.name);
    const q = new QueryCompiler(meta, { engine: this.db.engine, registry: this.registry, readLevels: rights.readLevels });
    const select = q.select(params.fields);
    const sqlParams: unknown[] = [];
    const where = await this.where(ctx, meta, q, params, sqlParams);
    const groupBy = q.groupBy(params.group_by);
    const orderBy = q.orderBy(params.order_by, select);
    const { start, length } = this.page(params);
    const sql =
      `SELECT ${select.map((s) => `${s.sql} AS \`${s.key.replace(/`/g, '')}\``).join(', ')} FROM \`${meta.tableName}\` t` +
      (where ? ` WHERE ${where}` : '') +
      (groupBy ? ` GROUP BY ${groupBy}` : '') +
      ` ORDER BY ${orderBy} LIMIT ? OFFSET ?`;
    const rows = await ctx.db.query(sql, [...sqlParams, length, start]);
    const out = rows.map((row) => {
      const o: Record<string, unknown> = {};
      for (const s of select) o[s.key] = s.field ? toWire(meta, s.field, fromDb(meta, s.field, row[s.key])) : normaliseAggregate(row[s.key]);
      return o;
    });
    return params.as_dict === false ? out.map((o) => select.map((s) => o[s.key])) : out;
  }

  async getCount(ctx: Ctx, doctype: string, filters?: unknown, orFilters?: unknown): Promise<number> {
    const meta = this.meta(doctype);
    await this.perms.check(ctx, meta, 'read');
    const rights = await this.perms.effectiveRights(ctx, meta.name);
    const q = new QueryCompiler(meta, { engine: this.db.engine, registry: this.registry, readLevels: rights.readLevels });
    const sqlParams: unknown[] = [];
    const where = await this.where(ctx, meta, q, { filters, or_filters: orFilters }, sqlParams);
    const [row] = await ctx.db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM \`${meta.tableName}\` t${where ? ` WHERE ${where}` : ''}`,
      sqlParams,
    );
    return Number(row.n);
  }

  private async where(ctx: Ctx, meta: DocTypeMeta, q: QueryCompiler, params: ListParams, sqlParams: unknown[]): Promise<string> {
    const parts = q.conditions(params.filters).map((c) => q.condition(c, sqlParams));
    const ors = q.conditions(params.or_filters).map((c) => q.condition(c, sqlParams));
    if (ors.length) parts.push(`(${ors.join(' OR ')})`);
    const match = await this.perms.matchConditions(ctx, meta);
    if (match) {
      parts.push(match.sql);
      sqlParams.push(...match.params);
    }
    return parts.join(' AND ');
  }

  private page(params: ListParams): { start: number; length: number } {
    const start = Number(params.limit_start ?? 0);
    let length = Number(params.limit_page_length ?? 20);
    if (!Number.isInteger(start) || start < 0) throw new DataError('limit_start must be a whole number ≥ 0');
    if (!Number.isInteger(length) || length < 0) throw new DataError('limit_page_length must be a whole number ≥ 0');
    if (length === 0 || length > this.config.maxPageLength) length = this.config.maxPageLength;
    return { start, length };
  }

  insert(ctx: Ctx, doctype: string, data: Record<string, unknown>): Promise<Doc> {
    return this.lifecycle.insert(ctx, this.meta(doctype), data);
  }

  /** Saves changes; a `docstatus` of 1 or 2 in `patch` submits or cancels. */
  update(ctx: Ctx, doctype: string, name: string, patch: Record<string, unknown>): Promise<Doc> {
    return this.lifecycle.save(ctx, this.meta(doctype), name, patch);
  }

  submit(ctx: Ctx, doctype: string, name: string, patch: Record<string, unknown> = {}): Promise<Doc> {
    return this.lifecycle.save(ctx, this.meta(doctype), name, { ...patch, docstatus: 1 });
  }

  cancel(ctx: Ctx, doctype: string, name: string): Promise<Doc> {
    return this.lifecycle.save(ctx, this.meta(doctype), name, { docstatus: 2 });
  }

  delete(ctx: Ctx, doctype: string, name: string): Promise<void> {
    return this.lifecycle.delete(ctx, this.meta(doctype), name);
  }

  /** A draft copy of a cancelled document, linked through amended_from (Frappe's Amend). */
  async amend(ctx: Ctx, doctype: string, name: string): Promise<Doc> {
    const src = await this.getDoc(ctx, doctype, name);
    const meta = this.meta(doctype);
    const copy: Record<string, unknown> = { amended_from: name };
    for (const f of meta.fields) {
      if (f.no_copy || f.read_only || f.fieldname === 'amended_from') continue;
      const v = src[f.fieldname];
      copy[f.fieldname] = f.fieldtype === 'Table' ? (v as Doc[]).map(({ name: _n, ...row }) => row) : v;
    }
    return this.insert(ctx, doctype, copy);
  }

  /** The wire form of a document: decimals as numbers at field precision, unreadable fields removed. */
  async toJSON(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<Record<string, unknown>> {
    const levels = (await this.perms.effectiveRights(ctx, meta.name)).readLevels;
    return this.wire(meta, doc, levels);
  }

  private wire(meta: DocTypeMeta, doc: Doc, levels: Set<number>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of meta.storedColumns) {
      if (!levels.has(f.permlevel ?? 0)) continue;
      out[f.fieldname] = toWire(meta, f, doc[f.fieldname]);
    }
    out.doctype = meta.name;
    for (const tf of meta.tableFields) {
      if (!levels.has(tf.permlevel ?? 0)) continue;
      const child = this.registry.get(tf.options!)!;
      out[tf.fieldname] = (doc[tf.fieldname] ?? []).map((r: Doc) => this.wire(child, r, levels));
    }
    return out;
  }

}

/** An aggregate's value: decimal text (MariaDB's DECIMAL sums, SQLite's dec_sum) as an exact JSON number. */
function normaliseAggregate(v: unknown): unknown {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return wireNumber(new Money(v));
  if (typeof v === 'bigint') return Number(v);
  return v ?? null;
}
