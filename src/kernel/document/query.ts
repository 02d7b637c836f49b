import { DbEngine } from '../../config/config';
import { DataError, PermissionError, ValidationError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { FieldDef } from '../metadata/types';

/**
 * Compiles Frappe's list parameters into parameterised SQL. Every identifier comes from the
 * doctype's metadata (checked against the caller's readable permlevels); every value is a
 * bound parameter; anything else is a 4xx before SQL is built.
 */

const IDENT = '[a-z_][a-z0-9_]*';
const PLAIN_FIELD = new RegExp(`^(?:\`?tab([A-Za-z0-9 _-]+)\`?\\.)?\`?(${IDENT})\`?(?:\\s+as\\s+(${IDENT}))?$`, 'i');
const AGGREGATE = new RegExp(`^(count|sum|avg|min|max)\\(\\s*(\\*|distinct\\s+${IDENT}|${IDENT})\\s*\\)(?:\\s+as\\s+(${IDENT}))?$`, 'i');
const ORDER_PART = new RegExp(`^(?:\`?tab([A-Za-z0-9 _-]+)\`?\\.)?\`?(${IDENT})\`?(?:\\s+(asc|desc))?$`, 'i');

export const OPERATORS = [
  '=', '!=', '<>', '>', '<', '>=', '<=', 'like', 'not like', 'in', 'not in', 'is', 'between', 'timespan',
  'descendants of', 'descendants of (inclusive)', 'ancestors of', 'not descendants of', 'not ancestors of',
] as const;

export interface SelectItem {
  /** SQL expression */
  sql: string;
  /** key in the result row */
  key: string;
  field?: FieldDef;
}

export interface Condition {
  doctype: string;
  field: string;
  op: string;
  value: unknown;
}

export interface CompileOptions {
  engine: DbEngine;
  registry: MetaRegistry;
  readLevels: Set<number>;
}

function bad(msg: string): never {
  throw new DataError(msg);
}

export function parseJsonParam(name: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  if (s === '') return undefined;
  if (!/^[[{"]/.test(s)) return s; // plain strings like fields=name are allowed
  try {
    return JSON.parse(s);
  } catch {
    return bad(`${name} is not valid JSON`);
  }
}

export class QueryCompiler {
  constructor(
    private readonly meta: DocTypeMeta,
    private readonly opts: CompileOptions,
  ) {}

  /** A column of this doctype (or a child doctype) the caller may read; throws otherwise. */
  column(fieldname: string, meta: DocTypeMeta = this.meta): FieldDef {
    const f = meta.field(fieldname);
    if (!f || f.fieldtype === 'Table' || f.fieldtype === 'Password') {
      return bad(`Field not found in ${meta.name}: ${fieldname}`);
    }
    if (!this.opts.readLevels.has(f.permlevel ?? 0)) throw new PermissionError(`No permission to read ${meta.name}.${fieldname}`);
    return f;
  }

  /** Column expression for comparisons and ordering (decimals are text on SQLite, compared as numbers). */
  expr(alias: string, meta: DocTypeMeta, f: FieldDef): string {
    const col = `${alias}.\`${f.fieldname}\``;
    return this.opts.engine === 'sqlite' && meta.isDecimal(f) ? `CAST(${col} AS REAL)` : col;
  }

  select(fields: unknown): SelectItem[] {
    let list = fields ?? ['name'];
    if (typeof list === 'string') list = list.split(',').map((s) => s.trim());
    if (!Array.isArray(list) || !list.length) return bad('fields must be a list of field names');
    const out: SelectItem[] = [];
    for (const raw of list) {
      if (typeof raw !== 'string') return bad('fields must be a list of field names');
      const item = raw.trim();
      if (item === '*' || item === '`tab' + this.meta.name + '`.*') {
        for (const f of this.meta.columns) {
          if (f.fieldtype === 'Password' || !this.opts.readLevels.has(f.permlevel ?? 0)) continue;
          out.push({ sql: `t.\`${f.fieldname}\``, key: f.fieldname, field: f });
        }
        continue;
      }
      const agg = AGGREGATE.exec(item);
      if (agg) {
        const fn = agg[1].toUpperCase();
        let arg = agg[2];
        if (arg !== '*') {
          const distinct = /^distinct\s+/i.test(arg);
          const f = this.column(arg.replace(/^distinct\s+/i, ''));
          arg = (distinct ? 'DISTINCT ' : '') + this.expr('t', this.meta, f);
        } else if (fn !== 'COUNT') bad(`${fn}(*) is not allowed`);
        out.push({ sql: `${fn}(${arg})`, key: agg[3] ?? item });
        continue;
      }
      const m = PLAIN_FIELD.exec(item);
      if (!m) return bad(`Invalid field: ${item}`);
      if (m[1] && m[1] !== this.meta.name) bad(`Field ${item} does not belong to ${this.meta.name}`);
      const f = this.column(m[2]);
      out.push({ sql: `t.\`${f.fieldname}\``, key: m[3] ?? f.fieldname, field: f });
    }
    return out;
  }

  /** Normalises list or dict filters into conditions. */
  conditions(filters: unknown): Condition[] {
    if (filters === undefined || filters === null || filters === '') return [];
    if (Array.isArray(filters)) {
      return filters.map((entry) => {
        if (!Array.isArray(entry)) return bad('Each filter must be a list: [field, operator, value]');
        if (entry.length === 2) return { doctype: this.meta.name, field: String(entry[0]), op: '=', value: entry[1] };
        if (entry.length === 3) return { doctype: this.meta.name, field: String(entry[0]), op: String(entry[1]), value: entry[2] };
        if (entry.length === 4 || entry.length === 5) {
          return { doctype: String(entry[0]), field: String(entry[1]), op: String(entry[2]), value: entry[3] };
        }
        return bad('Each filter must be [field, operator, value] or [doctype, field, operator, value]');
      });
    }
    if (typeof filters === 'object') {
      return Object.entries(filters as Record<string, unknown>).map(([field, v]) => {
        if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && OPERATORS.includes(v[0].toLowerCase() as never)) {
          return { doctype: this.meta.name, field, op: v[0], value: v[1] };
        }
        return { doctype: this.meta.name, field, op: '=', value: v };
      });
    }
    return bad('filters must be a list or an object');
  }

  /** SQL for one condition on alias `t` (child-table conditions become EXISTS subqueries). */
  condition(c: Condition, params: unknown[]): string {
    const op = c.op.trim().toLowerCase();
    if (!OPERATORS.includes(op as never)) bad(`Invalid operator: ${c.op}`);
    if (c.doctype === this.meta.name) {
      const f = this.column(c.field);
      return this.compare(this.expr('t', this.meta, f), this.meta, f, op, c.value, params);
    }
    const table = this.meta.tableFields.find((tf) => tf.options === c.doctype);
    const child = table && this.opts.registry.get(c.doctype);
    if (!child) return bad(`${c.doctype} is not a child table of ${this.meta.name}`);
    const f = this.column(c.field, child);
    params.push(this.meta.name);
    const inner = this.compare(this.expr('c', child, f), child, f, op, c.value, params);
    return `EXISTS (SELECT 1 FROM \`${child.tableName}\` c WHERE c.parent = t.name AND c.parenttype = ? AND ${inner})`;
  }

  private scalar(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (typeof v === 'object') bad(`Filter value for ${f.fieldname} must be a single value`);
    if (meta.isDecimal(f) || f.fieldtype === 'Int' || f.fieldtype === 'Check') {
      const s = String(v).trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) bad(`Filter value for ${f.fieldname} must be a number`);
      return this.opts.engine === 'sqlite' ? Number(s) : s;
    }
    return String(v);
  }

  private compare(col: string, meta: DocTypeMeta, f: FieldDef, op: string, value: unknown, params: unknown[]): string {
    switch (op) {
      case '=':
      case '>':
      case '<':
      case '>=':
      case '<=': {
        const v = this.scalar(meta, f, value);
        if (v === null) return op === '=' ? `(${col} IS NULL OR ${col} = '')` : '1 = 0';
        params.push(v);
        return `${col} ${op} ?`;
      }
      case '!=':
      case '<>': {
        const v = this.scalar(meta, f, value);
        if (v === null) return `(${col} IS NOT NULL AND ${col} != '')`;
        params.push(v);
        return `(${col} IS NULL OR ${col} != ?)`;
      }
      case 'like':
      case 'not like': {
        if (typeof value !== 'string' && typeof value !== 'number') bad(`like needs a text value for ${f.fieldname}`);
        params.push(String(value));
        return op === 'like' ? `${col} LIKE ?` : `(${col} IS NULL OR ${col} NOT LIKE ?)`;
      }
      case 'in':
      case 'not in': {
        const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : bad(`${op} needs a list for ${f.fieldname}`);
        if (list.length > 1000) bad(`${op} takes at most 1000 values`);
        const vals = list.filter((v) => v !== '' && v !== null).map((v) => this.scalar(meta, f, v));
        if (!vals.length) return op === 'in' ? '1 = 0' : '1 = 1';
        params.push(...vals);
        const marks = vals.map(() => '?').join(', ');
        return op === 'in' ? `${col} IN (${marks})` : `(${col} IS NULL OR ${col} NOT IN (${marks}))`;
      }
      case 'is': {
        const v = String(value).toLowerCase();
        if (v === 'set') return `(${col} IS NOT NULL AND ${col} != '')`;
        if (v === 'not set') return `(${col} IS NULL OR ${col} = '')`;
        return bad(`is takes "set" or "not set", got ${JSON.stringify(value)}`);
      }
      case 'between': {
        if (!Array.isArray(value) || value.length !== 2) bad(`between needs [from, to] for ${f.fieldname}`);
        const [a, b] = (value as unknown[]).map((v) => this.scalar(meta, f, v));
        params.push(a, f.fieldtype === 'Datetime' && String(b).length === 10 ? `${b} 23:59:59.999999` : b);
        return `${col} BETWEEN ? AND ?`;
      }
      case 'timespan': {
        const [from, to] = timespan(String(value));
        params.push(from, f.fieldtype === 'Datetime' ? `${to} 23:59:59.999999` : to);
        return `${col} BETWEEN ? AND ?`;
      }
      default:
        return this.treeCompare(col, f, op, value, params);
    }
  }

  private treeCompare(col: string, f: FieldDef, op: string, value: unknown, params: unknown[]): string {
    const target = f.fieldname === 'name' ? this.meta : f.fieldtype === 'Link' ? this.opts.registry.get(f.options ?? '') : undefined;
    if (!target?.isTree) return bad(`${op} needs a link to a tree doctype, ${f.fieldname} is not one`);
    if (typeof value !== 'string') bad(`${op} needs a node name`);
    const tbl = `\`${target.tableName}\``;
    const node = (c: 'lft' | 'rgt') => `(SELECT ${c} FROM ${tbl} WHERE name = ?)`;
    let sub: string;
    if (op.startsWith('descendants of') || op === 'not descendants of') {
      const inclusive = op.endsWith('(inclusive)');
      sub = `SELECT name FROM ${tbl} WHERE lft ${inclusive ? '>=' : '>'} ${node('lft')} AND rgt ${inclusive ? '<=' : '<'} ${node('rgt')}`;
    } else {
      sub = `SELECT name FROM ${tbl} WHERE lft < ${node('lft')} AND rgt > ${node('rgt')}`;
    }
    params.push(value, value);
    return op.startsWith('not ') ? `(${col} IS NULL OR ${col} NOT IN (${sub}))` : `${col} IN (${sub})`;
  }

  orderBy(raw: unknown, selected: SelectItem[]): string {
    if (raw === undefined || raw === null || raw === '') {
      const f = this.meta.field(this.meta.sortField) ?? this.meta.field('modified')!;
      return `${this.expr('t', this.meta, f)} ${this.meta.sortOrder.toUpperCase()}`;
    }
    if (typeof raw !== 'string') return bad('order_by must be text like "modified desc"');
    return raw
      .split(',')
      .map((part) => {
        const m = ORDER_PART.exec(part.trim());
        if (!m) return bad(`Invalid order_by: ${part.trim()}`);
        if (m[1] && m[1] !== this.meta.name) bad(`order_by field ${part.trim()} does not belong to ${this.meta.name}`);
        const dir = (m[3] ?? 'asc').toUpperCase();
        const alias = selected.find((s) => s.key === m[2] && !s.field);
        if (alias) return `${alias.sql} ${dir}`;
        return `${this.expr('t', this.meta, this.column(m[2]))} ${dir}`;
      })
      .join(', ');
  }

  groupBy(raw: unknown): string | null {
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string') return bad('group_by must be a field name');
    return raw
      .split(',')
      .map((p) => {
        const m = PLAIN_FIELD.exec(p.trim());
        if (!m || m[3]) return bad(`Invalid group_by: ${p.trim()}`);
        return `t.\`${this.column(m[2]).fieldname}\``;
      })
      .join(', ');
  }
}

/** Frappe's timespan names as inclusive [from, to] dates (UTC). */
export function timespan(name: string, today: Date = new Date()): [string, string] {
  const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m, day)).toISOString().slice(0, 10);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const day = today.getUTCDate();
  const dow = (today.getUTCDay() + 6) % 7; // Monday = 0
  const q = Math.floor(m / 3) * 3;
  switch (name.toLowerCase()) {
    case 'today':
      return [d(y, m, day), d(y, m, day)];
    case 'yesterday':
      return [d(y, m, day - 1), d(y, m, day - 1)];
    case 'tomorrow':
      return [d(y, m, day + 1), d(y, m, day + 1)];
    case 'this week':
      return [d(y, m, day - dow), d(y, m, day - dow + 6)];
    case 'last week':
      return [d(y, m, day - dow - 7), d(y, m, day - dow - 1)];
    case 'next week':
      return [d(y, m, day - dow + 7), d(y, m, day - dow + 13)];
    case 'this month':
      return [d(y, m, 1), d(y, m + 1, 0)];
    case 'last month':
      return [d(y, m - 1, 1), d(y, m, 0)];
    case 'next month':
      return [d(y, m + 1, 1), d(y, m + 2, 0)];
    case 'this quarter':
      return [d(y, q, 1), d(y, q + 3, 0)];
    case 'last quarter':
      return [d(y, q - 3, 1), d(y, q, 0)];
    case 'this year':
      return [d(y, 0, 1), d(y, 11, 31)];
    case 'last year':
      return [d(y - 1, 0, 1), d(y - 1, 11, 31)];
    case 'last 7 days':
      return [d(y, m, day - 6), d(y, m, day)];
    case 'last 30 days':
      return [d(y, m, day - 29), d(y, m, day)];
    default:
      throw new ValidationError(`Unknown timespan: ${name}`);
  }
}
