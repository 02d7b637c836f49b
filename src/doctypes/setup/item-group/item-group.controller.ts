import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc } from '../../../kernel/document/types';
import { SingleRootTreeController, TreeSpec } from '../tree-rules';

export const ROOT_ITEM_GROUP = 'All Item Groups';

@DocController('Item Group')
export class ItemGroupController extends SingleRootTreeController {
  protected readonly tree: TreeSpec = { doctype: 'Item Group', parentField: 'parent_item_group' };

  beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    return this.defaultParent(ctx, doc);
  }

  override async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    await this.defaultParent(ctx, doc);
    await this.validateNameWithItem(ctx, doc);
    await super.validate(ctx, doc, previous);
  }

  /** ERPNext puts a group without a parent under "All Item Groups" once that root exists. */
  private async defaultParent(ctx: Ctx, doc: Doc): Promise<void> {
    const name = doc.name ?? doc.item_group_name;
    if (doc.parent_item_group || name === ROOT_ITEM_GROUP) return;
    if (await ctx.asSystem((sys) => sys.getValue('Item Group', ROOT_ITEM_GROUP, ['name']))) doc.parent_item_group = ROOT_ITEM_GROUP;
  }

  /** ERPNext keeps item and item group names apart (both appear in the same catalogue routes and filters). */
  private async validateNameWithItem(ctx: Ctx, doc: Doc): Promise<void> {
    if (await ctx.asSystem((sys) => sys.getValue('Item', doc.name, ['name']))) {
      throw new ValidationError(`An item exists with same name (${doc.name}), please change the item group name or rename the item`);
    }
  }
}
