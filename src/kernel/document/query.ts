import { isLosslessNumber } from 'lossless-json';
import { DbEngine } from '../../config/config';
import { DataError, PermissionError, ValidationError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { FieldDef } from '../metadata/types';
import { Money } from '../money/decimal';
import { parseExactJson } from '../money/json';
import { decimalSortKey, storable } from '../money/sqlite-functions';
import { today } from '../time/clock';

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
    // numbers keep their digits (a decimal filter compares them exactly)
    return parseExactJson(s);
  } catch {
    try {
      return JSON.parse(s); // what only the exact reader refuses: a key given twice
    } catch {
      return bad(`${name} is not valid JSON`);
    }
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

  /** SQLite keeps decimals as text: they are compared, ordered and summed by the dec_* functions (kernel/money). */
  private sqliteDecimal(meta: DocTypeMeta, f: FieldDef): boolean {
    return this.opts.engine === 'sqlite' && meta.isDecimal(f);
  }

  /** Column expression for ordering: numeric order for decimals on SQLite too. */
  orderExpr(alias: string, meta: DocTypeMeta, f: FieldDef): string {
    const col = `${alias}.\`${f.fieldname}\``;
    return this.sqliteDecimal(meta, f) ? `dec_key(${col})` : col;
  }

  /** An aggregate over a column: exact for decimals on both engines (MariaDB's DECIMAL arithmetic is). */
  private aggregate(fn: string, distinct: boolean, f: FieldDef): string {
    const col = `${distinct ? 'DISTINCT ' : ''}t.\`${f.fieldname}\``;
    return this.sqliteDecimal(this.meta, f) && fn !== 'COUNT' ? `dec_${fn.toLowerCase()}(${col})` : `${fn}(${col})`;
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
        const arg = agg[2];
        if (arg === '*' && fn !== 'COUNT') bad(`${fn}(*) is not allowed`);
        const sql = arg === '*' ? 'COUNT(*)' : this.aggregate(fn, /^distinct\s+/i.test(arg), this.column(arg.replace(/^distinct\s+/i, '')));
        out.push({ sql, key: agg[3] ?? item });
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
      return this.compare('t', this.meta, f, op, c.value, params);
    }
    const table = this.meta.tableFields.find((tf) => tf.options === c.doctype);
    const child = table && this.opts.registry.get(c.doctype);
    if (!child) return bad(`${c.doctype} is not a child table of ${this.meta.name}`);
    const f = this.column(c.field, child);
    params.push(this.meta.name);
    const inner = this.compare('c', child, f, op, c.value, params);
    return `EXISTS (SELECT 1 FROM \`${child.tableName}\` c WHERE c.parent = t.name AND c.parenttype = ? AND ${inner})`;
  }

  private scalar(meta: DocTypeMeta, f: FieldDef, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    // Numbers from the exact JSON reader that a double could not hold compare by their digits.
    const text = isLosslessNumber(v) ? v.toString() : v;
    if (typeof text === 'object') bad(`Filter value for ${f.fieldname} must be a single value`);
    if (meta.isDecimal(f) || f.fieldtype === 'Int' || f.fieldtype === 'Check') {
      const s = String(text).trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) bad(`Filter value for ${f.fieldname} must be a number`);
      // Decimals stay text, compared exactly (see bound); integers are numbers on SQLite.
      return this.opts.engine === 'sqlite' && !meta.isDecimal(f) ? Number(s) : s;
    }
    return String(text);
  }

  /**
   * `col op ?` with the value bound. Decimals compare exactly: by dec_cmp on SQLite (whose
   * columns hold text), and on MariaDB as DECIMAL (a string parameter would be compared as a double).
   */
  private bound(col: string, meta: DocTypeMeta, f: FieldDef, op: string, v: unknown, params: unknown[]): string {
    params.push(v);
    if (!meta.isDecimal(f)) return `${col} ${op} ?`;
    return this.sqliteDecimal(meta, f) ? `dec_cmp(${col}, ?) ${op} 0` : `${col} ${op} CAST(? AS DECIMAL(65,30))`;
  }

  /** `col IN (…)` over bound values (decimals exactly, as in `bound`); '1 = 0' when none can match. */
  private inList(col: string, meta: DocTypeMeta, f: FieldDef, vals: unknown[], params: unknown[]): string {
    if (this.sqliteDecimal(meta, f)) {
      // Sort keys are exact for every value a column can hold; no other value can equal one.
      const keys = vals.map((v) => new Money(String(v))).filter(storable).map(decimalSortKey);
      if (!keys.length) return '1 = 0';
      params.push(...keys);
      return `dec_key(${col}) IN (${keys.map(() => '?').join(', ')})`;
    }
    params.push(...vals);
    const mark = meta.isDecimal(f) ? 'CAST(? AS DECIMAL(65,30))' : '?';
    return `${col} IN (${vals.map(() => mark).join(', ')})`;
  }

  private compare(alias: string, meta: DocTypeMeta, f: FieldDef, op: string, value: unknown, params: unknown[]): string {
    const col = `${alias}.\`${f.fieldname}\``;
    switch (op) {
      case '=':
      case '>':
      case '<':
      case '>=':
      case '<=': {
        const v = this.scalar(meta, f, value);
        if (v === null) return op === '=' ? `(${col} IS NULL OR ${col} = '')` : '1 = 0';
        return this.bound(col, meta, f, op, v, params);
      }
      case '!=':
      case '<>': {
        const v = this.scalar(meta, f, value);
        if (v === null) return `(${col} IS NOT NULL AND ${col} != '')`;
        return `(${col} IS NULL OR ${this.bound(col, meta, f, '!=', v, params)})`;
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
        const within = vals.length ? this.inList(col, meta, f, vals, params) : '1 = 0';
        if (op === 'in') return within;
        return within === '1 = 0' ? '1 = 1' : `(${col} IS NULL OR NOT ${within})`;
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
        if (meta.isDecimal(f)) {
          if (a === null || b === null) return '1 = 0';
          return `(${this.bound(col, meta, f, '>=', a, params)} AND ${this.bound(col, meta, f, '<=', b, params)})`;
        }
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
      return `${this.orderExpr('t', this.meta, f)} ${this.meta.sortOrder.toUpperCase()}`;
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
        return `${this.orderExpr('t', this.meta, this.column(m[2]))} ${dir}`;
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

/** Frappe's timespan names as inclusive [from, to] dates, around today in the system time zone. */
export function timespan(name: string, on: string = today()): [string, string] {
  const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m, day)).toISOString().slice(0, 10);
  const [y, m, day] = [Number(on.slice(0, 4)), Number(on.slice(5, 7)) - 1, Number(on.slice(8, 10))];
  const dow = (new Date(Date.UTC(y, m, day)).getUTCDay() + 6) % 7; // Monday = 0
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
