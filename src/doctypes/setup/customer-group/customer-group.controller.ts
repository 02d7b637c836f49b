import { DocController } from '../../../kernel/document/controllers';
import { SingleRootTreeController, TreeSpec } from '../tree-rules';

@DocController('Customer Group')
export class CustomerGroupController extends SingleRootTreeController {
  protected readonly tree: TreeSpec = { doctype: 'Customer Group', parentField: 'parent_customer_group' };
}
