import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { assertConfigDeletable, assertConfigUnlocked } from '../../../domain/tax/config-lock';
import { assertCompanyUnchanged, companyAbbr, companyScopedName } from '../../setup/company/company-scoped';

/** The account types an item tax row may name (ERPNext item_tax_template.py). */
export const ITEM_TAX_ACCOUNT_TYPES = ['Tax', 'Chargeable', 'Income Account', 'Expense Account', 'Expenses Included In Valuation'];

@DocController('Item Tax Template')
export class ItemTaxTemplateController implements DocHooks {
  constructor(private readonly registry: MetaRegistry) {}

  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.title) throw new MandatoryError('Error: Value missing for Item Tax Template: Title');
    doc.title = String(doc.title).trim();
    doc.name = companyScopedName(doc.title, await companyAbbr(ctx, 'Item Tax Template', doc));
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    assertCompanyUnchanged(doc, previous);
    const rows = (doc.taxes ?? []) as Doc[];
    if (!rows.length) throw new MandatoryError('Error: Value missing for Item Tax Template: Tax Rates');
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      const account = String(row.tax_type ?? '');
      const acc = await ctx.asSystem((sys) => sys.getValue('Account', account, ['account_type', 'company']));
      if (acc && !ITEM_TAX_ACCOUNT_TYPES.includes(String(acc.account_type ?? ''))) {
        throw new ValidationError(`Item Tax Row ${i + 1} must have account of type Tax or Income or Expense or Chargeable`);
      }
      if (seen.has(account)) throw new ValidationError(`Rate for ${account} is entered more than once (row ${i + 1})`);
      seen.add(account);
      const rate = Number(row.tax_rate ?? 0);
      if (!Number.isFinite(rate) || rate < 0) throw new ValidationError(`Item Tax Row ${i + 1}: Tax Rate must be a non-negative number`);
    }
    if (previous) await assertConfigUnlocked(ctx, this.registry, 'Item Tax Template', doc, previous);
  }

  async onTrash(ctx: Ctx, doc: Doc): Promise<void> {
    await assertConfigDeletable(ctx, this.registry, 'Item Tax Template', doc);
  }
}
