import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertNotRoot, TreeSpec, validateSingleRootTree } from '../tree-rules';

const TREE: TreeSpec = { doctype: 'Customer Group', parentField: 'parent_customer_group' };

@DocController('Customer Group')
export class CustomerGroupController implements DocHooks {
  validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    return validateSingleRootTree(ctx, TREE, doc, previous);
  }

  onTrash(_ctx: Ctx, doc: Doc): void {
    assertNotRoot(TREE, doc);
  }
}
