import { defineController } from '../../../kernel/document/types';
import { assertNotRoot, TreeSpec, validateSingleRootTree } from '../tree-rules';

const TREE: TreeSpec = { doctype: 'Territory', parentField: 'parent_territory' };

export const TerritoryController = defineController('Territory', {
  validate: (ctx, doc, previous) => validateSingleRootTree(ctx, TREE, doc, previous),
  onTrash: (_ctx, doc) => assertNotRoot(TREE, doc),
});
