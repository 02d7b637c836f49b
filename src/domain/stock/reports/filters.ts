import { Ctx } from '../../../kernel/db/context';
import { DataError, LinkValidationError } from '../../../kernel/errors/errors';
import { requireCompanyAccess } from './access';

/** The filters every stock report takes (ERPNext's report filters of the same names). */
export interface StockReportFilters {
  company?: string;
  item_code?: string;
  /** an Item Group: its descendants count too */
  item_group?: string;
  /** a Warehouse: a group warehouse includes its descendants */
  warehouse?: string;
  /** YYYY-MM-DD, inclusive */
  from_date?: string;
  /** YYYY-MM-DD, inclusive */
  to_date?: string;
  /** offset of the first row */
  limit_start?: number;
  /** rows per page; 0, or more than the cap, means the cap */
  limit_page_length?: number;
}

/** What a report needs of its surroundings. */
export interface ReportOptions {
  engine: 'mariadb' | 'sqlite';
  /** the list API's page-size cap (config.maxPageLength) */
  maxPageLength: number;
}

/** One page of a report, and how many rows all pages hold. */
export interface ReportPage<R> {
  rows: R[];
  total: number;
}

/** Rows per page when none is asked for (the list API's default). */
export const DEFAULT_PAGE_LENGTH = 20;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD calendar date, or DataError naming the filter. */
function checkDate(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? DATE_RE.exec(v) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new DataError(`${name} must be a date written YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  return v as string;
}

function checkName(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim() || v.length > 140) throw new DataError(`${name} must be a name`);
  return v;
}

function checkCount(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new DataError(`${name} must be a whole number ≥ 0`);
  return v;
}

/**
 * The report filters of a method's (already type-checked) arguments, validated: names are
 * non-empty text, dates real YYYY-MM-DD dates with from_date not after to_date, page bounds
 * whole numbers. Throws DataError (417) naming the first bad filter.
 */
export function reportFilters(args: Record<string, unknown>): StockReportFilters {
  const f: StockReportFilters = {
    company: checkName('company', args.company),
    item_code: checkName('item_code', args.item_code),
    item_group: checkName('item_group', args.item_group),
    warehouse: checkName('warehouse', args.warehouse),
    from_date: checkDate('from_date', args.from_date),
    to_date: checkDate('to_date', args.to_date),
    limit_start: checkCount('limit_start', args.limit_start),
    limit_page_length: checkCount('limit_page_length', args.limit_page_length),
  };
  if (f.from_date && f.to_date && f.from_date > f.to_date) throw new DataError(`from_date ${f.from_date} is after to_date ${f.to_date}`);
  return f;
}

/** The page a report returns: offset and length, the length capped like the list API's. */
export function pageOf(f: StockReportFilters, opts: ReportOptions): { start: number; length: number } {
  const length = f.limit_page_length ?? DEFAULT_PAGE_LENGTH;
  return { start: f.limit_start ?? 0, length: length === 0 || length > opts.maxPageLength ? opts.maxPageLength : length };
}

/** SQL conditions with their `?` parameters, in order. */
export interface SqlConditions {
  sql: string[];
  params: unknown[];
}

/** lft and rgt of a tree node, or LinkValidationError when there is no such node. */
async function subtree(ctx: Ctx, doctype: 'Warehouse' | 'Item Group', name: string): Promise<[number, number]> {
  const [row] = await ctx.db.query<{ lft: number; rgt: number }>(`SELECT lft, rgt FROM \`tab${doctype}\` WHERE name = ?`, [name]);
  if (!row) throw new LinkValidationError(`Could not find ${doctype}: ${name}`);
  return [Number(row.lft), Number(row.rgt)];
}

async function mustExist(ctx: Ctx, doctype: 'Item', name: string): Promise<void> {
  const [row] = await ctx.db.query(`SELECT name FROM \`tab${doctype}\` WHERE name = ?`, [name]);
  if (!row) throw new LinkValidationError(`Could not find ${doctype}: ${name}`);
}

/** The columns a report filters on: `t` is the ledger or Bin row, `i` its Item. */
export interface FilterColumns {
  /** the row's company column, or none (Bin: the warehouse's company) */
  company?: string;
}

/**
 * The conditions of the company, item, item group (with descendants) and warehouse (with
 * descendants) filters on rows `t` (item_code, warehouse) joined to their Item `i`; each named
 * record must exist (LinkValidationError, 417, otherwise). The company scope is the accounting
 * reports' (requireCompanyAccess): a user restricted by User Permission to some companies names
 * one of them, and only one allowed on every company may leave it out. Dates are the report's own business.
 */
export async function scopeConditions(ctx: Ctx, f: StockReportFilters, cols: FilterColumns = {}): Promise<SqlConditions> {
  const out: SqlConditions = { sql: [], params: [] };
  await requireCompanyAccess(ctx, f.company);
  if (f.company) {
    out.sql.push(cols.company ? `${cols.company} = ?` : 't.warehouse IN (SELECT cw.name FROM `tabWarehouse` cw WHERE cw.company = ?)');
    out.params.push(f.company);
  }
  if (f.item_code) {
    await mustExist(ctx, 'Item', f.item_code);
    out.sql.push('t.item_code = ?');
    out.params.push(f.item_code);
  }
  if (f.item_group) {
    out.sql.push('i.item_group IN (SELECT g.name FROM `tabItem Group` g WHERE g.lft >= ? AND g.rgt <= ?)');
    out.params.push(...(await subtree(ctx, 'Item Group', f.item_group)));
  }
  if (f.warehouse) {
    out.sql.push('t.warehouse IN (SELECT w.name FROM `tabWarehouse` w WHERE w.lft >= ? AND w.rgt <= ?)');
    out.params.push(...(await subtree(ctx, 'Warehouse', f.warehouse)));
  }
  return out;
}

/** `WHERE a AND b …` of conditions ('' when there are none). */
export function whereSql(conditions: readonly string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}
