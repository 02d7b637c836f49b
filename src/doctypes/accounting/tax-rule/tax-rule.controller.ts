import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { assertConfigDeletable, assertConfigUnlocked } from '../../../domain/tax/config-lock';
import { readTaxRules, ruleShape, validateNoConflict, validateTaxRuleDates } from '../../../domain/tax/tax-rule';

/** ERPNext's tax_rule.py: a template for the tax type, dates in order, no conflicting rule. */
@DocController('Tax Rule')
export class TaxRuleController implements DocHooks {
  constructor(private readonly registry: MetaRegistry) {}

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if ((doc.tax_type ?? 'Sales') === 'Sales' && !doc.sales_tax_template) throw new ValidationError('Tax Template is mandatory.');
    if (doc.sales_tax_template && doc.company) {
      const t = await ctx.asSystem((sys) => sys.getValue('Sales Taxes and Charges Template', String(doc.sales_tax_template), ['company']));
      if (t && t.company !== doc.company) throw new ValidationError(`Sales Tax Template ${doc.sales_tax_template} does not belong to company ${doc.company}`);
    }
    const rule = ruleShape(doc);
    validateTaxRuleDates(rule);
    validateNoConflict(rule, await readTaxRules(ctx));
    if (previous) await assertConfigUnlocked(ctx, this.registry, 'Tax Rule', doc, previous);
  }

  async onTrash(ctx: Ctx, doc: Doc): Promise<void> {
    await assertConfigDeletable(ctx, this.registry, 'Tax Rule', doc);
  }
}
