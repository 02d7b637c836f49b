import { Ctx } from '../db/context';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { sameValue, toWire } from '../metadata/values';
import { DocStore } from './store';
import { Doc } from './types';

const IGNORED = new Set(['modified', 'modified_by', 'creation', 'owner', 'idx', 'lft', 'rgt']);

export interface VersionData {
  changed: [string, unknown, unknown][];
  added: [string, Record<string, unknown>][];
  removed: [string, Record<string, unknown>][];
  row_changed: [string, number, string, [string, unknown, unknown][]][];
}

function fieldChanges(meta: DocTypeMeta, before: Doc, after: Doc): [string, unknown, unknown][] {
  const out: [string, unknown, unknown][] = [];
  for (const f of meta.storedColumns) {
    if (IGNORED.has(f.fieldname) || ['parent', 'parenttype', 'parentfield'].includes(f.fieldname)) continue;
    if (!sameValue(before[f.fieldname], after[f.fieldname])) {
      out.push([f.fieldname, toWire(meta, f, before[f.fieldname]), toWire(meta, f, after[f.fieldname])]);
    }
  }
  return out;
}

function rowWire(meta: DocTypeMeta, row: Doc): Record<string, unknown> {
  return Object.fromEntries(meta.storedColumns.map((f) => [f.fieldname, toWire(meta, f, row[f.fieldname])]));
}

/** Frappe's Version diff: changed fields, added/removed child rows, changed child rows. */
export function diffDocs(registry: MetaRegistry, meta: DocTypeMeta, before: Doc, after: Doc): VersionData {
  const data: VersionData = { changed: fieldChanges(meta, before, after), added: [], removed: [], row_changed: [] };
  for (const tf of meta.tableFields) {
    const child = registry.get(tf.options!)!;
    const old = new Map<string, Doc>((before[tf.fieldname] ?? []).map((r: Doc) => [r.name, r]));
    const now = new Map<string, Doc>((after[tf.fieldname] ?? []).map((r: Doc) => [r.name, r]));
    for (const [name, row] of now) {
      const prev = old.get(name);
      if (!prev) data.added.push([tf.fieldname, rowWire(child, row)]);
      else {
        const changes = fieldChanges(child, prev, row);
        if (changes.length) data.row_changed.push([tf.fieldname, row.idx, name, changes]);
      }
    }
    for (const [name, row] of old) if (!now.has(name)) data.removed.push([tf.fieldname, rowWire(child, row)]);
  }
  return data;
}

export function isEmptyDiff(d: VersionData): boolean {
  return !d.changed.length && !d.added.length && !d.removed.length && !d.row_changed.length;
}

/** Appends a Version row (who, when, what changed) for a saved document. */
export async function writeVersion(ctx: Ctx, store: DocStore, registry: MetaRegistry, meta: DocTypeMeta, name: string, data: VersionData): Promise<void> {
  await store.insertRecord(ctx, registry.get('Version')!, { ref_doctype: meta.name, docname: name, data: JSON.stringify(data) });
}
