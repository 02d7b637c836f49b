import Decimal from 'decimal.js';
import { DbEngine } from '../../config/config';
import { Ctx, DataAccess, FieldCondition, FieldUpdate, ListQuery } from '../db/context';
import { DataError, DoesNotExistError, PermissionError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { STANDARD_FIELDS } from '../metadata/types';
import { coerceInput, fromDb, toDb } from '../metadata/values';
import { newDoc } from './input';
import { hashName } from './naming';
import { PermissionService } from './permissions';
import { DocStore } from './store';
import { Doc } from './types';
import { compileWhere, decimalMark, storedField } from './where';
import { diffDocs, isEmptyDiff, writeVersion } from './versions';

/** Fields the kernel keeps: setValue and updateWhere never write them. */
const KERNEL_FIELDS = new Set([...STANDARD_FIELDS.map((f) => f.fieldname), 'parent', 'parentfield', 'parenttype', 'lft', 'rgt']);

/** What the facade needs of the DocumentService (whole documents go through its lifecycle). */
export interface DocumentDoor {
  meta(doctype: string): DocTypeMeta;
  getDoc(ctx: Ctx, doctype: string, name: string): Promise<Doc>;
  insert(ctx: Ctx, doctype: string, data: Record<string, unknown>): Promise<Doc>;
}

function isIncrement(v: FieldUpdate): v is { add: unknown } {
  return typeof v === 'object' && v !== null && !(v instanceof Decimal) && 'add' in v;
}

/**
 * The data methods of Ctx (kernel/db/context.ts): reads permission-checked unless elevated,
 * writes through the store, so each names its table (the cache and the ChangeFeed rely on it).
 * Writes without hooks (setValue, lockKeys, updateWhere) need the doctype's write right.
 */
export class DocumentFacade implements DataAccess {
  constructor(
    private readonly door: DocumentDoor,
    private readonly registry: MetaRegistry,
    private readonly store: DocStore,
    private readonly perms: PermissionService,
    private readonly engine: DbEngine,
  ) {}

  /** Any doctype, child tables included (their rows have no permissions of their own: readable as the system). */
  private metaOf(doctype: string): DocTypeMeta {
    const meta = this.registry.get(doctype);
    if (!meta) throw new DoesNotExistError(`DocType ${doctype} not found`);
    return meta;
  }

  getDoc(ctx: Ctx, doctype: string, name: string): Promise<Doc> {
    return this.door.getDoc(ctx, doctype, name);
  }

  insert(ctx: Ctx, doctype: string, values: Doc): Promise<Doc> {
    return this.door.insert(ctx, doctype, values);
  }

  async getValue(ctx: Ctx, doctype: string, filters: string | Record<string, FieldCondition>, fields: readonly string[]): Promise<Doc | null> {
    const [row] = await this.getList(ctx, doctype, { filters: typeof filters === 'string' ? { name: filters } : filters, fields: [...fields], limit: 1 });
    return row ?? null;
  }

  async getList(ctx: Ctx, doctype: string, query: ListQuery): Promise<Doc[]> {
    const meta = this.metaOf(doctype);
    await this.perms.check(ctx, meta, 'read');
    const levels = (await this.perms.effectiveRights(ctx, meta.name)).readLevels;
    const fields = (query.fields ?? ['name']).map((n) => storedField(meta, n));
    for (const f of fields) {
      if (!levels.has(f.permlevel ?? 0)) throw new PermissionError(`No permission to read ${meta.name}.${f.fieldname}`);
    }
    const where = compileWhere(meta, query.filters ?? {}, this.engine);
    const match = await this.perms.matchConditions(ctx, meta);
    if (match) where.sql.push(match.sql);
    const [orderField, dir = 'asc'] = (query.order_by ?? `${meta.sortField} ${meta.sortOrder}`).trim().split(/\s+/);
    if (!['asc', 'desc'].includes(dir.toLowerCase())) throw new DataError(`order_by: ${query.order_by} is not "<field> asc|desc"`);
    storedField(meta, orderField);
    // A condition SQL cannot check exactly (see where.ts) filters the rows here, before the limit.
    const limit = query.limit !== undefined && !where.test ? ` LIMIT ${Math.max(0, Math.trunc(query.limit))}` : '';
    // One document by name (what getValue mostly asks) is read once per transaction.
    const byName = !match && Object.keys(query.filters ?? {}).length === 1 && typeof query.filters?.name === 'string' ? query.filters.name : undefined;
    const rows =
      byName !== undefined
        ? await ctx.db.rowsByName(meta.tableName, [byName])
        : await ctx.db.query(
            `SELECT * FROM \`${meta.tableName}\` t${where.sql.length ? ` WHERE ${where.sql.join(' AND ')}` : ''} ORDER BY t.\`${orderField}\` ${dir}${limit}`,
            [...where.params, ...(match?.params ?? [])],
          );
    const kept = where.test ? rows.filter(where.test).slice(0, query.limit ?? rows.length) : rows;
    return kept.map((r) => Object.fromEntries(fields.map((f) => [f.fieldname, fromDb(meta, f, r[f.fieldname])])));
  }

  async setValue(ctx: Ctx, doctype: string, name: string, values: Doc): Promise<Doc> {
    const meta = this.door.meta(doctype);
    const before = await this.store.load(ctx, meta, name, true);
    if (!before) throw new DoesNotExistError(`${doctype} ${name} not found`);
    await this.perms.check(ctx, meta, 'write', before);
    const doc: Doc = { ...before };
    for (const [fieldname, value] of Object.entries(values)) doc[fieldname] = coerceInput(meta, this.writable(meta, fieldname), value);
    doc.modified = Ctx.now();
    doc.modified_by = ctx.user.name;
    await this.store.updateRow(ctx, meta, doc);
    if (meta.trackChanges) {
      const diff = diffDocs(this.registry, meta, before, doc);
      if (!isEmptyDiff(diff)) await writeVersion(ctx, this.store, this.registry, meta, name, diff);
    }
    return doc;
  }

  async lockKeys(ctx: Ctx, doctype: string, keys: readonly Doc[]): Promise<Doc[]> {
    const meta = this.door.meta(doctype);
    if (!keys.length) return [];
    await this.perms.check(ctx, meta, 'write');
    const fields = this.uniqueKey(meta, keys[0]);
    const byKey = new Map<string, Doc>();
    for (const key of keys) {
      if (Object.keys(key).length !== fields.length) throw new DataError(`lockKeys ${doctype}: every key needs exactly ${fields.join(', ')}`);
      const values = Object.fromEntries(fields.map((f) => [f, coerceInput(meta, storedField(meta, f), key[f])]));
      byKey.set(JSON.stringify(fields.map((f) => toDb(meta, storedField(meta, f), values[f]))), values);
    }
    // One order for every transaction: two that need the same rows queue instead of deadlocking.
    const sorted = [...byKey.keys()].sort().map((k) => byKey.get(k)!);
    // The upsert takes the row's exclusive lock whether it inserts or finds it (no shared lock is
    // ever upgraded, what deadlocks an INSERT IGNORE followed by FOR UPDATE), and RETURNING hands
    // back the row as it is now (not the transaction's snapshot): one statement per key.
    const onConflict =
      this.engine === 'mariadb'
        ? ' ON DUPLICATE KEY UPDATE `name` = `name` RETURNING *'
        : ` ON CONFLICT (${fields.map((f) => `\`${f}\``).join(', ')}) DO UPDATE SET \`name\` = \`name\` RETURNING *`;
    const rows: Doc[] = [];
    for (const values of sorted) {
      const now = Ctx.now();
      const row = { ...newDoc(ctx, meta), name: hashName(), owner: ctx.user.name, creation: now, modified: now, modified_by: ctx.user.name, ...values };
      const { rows: [locked] } = await this.store.insertRow(ctx, meta, row, onConflict);
      rows.push(this.store.rowToDoc(meta, locked));
    }
    return rows;
  }

  async updateWhere(ctx: Ctx, doctype: string, set: Record<string, FieldUpdate>, where: Record<string, FieldCondition>): Promise<number> {
    const meta = this.door.meta(doctype);
    await this.perms.check(ctx, meta, 'write');
    if (!Object.keys(where).length) throw new DataError(`updateWhere ${doctype}: give at least one condition`);
    const changes = Object.entries(set).map(([fieldname, value]) => {
      const f = this.writable(meta, fieldname);
      if (isIncrement(value) && !meta.isDecimal(f) && f.fieldtype !== 'Int') throw new DataError(`updateWhere ${doctype}: ${fieldname} is not a number`);
      return { f, add: isIncrement(value), value: coerceInput(meta, f, isIncrement(value) ? value.add : value) };
    });
    const stamp = { modified: Ctx.now(), modified_by: ctx.user.name };
    const cond = compileWhere(meta, where, this.engine);
    if (this.engine === 'mariadb') {
      const assignments = changes.map(({ f, add }) => `t.\`${f.fieldname}\` = ${add ? `t.\`${f.fieldname}\` + ` : ''}${decimalMark(meta, f, this.engine)}`);
      const r = await ctx.db.write(
        meta.tableName,
        `UPDATE \`${meta.tableName}\` t SET ${[...assignments, 't.modified = ?', 't.modified_by = ?'].join(', ')} WHERE ${cond.sql.join(' AND ')}`,
        [...changes.map(({ f, value }) => toDb(meta, f, value)), stamp.modified, stamp.modified_by, ...cond.params],
      );
      return r.affectedRows;
    }
    // SQLite keeps decimals as text: the rows are read, computed exactly and written back (serially).
    const rows = await ctx.db.query(`SELECT * FROM \`${meta.tableName}\` t${cond.sql.length ? ` WHERE ${cond.sql.join(' AND ')}` : ''}`, cond.params);
    const hits = cond.test ? rows.filter(cond.test) : rows;
    for (const row of hits) {
      const doc: Doc = { ...this.store.rowToDoc(meta, row), ...stamp };
      for (const { f, add, value } of changes) {
        doc[f.fieldname] = add ? (meta.isDecimal(f) ? (doc[f.fieldname] as Decimal).add(value as Decimal) : Number(doc[f.fieldname]) + Number(value)) : value;
      }
      await this.store.updateRow(ctx, meta, doc);
    }
    return hits.length;
  }

  private writable(meta: DocTypeMeta, fieldname: string) {
    const f = storedField(meta, fieldname);
    if (KERNEL_FIELDS.has(fieldname)) throw new DataError(`${meta.name}.${fieldname} is kept by the kernel and cannot be set`);
    return f;
  }

  /** The key columns must be the name or one of the doctype's unique_keys (which makes the insert race-free). */
  private uniqueKey(meta: DocTypeMeta, sample: Doc): string[] {
    const fields = Object.keys(sample).sort();
    const declared = [['name'], ...(meta.def.unique_keys ?? [])].map((k) => [...k].sort());
    if (!declared.some((k) => k.length === fields.length && k.every((c, i) => c === fields[i]))) {
      throw new DataError(`lockKeys ${meta.name}: (${fields.join(', ')}) is not a unique key of it`);
    }
    return fields;
  }
}
