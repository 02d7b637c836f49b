import { Ctx, WriteResult } from '../db/context';
import { hashName } from './naming';
import { DuplicateEntryError, UniqueValidationError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { fromDb, roundDecimals, toDb } from '../metadata/values';
import { Doc } from './types';

/** Reads and writes documents (parent row + child rows) as plain SQL on `ctx.db`. */
export class DocStore {
  constructor(
    private readonly registry: MetaRegistry,
    private readonly forUpdateClause: () => string,
  ) {}

  rowToDoc(meta: DocTypeMeta, row: Record<string, unknown>): Doc {
    const doc: Doc = {};
    for (const f of meta.storedColumns) doc[f.fieldname] = fromDb(meta, f, row[f.fieldname]);
    return doc;
  }

  async load(ctx: Ctx, meta: DocTypeMeta, name: string, forUpdate = false): Promise<Doc | null> {
    const lock = forUpdate ? this.forUpdateClause() : '';
    const rows = await ctx.db.query(`SELECT * FROM \`${meta.tableName}\` WHERE name = ?${lock}`, [name]);
    const [doc] = await this.withChildren(ctx, meta, rows);
    return doc ?? null;
  }

  /**
   * Whole documents from their parent rows: each child table is read once for all of them
   * (`parent IN (…)`), so N documents cost one query per child table, not N.
   */
  async withChildren(ctx: Ctx, meta: DocTypeMeta, rows: Record<string, unknown>[]): Promise<Doc[]> {
    const docs = rows.map((r) => this.rowToDoc(meta, r));
    if (!docs.length) return docs;
    const names = docs.map((d) => d.name);
    const marks = names.map(() => '?').join(', ');
    const loadTable = async (fieldname: string, childType: string) => {
      const child = this.registry.get(childType)!;
      const childRows = await ctx.db.query(
        `SELECT * FROM \`${child.tableName}\` WHERE parenttype = ? AND parentfield = ? AND parent IN (${marks}) ORDER BY parent, idx`,
        [meta.name, fieldname, ...names],
      );
      const byParent = new Map<string, Doc[]>(names.map((n) => [n, []]));
      for (const r of childRows) byParent.get(String(r.parent))?.push(this.rowToDoc(child, r));
      for (const d of docs) d[fieldname] = byParent.get(d.name) ?? [];
    };
    // Outside a transaction the pool runs the child queries side by side; inside, one connection takes them in turn.
    if (ctx.inTransaction) for (const tf of meta.tableFields) await loadTable(tf.fieldname, tf.options!);
    else await Promise.all(meta.tableFields.map((tf) => loadTable(tf.fieldname, tf.options!)));
    return docs;
  }

  /** Inserts one row; `onConflict` (an upsert clause of the engine, perhaps with RETURNING) makes a duplicate a no-op. */
  async insertRow(ctx: Ctx, meta: DocTypeMeta, doc: Doc, onConflict = ''): Promise<WriteResult> {
    const cols = meta.storedColumns;
    const sql = `INSERT INTO \`${meta.tableName}\` (${cols.map((c) => `\`${c.fieldname}\``).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${onConflict}`;
    try {
      return await ctx.db.write(meta.tableName, sql, cols.map((c) => toDb(meta, c, doc[c.fieldname])));
    } catch (err) {
      const translated = translateDuplicate(err, meta, doc);
      // The engine names the first constraint it checked: a taken name is what Frappe reports (409).
      if (translated instanceof UniqueValidationError && (await ctx.db.query(`SELECT name FROM \`${meta.tableName}\` WHERE name = ?`, [doc.name])).length) {
        throw new DuplicateEntryError(`${meta.name} ${doc.name} already exists`);
      }
      throw translated;
    }
  }

  /**
   * Inserts a record the kernel writes itself (versions, logs, tokens, permission rows): the
   * standard fields are filled in, every value is converted as its definition says.
   */
  async insertRecord(ctx: Ctx, meta: DocTypeMeta, values: Doc): Promise<void> {
    const now = Ctx.now();
    const base = { name: hashName(), owner: ctx.user.name, creation: now, modified: now, modified_by: ctx.user.name, docstatus: 0, idx: 0 };
    await this.insertRow(ctx, meta, { ...base, ...values });
  }

  /**
   * Inserts many records the kernel or a ledger writes itself (GL Entries of a voucher) in one
   * statement per 200 rows, standard fields filled in as insertRecord does.
   */
  async insertRecords(ctx: Ctx, meta: DocTypeMeta, rows: readonly Doc[]): Promise<void> {
    const now = Ctx.now();
    const base = { owner: ctx.user.name, creation: now, modified: now, modified_by: ctx.user.name, docstatus: 0, idx: 0 };
    await this.insertRows(ctx, meta, rows.map((values) => ({ name: hashName(), ...base, ...values })));
  }

  /** Inserts whole rows in one statement per 200 (a document's child rows, a voucher's ledger rows). */
  private async insertRows(ctx: Ctx, meta: DocTypeMeta, rows: readonly Doc[]): Promise<void> {
    const cols = meta.storedColumns;
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      const params: unknown[] = [];
      for (const doc of chunk) for (const c of cols) params.push(toDb(meta, c, doc[c.fieldname]));
      const sql = `INSERT INTO \`${meta.tableName}\` (${cols.map((c) => `\`${c.fieldname}\``).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
      await ctx.db.write(meta.tableName, sql, params).catch((err) => {
        throw translateDuplicate(err, meta, chunk[0]);
      });
    }
  }

  async updateRow(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<void> {
    const cols = meta.storedColumns.filter((c) => c.fieldname !== 'name');
    const sql = `UPDATE \`${meta.tableName}\` SET ${cols.map((c) => `\`${c.fieldname}\` = ?`).join(', ')} WHERE name = ?`;
    try {
      await ctx.db.write(meta.tableName, sql, [...cols.map((c) => toDb(meta, c, doc[c.fieldname])), doc.name]);
    } catch (err) {
      throw translateDuplicate(err, meta, doc);
    }
  }

  async deleteRow(ctx: Ctx, meta: DocTypeMeta, name: string): Promise<void> {
    await ctx.db.write(meta.tableName, `DELETE FROM \`${meta.tableName}\` WHERE name = ?`, [name]);
  }

  /** Writes a whole document: the parent row, then its child rows (replaced as a set). */
  async write(ctx: Ctx, meta: DocTypeMeta, doc: Doc, isNew: boolean): Promise<void> {
    roundDecimals(this.registry, meta, doc);
    if (isNew) await this.insertRow(ctx, meta, doc);
    else await this.updateRow(ctx, meta, doc);
    for (const tf of meta.tableFields) {
      const child = this.registry.get(tf.options!)!;
      if (!isNew) await this.deleteChildren(ctx, meta, child, doc.name, tf.fieldname);
      const rows = (doc[tf.fieldname] ?? []) as Doc[];
      if (rows.length) await this.insertRows(ctx, child, rows);
    }
  }

  async deleteChildren(ctx: Ctx, meta: DocTypeMeta, child: DocTypeMeta, parent: string, parentfield?: string): Promise<void> {
    const byField = parentfield ? ' AND parentfield = ?' : '';
    await ctx.db.write(child.tableName, `DELETE FROM \`${child.tableName}\` WHERE parent = ? AND parenttype = ?${byField}`, [
      parent,
      meta.name,
      ...(parentfield ? [parentfield] : []),
    ]);
  }
}

function translateDuplicate(err: unknown, meta: DocTypeMeta, doc: Doc): unknown {
  const e = err as { code?: string; errno?: number; message?: string; driverError?: { code?: string; message?: string } };
  const code = e.code ?? e.driverError?.code ?? '';
  const message = e.message ?? e.driverError?.message ?? '';
  if (code === 'ER_DUP_ENTRY' || e.errno === 1062 || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
    const onName = /PRIMARY|\.name\b/.test(message) || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    if (onName) return new DuplicateEntryError(`${meta.name} ${doc.name} already exists`);
    const field = meta.storedColumns.find((f) => f.unique && (message.includes(`.${f.fieldname}`) || message.includes(`_${f.fieldname}'`)));
    const label = field ? (field.label ?? field.fieldname) : 'a unique field';
    return new UniqueValidationError(`${meta.name}: ${label} ${field ? `"${doc[field.fieldname]}" ` : ''}must be unique`);
  }
  return err;
}
