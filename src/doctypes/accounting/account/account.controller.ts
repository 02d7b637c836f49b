import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { assertGroupKeepsChildren, TreeSpec } from '../../setup/tree-rules';
import { assertCompanyUnchanged, companyAbbr, companyScopedName } from '../../setup/company/company-scoped';
import { RootType } from './account.doctype';

const TREE: TreeSpec = { doctype: 'Account', parentField: 'parent_account' };

/** ERPNext's report_type of a root type. */
export function reportType(rootType: RootType | string): 'Balance Sheet' | 'Profit and Loss' {
  return rootType === 'Income' || rootType === 'Expense' ? 'Profit and Loss' : 'Balance Sheet';
}

/**
 * ERPNext's Account controller: the name from number, name and company abbreviation; the parent
 * a group of the same company (the kernel checks group and company on the link); root_type
 * inherited from the parent, report_type from root_type; a root is a group with a root type.
 */
@DocController('Account')
export class AccountController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.account_name) throw new MandatoryError('Error: Value missing for Account: Account Name');
    const abbr = await companyAbbr(ctx, 'Account', doc);
    doc.account_name = String(doc.account_name).trim();
    doc.name = companyScopedName(doc.account_name, abbr, doc.account_number);
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    assertCompanyUnchanged(doc, previous);
    if (doc.parent_account) {
      const parent = await ctx.asSystem((sys) => sys.getValue('Account', String(doc.parent_account), ['root_type', 'company']));
      if (parent?.root_type) doc.root_type = parent.root_type;
    } else {
      if (!doc.root_type) throw new MandatoryError('Root Type is mandatory');
      if (!Number(doc.is_group)) throw new ValidationError(`The root account ${doc.name} must be a group`);
    }
    doc.report_type = doc.root_type ? reportType(String(doc.root_type)) : null;
    if (previous && previous.root_type && previous.root_type !== doc.root_type) {
      throw new ValidationError(`Root Type of ${doc.name} cannot be changed from ${previous.root_type}`);
    }
    await assertGroupKeepsChildren(ctx, TREE, doc, previous);
    if (previous && Number(previous.is_group) !== Number(doc.is_group) && (await hasEntries(ctx, doc.name))) {
      throw new ValidationError(`Account ${doc.name} with existing transaction cannot be converted to ${Number(doc.is_group) ? 'group' : 'ledger'}`);
    }
  }

  async onTrash(ctx: Ctx, doc: Doc): Promise<void> {
    if (await hasEntries(ctx, doc.name)) throw new ValidationError(`Account ${doc.name} with existing transaction can not be deleted`);
  }
}

/** Whether any GL Entry (cancelled ones too: the ledger is never rewritten) names the account. */
async function hasEntries(ctx: Ctx, account: string): Promise<boolean> {
  return (await ctx.db.query('SELECT 1 AS x FROM `tabGL Entry` WHERE account = ? LIMIT 1', [account])).length > 0;
}
