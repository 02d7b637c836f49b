import { Ctx } from '../../../kernel/db/context';
import { MandatoryError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertGroupKeepsChildren, TreeSpec } from '../../setup/tree-rules';
import { assertCompanyUnchanged, companyAbbr } from '../../setup/company/company-scoped';
import { warehouseName } from './warehouse-name';

const TREE: TreeSpec = { doctype: 'Warehouse', parentField: 'parent_warehouse' };

@DocController('Warehouse')
export class WarehouseController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.warehouse_name) throw new MandatoryError('Error: Value missing for Warehouse: Warehouse Name');
    const abbr = await companyAbbr(ctx, 'Warehouse', doc);
    doc.warehouse_name = String(doc.warehouse_name).trim();
    doc.name = warehouseName(doc.warehouse_name, abbr);
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    assertCompanyUnchanged(doc, previous);
    await assertGroupKeepsChildren(ctx, TREE, doc, previous);
  }
}
