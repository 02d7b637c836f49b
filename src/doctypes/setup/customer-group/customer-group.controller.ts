import { defineController } from '../../../kernel/document/types';
import { assertNotRoot, TreeSpec, validateSingleRootTree } from '../tree-rules';

const TREE: TreeSpec = { doctype: 'Customer Group', parentField: 'parent_customer_group' };

export const CustomerGroupController = defineController('Customer Group', {
  validate: (ctx, doc, previous) => validateSingleRootTree(ctx, TREE, doc, previous),
  onTrash: (_ctx, doc) => assertNotRoot(TREE, doc),
});
