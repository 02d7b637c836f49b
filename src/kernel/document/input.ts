import { Ctx } from '../db/context';
import { DataError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { FieldDef, STANDARD_FIELDS } from '../metadata/types';
import { coerceInput } from '../metadata/values';
import { Doc } from './types';

const SERVER_SET = new Set([...STANDARD_FIELDS.map((f) => f.fieldname), 'parent', 'parentfield', 'parenttype', 'doctype', 'lft', 'rgt']);

/** The value a field starts with on a new document. */
export function defaultValue(ctx: Ctx, meta: DocTypeMeta, f: FieldDef): unknown {
  let d = f.default;
  if (d === 'Today') d = Ctx.now().slice(0, 10);
  else if (d === 'Now') d = Ctx.now();
  else if (d === '__user') d = ctx.user.name;
  if (f.fieldtype === 'Select' && d === undefined && !(f.options ?? '').startsWith('\n')) d = meta.selectOptions(f)[0] || undefined;
  return coerceInput(meta, f, d);
}

export function newDoc(ctx: Ctx, meta: DocTypeMeta): Doc {
  const doc: Doc = {};
  for (const f of meta.columns) {
    if (f.fieldtype === 'Password') continue;
    doc[f.fieldname] = SERVER_SET.has(f.fieldname) ? null : defaultValue(ctx, meta, f);
  }
  for (const tf of meta.tableFields) doc[tf.fieldname] = [];
  doc.docstatus = 0;
  doc.idx = 0;
  return doc;
}

export interface InputRules {
  /** permlevels the caller may write */
  writeLevels: Set<number>;
  /** keep a client-supplied name (autoname 'prompt', or child rows matching existing ones) */
  keepName: boolean;
  /** allow amended_from (insert of an amendment) */
  allowAmendedFrom?: boolean;
}

/**
 * Applies client input onto `doc`: unknown keys, server-set fields (owner, docstatus, totals…),
 * read-only fields and fields above the caller's permlevel are ignored; values are coerced or
 * rejected with a DataError naming the field. Child tables are replaced by the rows given,
 * each row merged onto the existing row of the same name.
 */
export function applyInput(
  ctx: Ctx,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  doc: Doc,
  input: Record<string, unknown>,
  rules: InputRules,
): void {
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'name') {
      if (rules.keepName && raw !== undefined && raw !== null && raw !== '') doc.name = String(raw);
      continue;
    }
    if (key === 'amended_from' && rules.allowAmendedFrom) {
      doc.amended_from = raw ? String(raw) : null;
      continue;
    }
    if (SERVER_SET.has(key) || key.startsWith('__')) continue;
    const f = meta.field(key);
    if (!f || f.read_only || !rules.writeLevels.has(f.permlevel ?? 0)) continue;
    if (f.fieldtype !== 'Table') {
      doc[key] = coerceInput(meta, f, raw);
      continue;
    }
    const child = registry.get(f.options!)!;
    const rows = coerceInput(meta, f, raw) as unknown[];
    const existing = new Map<string, Doc>((doc[key] ?? []).map((r: Doc) => [r.name, r]));
    doc[key] = rows.map((r) => {
      if (!r || typeof r !== 'object' || Array.isArray(r)) return applyRowError(meta, f);
      const given = r as Record<string, unknown>;
      const base = (typeof given.name === 'string' && existing.get(given.name)) || newDoc(ctx, child);
      const row = { ...base };
      applyInput(ctx, registry, child, row, given, { writeLevels: rules.writeLevels, keepName: false });
      return row;
    });
  }
}

function applyRowError(meta: DocTypeMeta, f: FieldDef): never {
  throw new DataError(`${meta.name}: each row of ${f.label ?? f.fieldname} must be an object`);
}
