import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Doc, DocHooks } from '../../kernel/document/types';

/**
 * Frappe's NestedSet rules that the kernel leaves to the doctype (it already refuses a parent
 * that is the node itself, one of its descendants, or not a group, and keeps lft/rgt).
 * They concern the whole tree, so they read it as the system.
 */
export interface TreeSpec {
  doctype: string;
  parentField: string;
}

/** Frappe's validate_one_root: a tree like Item Group has exactly one node without a parent. */
export async function assertSingleRoot(ctx: Ctx, spec: TreeSpec, doc: Doc): Promise<void> {
  if (doc[spec.parentField]) return;
  const other = await ctx.asSystem((sys) => sys.getValue(spec.doctype, { [spec.parentField]: null, name: ['!=', doc.name] }, ['name']));
  if (other) throw new ValidationError('Multiple root nodes not allowed.');
}

/** Frappe's validate_ledger: a node with children must stay a group. */
export async function assertGroupKeepsChildren(ctx: Ctx, spec: TreeSpec, doc: Doc, previous: Doc | null): Promise<void> {
  if (!previous || Number(doc.is_group)) return;
  const kid = await ctx.asSystem((sys) => sys.getValue(spec.doctype, { [spec.parentField]: doc.name }, ['name']));
  if (kid) throw new ValidationError(`${spec.doctype} ${doc.name} cannot be a leaf node as it has children`);
}

/** Frappe's NestedSet.on_trash: the root of a single-root tree stays. */
export function assertNotRoot(spec: TreeSpec, doc: Doc): void {
  if (!doc[spec.parentField]) throw new ValidationError(`Root ${spec.doctype} cannot be deleted`);
}

/** The validate hook of a single-root master tree (Item Group, Customer Group, Territory). */
export async function validateSingleRootTree(ctx: Ctx, spec: TreeSpec, doc: Doc, previous: Doc | null): Promise<void> {
  await assertSingleRoot(ctx, spec, doc);
  await assertGroupKeepsChildren(ctx, spec, doc, previous);
}

/**
 * The hooks of a single-root master tree (Customer Group, Territory, and Item Group, which adds
 * its own rules around them); a controller extends it and names its tree.
 */
export abstract class SingleRootTreeController implements DocHooks {
  protected abstract readonly tree: TreeSpec;

  validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    return validateSingleRootTree(ctx, this.tree, doc, previous);
  }

  onTrash(_ctx: Ctx, doc: Doc): void {
    assertNotRoot(this.tree, doc);
  }
}
