import { Ctx } from '../db/context';
import { DocTypeMeta } from '../metadata/meta';

/**
 * Recomputes a tree doctype's nested set (lft/rgt) from its parent links. Master trees are
 * small and rarely written, so a full renumbering under a lock of the table's rows is the
 * simplest correct approach; only rows whose numbers change are written.
 */
export async function rebuildNestedSet(ctx: Ctx, meta: DocTypeMeta, forUpdate: string): Promise<void> {
  const parentField = meta.def.nsm_parent_field!;
  const rows = await ctx.db.query<{ name: string; parent: string | null; lft: number; rgt: number }>(
    `SELECT name, \`${parentField}\` AS parent, lft, rgt FROM \`${meta.tableName}\` ORDER BY name${forUpdate}`,
  );
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const names = new Set(rows.map((r) => r.name));
  for (const r of rows) {
    if (r.parent && names.has(r.parent) && r.parent !== r.name) children.set(r.parent, [...(children.get(r.parent) ?? []), r.name]);
    else roots.push(r.name);
  }
  const numbers = new Map<string, [number, number]>();
  let counter = 1;
  const visit = (name: string, path: Set<string>) => {
    if (path.has(name)) return; // a cycle is rejected by the controller; never loop here
    path.add(name);
    const lft = counter++;
    for (const c of children.get(name) ?? []) visit(c, path);
    numbers.set(name, [lft, counter++]);
    path.delete(name);
  };
  for (const r of roots) visit(r, new Set());
  for (const r of rows) {
    const n = numbers.get(r.name);
    if (n && (Number(r.lft) !== n[0] || Number(r.rgt) !== n[1])) {
      await ctx.db.write(meta.tableName, `UPDATE \`${meta.tableName}\` SET lft = ?, rgt = ? WHERE name = ?`, [n[0], n[1], r.name]);
    }
  }
}

/** Whether `candidate` is `node` itself or one of its descendants (a parent there would loop). */
export async function isSelfOrDescendant(ctx: Ctx, meta: DocTypeMeta, node: string, candidate: string): Promise<boolean> {
  if (node === candidate) return true;
  const parentField = meta.def.nsm_parent_field!;
  let current: string | null = candidate;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === node) return true;
    seen.add(current);
    const rows: { parent: string | null }[] = await ctx.db.query(
      `SELECT \`${parentField}\` AS parent FROM \`${meta.tableName}\` WHERE name = ?`,
      [current],
    );
    current = rows[0]?.parent ?? null;
  }
  return false;
}
