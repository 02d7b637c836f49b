import { LinkValidationError, MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { defineController } from '../../../kernel/document/types';
import { assertGroupKeepsChildren, TreeSpec } from '../../setup/tree-rules';
import { warehouseName } from './warehouse-name';

const TREE: TreeSpec = { doctype: 'Warehouse', parentField: 'parent_warehouse' };

export const WarehouseController = defineController('Warehouse', {
  async beforeInsert(ctx, doc) {
    if (!doc.warehouse_name) throw new MandatoryError('Error: Value missing for Warehouse: Warehouse Name');
    if (!doc.company) throw new MandatoryError('Error: Value missing for Warehouse: Company');
    const [company] = await ctx.db.query<{ abbr: string }>('SELECT abbr FROM `tabCompany` WHERE name = ?', [doc.company]);
    if (!company) throw new LinkValidationError(`Could not find Company: ${doc.company}`);
    doc.warehouse_name = String(doc.warehouse_name).trim();
    doc.name = warehouseName(doc.warehouse_name, company.abbr);
  },
  async validate(ctx, doc, previous) {
    if (previous && previous.company !== doc.company) throw new ValidationError('Value cannot be changed for Company');
    await assertGroupKeepsChildren(ctx, TREE, doc, previous);
  },
});
