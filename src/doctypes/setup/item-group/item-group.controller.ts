import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { assertNotRoot, TreeSpec, validateSingleRootTree } from '../tree-rules';

export const ROOT_ITEM_GROUP = 'All Item Groups';
const TREE: TreeSpec = { doctype: 'Item Group', parentField: 'parent_item_group' };

/** ERPNext puts a group without a parent under "All Item Groups" once that root exists. */
async function defaultParent(ctx: Ctx, doc: Doc): Promise<void> {
  const name = doc.name ?? doc.item_group_name;
  if (doc.parent_item_group || name === ROOT_ITEM_GROUP) return;
  const root = await ctx.db.query('SELECT name FROM `tabItem Group` WHERE name = ?', [ROOT_ITEM_GROUP]);
  if (root.length) doc.parent_item_group = ROOT_ITEM_GROUP;
}

/** ERPNext keeps item and item group names apart (both appear in the same catalogue routes and filters). */
async function validateNameWithItem(ctx: Ctx, doc: Doc): Promise<void> {
  const clash = await ctx.db.query('SELECT name FROM `tabItem` WHERE name = ?', [doc.name]);
  if (clash.length) {
    throw new ValidationError(`An item exists with same name (${doc.name}), please change the item group name or rename the item`);
  }
}

export const ItemGroupController = defineController('Item Group', {
  beforeInsert: defaultParent,
  async validate(ctx, doc, previous) {
    await defaultParent(ctx, doc);
    await validateNameWithItem(ctx, doc);
    await validateSingleRootTree(ctx, TREE, doc, previous);
  },
  onTrash: (_ctx, doc) => assertNotRoot(TREE, doc),
});
