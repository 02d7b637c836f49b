import { parse } from 'csv-parse/sync';
import { Ctx, SessionUser } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { DataError, DocketError } from '../../kernel/errors/errors';
import { STANDARD_SELLING } from '../../setup/install-records';

/**
 * One row of an item import: an item (plain, a template or a variant) with, optionally, its
 * price and its Website Item. Attributes: a template lists its attribute names
 * ("Colour;Size"); a variant its values ("Colour=Red;Size=M", a value's abbreviation after a
 * colon: "Colour=Red:RED"). Unknown attributes and values are added to the Item Attributes.
 * A template's Website Item is written after its variants and their prices (it needs one).
 */
export interface ImportRow {
  item_code: string;
  item_name?: string;
  item_group?: string;
  stock_uom?: string;
  brand?: string;
  description?: string;
  is_stock_item?: string | number;
  has_variants?: string | number;
  variant_of?: string;
  attributes?: string;
  /** the selling rate in `price_list` */
  price?: string | number;
  price_list?: string;
  /** 1: a published Website Item; 0: an unpublished one; blank: none */
  publish?: string | number;
  web_item_name?: string;
  route?: string;
  short_description?: string;
  ranking?: string | number;
  website_warehouse?: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  refused: { row: number; item_code: string | null; reason: string }[];
}

/** Rows handled between two progress reports. */
export const IMPORT_BATCH = 100;
/** The most rows one import may hold. */
export const MAX_IMPORT_ROWS = 100_000;

const ITEM_FIELDS = ['item_name', 'item_group', 'stock_uom', 'brand', 'description', 'is_stock_item'] as const;
const WEBSITE_FIELDS = ['web_item_name', 'route', 'short_description', 'ranking', 'website_warehouse'] as const;

const blank = (v: unknown) => v === undefined || v === null || String(v as string).trim() === '';
const text = (v: unknown) => (blank(v) ? undefined : String(v as string).trim());
const flag = (v: unknown) => (blank(v) ? undefined : ['1', 'true', 'yes'].includes(String(v as string).trim().toLowerCase()) ? 1 : 0);

/** Rows from a CSV text (a header line with the ImportRow names) or JSON (an array of rows, or {items: [...]}). */
export function importRows(body: string, format: 'csv' | 'json'): ImportRow[] {
  let rows: unknown;
  try {
    rows = format === 'csv' ? parse(body, { columns: true, skip_empty_lines: true, trim: true, bom: true }) : JSON.parse(body);
  } catch (err) {
    throw new DataError(`The file is not valid ${format.toUpperCase()}: ${(err as Error).message}`);
  }
  if (rows && typeof rows === 'object' && !Array.isArray(rows) && Array.isArray((rows as { items?: unknown }).items)) rows = (rows as { items: unknown[] }).items;
  if (!Array.isArray(rows)) throw new DataError('The import must be a list of rows (or {"items": [...]})');
  if (rows.length > MAX_IMPORT_ROWS) throw new DataError(`At most ${MAX_IMPORT_ROWS} rows per import (got ${rows.length})`);
  return rows as ImportRow[];
}

/** Templates first, then plain items, then variants: a variant's template is there before it. */
function order(rows: ImportRow[]): { row: ImportRow; line: number }[] {
  const rank = (r: ImportRow) => (flag(r.has_variants) ? 0 : blank(r.variant_of) ? 1 : 2);
  return rows.map((row, i) => ({ row, line: i + 1 })).sort((a, b) => rank(a.row) - rank(b.row) || a.line - b.line);
}

/** `Colour=Red:RED;Size=M` → [[Colour, Red, RED], [Size, M, undefined]]; `Colour;Size` → names only. */
function attributePairs(spec: string | undefined): [string, string | undefined, string | undefined][] {
  return (spec ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, value] = part.split('=').map((s) => s.trim());
      if (value === undefined) return [name, undefined, undefined];
      const [val, abbr] = value.split(':').map((s) => s.trim());
      return [name, val, abbr];
    });
}

/** Runs one row's writes on their own: a transaction per row (CLI), or a savepoint of the request's transaction (the method). */
export type RowRunner = (fn: (ctx: Ctx) => Promise<boolean>) => Promise<boolean>;

/** Each row in a transaction of its own, as `user` (its permissions apply). */
export const rowTransactions =
  (db: Database, user: SessionUser): RowRunner =>
  (fn) =>
    db.run(user, {}, { write: true }, fn);

/** Each row in a savepoint of `ctx`'s transaction. */
export const rowSavepoints =
  (ctx: Ctx): RowRunner =>
  (fn) =>
    ctx.savepoint(() => fn(ctx));

/**
 * Imports catalogue rows, each through `run` so that a bad row is refused whole and reported,
 * never half-written, while the others go in; idempotent on item_code (a second run updates
 * what the first created). Every write goes through the document lifecycle. `progress` hears
 * after every batch of IMPORT_BATCH rows.
 */
export async function importItems(
  docs: DocumentService,
  run: RowRunner,
  rows: ImportRow[],
  progress: (done: number, total: number) => void = () => undefined,
): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: rows.length, created: 0, updated: 0, refused: [] };
  // The attributes and values the variants name come first, so that their templates can list them.
  const values = new Map<string, Map<string, string | undefined>>();
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue;
    for (const [name, value, abbr] of attributePairs(text(row.attributes))) {
      const known = values.get(name) ?? new Map<string, string | undefined>();
      if (value !== undefined && !known.has(value)) known.set(value, abbr);
      values.set(name, known);
    }
  }
  for (const [name, known] of values) {
    try {
      await run(async (ctx) => {
        for (const [value, abbr] of known) await ensureAttributeValue(ctx, docs, name, value, abbr);
        return false;
      });
    } catch (err) {
      if (!(err instanceof DocketError)) throw err;
      // the rows naming it are refused with the reason when they come
    }
  }
  const ordered = order(rows);
  const deferred: { row: ImportRow; line: number }[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const { row, line } = ordered[i];
    const code = row && typeof row === 'object' ? text(row.item_code) : undefined;
    try {
      if (!row || typeof row !== 'object') throw new DataError('a row must be an object');
      if (!code) throw new DataError('item_code is required');
      const template = flag(row.has_variants) === 1;
      if (await run((ctx) => importRow(ctx, docs, { ...row, item_code: code }, !template))) summary.created++;
      else summary.updated++;
      if (template && flag(row.publish) !== undefined) deferred.push({ row: { ...row, item_code: code }, line });
    } catch (err) {
      if (!(err instanceof DocketError)) throw err;
      summary.refused.push({ row: line, item_code: code ?? null, reason: err.message });
    }
    if ((i + 1) % IMPORT_BATCH === 0 || i + 1 === ordered.length) progress(i + 1, ordered.length);
  }
  // A template is published once its variants (and their prices) are in.
  for (const { row, line } of deferred) {
    try {
      await run(async (ctx) => {
        await upsertWebsiteItem(ctx, docs, row);
        return false;
      });
    } catch (err) {
      if (!(err instanceof DocketError)) throw err;
      summary.refused.push({ row: line, item_code: row.item_code, reason: `the item is in, its Website Item is not: ${err.message}` });
    }
  }
  summary.refused.sort((a, b) => a.row - b.row);
  return summary;
}

/** One row: its Item, Item Price and (unless told not to) its Website Item. True when the Item is new. */
async function importRow(ctx: Ctx, docs: DocumentService, row: ImportRow, withWebsiteItem: boolean): Promise<boolean> {
  const pairs = attributePairs(text(row.attributes));
  const template = flag(row.has_variants) === 1;
  const fields: Record<string, unknown> = {};
  for (const f of ITEM_FIELDS) if (!blank(row[f])) fields[f] = f === 'is_stock_item' ? flag(row[f]) : text(row[f]);
  if (template) fields.has_variants = 1;
  if (!blank(row.variant_of)) fields.variant_of = text(row.variant_of);
  if (pairs.length) fields.attributes = pairs.map(([attribute, value]) => (template ? { attribute } : { attribute, attribute_value: value }));

  const existing = await ctx.getValue('Item', row.item_code, ['name']);
  if (existing) await docs.update(ctx, 'Item', row.item_code, fields);
  else await docs.insert(ctx, 'Item', { item_code: row.item_code, ...(fields.variant_of ? await variantDefaults(ctx, String(fields.variant_of)) : {}), ...fields });

  if (!blank(row.price)) {
    const price_list = text(row.price_list) ?? STANDARD_SELLING;
    const prices = await ctx.getList('Item Price', { filters: { item_code: row.item_code, price_list }, fields: ['name', 'customer'] });
    const price = prices.find((p) => blank(p.customer));
    if (price) await docs.update(ctx, 'Item Price', price.name as string, { price_list_rate: String(row.price as string) });
    else await docs.insert(ctx, 'Item Price', { item_code: row.item_code, price_list, price_list_rate: String(row.price as string) });
  }
  if (withWebsiteItem) await upsertWebsiteItem(ctx, docs, row);
  return !existing;
}

/** The row's Website Item (when it says publish 1 or 0), created or updated. */
async function upsertWebsiteItem(ctx: Ctx, docs: DocumentService, row: ImportRow): Promise<void> {
  const publish = flag(row.publish);
  if (publish === undefined) return;
  const web: Record<string, unknown> = { published: publish };
  for (const f of WEBSITE_FIELDS) if (!blank(row[f])) web[f] = f === 'ranking' ? Number(row[f]) : text(row[f]);
  const site = await ctx.getValue('Website Item', { item_code: row.item_code }, ['name']);
  if (site) await docs.update(ctx, 'Website Item', site.name as string, web);
  else await docs.insert(ctx, 'Website Item', { item_code: row.item_code, web_item_name: text(row.web_item_name) ?? text(row.item_name) ?? row.item_code, ...web });
}

/** A new variant starts from its template's group and unit when the row leaves them out. */
async function variantDefaults(ctx: Ctx, template: string): Promise<Record<string, unknown>> {
  const t = await ctx.getValue('Item', template, ['item_group', 'stock_uom', 'brand', 'is_stock_item']);
  if (!t) throw new DataError(`variant_of: Item ${template} not found`);
  return { item_group: t.item_group, stock_uom: t.stock_uom, brand: t.brand, is_stock_item: t.is_stock_item };
}

/** The attribute exists, and lists `value` (with `abbr`, or the value in capitals) when one is given. */
async function ensureAttributeValue(ctx: Ctx, docs: DocumentService, name: string, value: string | undefined, abbr: string | undefined): Promise<void> {
  const found = await ctx.getValue('Item Attribute', name, ['name', 'numeric_values']);
  const row = value === undefined ? [] : [{ attribute_value: value, abbr: abbr ?? value.toUpperCase().replace(/\s+/g, '') }];
  if (!found) {
    if (value === undefined) throw new DataError(`Item Attribute ${name} not found: give a variant value (${name}=value) or create the attribute`);
    await docs.insert(ctx, 'Item Attribute', { attribute_name: name, item_attribute_values: row });
    return;
  }
  if (value === undefined || Number(found.numeric_values)) return;
  // (a value listed already is left as it is)
  const doc = await ctx.getDoc('Item Attribute', name);
  const values = (doc.item_attribute_values ?? []) as { attribute_value: string }[];
  if (values.some((v) => v.attribute_value === value)) return;
  await docs.update(ctx, 'Item Attribute', name, { item_attribute_values: [...values, ...row] });
}
