import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertGroupKeepsChildren, TreeSpec } from '../../setup/tree-rules';
import { assertCompanyUnchanged, companyAbbr, companyScopedName } from '../../setup/company/company-scoped';

const TREE: TreeSpec = { doctype: 'Cost Center', parentField: 'parent_cost_center' };

/** ERPNext's Cost Center: named `<cost_center_name> - <abbr>`; a root (no parent) is a group. */
@DocController('Cost Center')
export class CostCenterController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.cost_center_name) throw new MandatoryError('Error: Value missing for Cost Center: Cost Center Name');
    const abbr = await companyAbbr(ctx, 'Cost Center', doc);
    doc.cost_center_name = String(doc.cost_center_name).trim();
    doc.name = companyScopedName(doc.cost_center_name, abbr);
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    assertCompanyUnchanged(doc, previous);
    if (!doc.parent_cost_center && !Number(doc.is_group)) throw new ValidationError(`Root cost center ${doc.name} must be a group`);
    await assertGroupKeepsChildren(ctx, TREE, doc, previous);
  }
}
