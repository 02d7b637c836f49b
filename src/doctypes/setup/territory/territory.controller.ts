import { DocController } from '../../../kernel/document/controllers';
import { SingleRootTreeController, TreeSpec } from '../tree-rules';

@DocController('Territory')
export class TerritoryController extends SingleRootTreeController {
  protected readonly tree: TreeSpec = { doctype: 'Territory', parentField: 'parent_territory' };
}
