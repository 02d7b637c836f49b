import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertNotRoot, TreeSpec, validateSingleRootTree } from '../tree-rules';

const TREE: TreeSpec = { doctype: 'Territory', parentField: 'parent_territory' };

@DocController('Territory')
export class TerritoryController implements DocHooks {
  validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    return validateSingleRootTree(ctx, TREE, doc, previous);
  }

  onTrash(_ctx: Ctx, doc: Doc): void {
    assertNotRoot(TREE, doc);
  }
}
