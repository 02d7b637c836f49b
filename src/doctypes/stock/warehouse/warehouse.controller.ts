import { Ctx } from '../../../kernel/db/context';
import { LinkValidationError, MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertGroupKeepsChildren, TreeSpec } from '../../setup/tree-rules';
import { warehouseName } from './warehouse-name';

const TREE: TreeSpec = { doctype: 'Warehouse', parentField: 'parent_warehouse' };

@DocController('Warehouse')
export class WarehouseController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.warehouse_name) throw new MandatoryError('Error: Value missing for Warehouse: Warehouse Name');
    if (!doc.company) throw new MandatoryError('Error: Value missing for Warehouse: Company');
    const company = await ctx.asSystem((sys) => sys.getValue('Company', String(doc.company), ['abbr']));
    if (!company) throw new LinkValidationError(`Could not find Company: ${doc.company}`);
    doc.warehouse_name = String(doc.warehouse_name).trim();
    doc.name = warehouseName(doc.warehouse_name, String(company.abbr));
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if (previous && previous.company !== doc.company) throw new ValidationError('Value cannot be changed for Company');
    await assertGroupKeepsChildren(ctx, TREE, doc, previous);
  }
}
