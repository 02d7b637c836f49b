import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';
import { rowId, validateInclusiveTax, validateTaxRow } from '../../../domain/tax/validation';
import { ChargeType } from '../../../domain/tax/types';
import { assertConfigUnlocked, assertConfigDeletable } from '../../../domain/tax/config-lock';
import { assertCompanyUnchanged, companyAbbr, companyScopedName } from '../../setup/company/company-scoped';

/** ERPNext's sales_taxes_and_charges_template.py: naming, row checks, one default per company. */
@DocController('Sales Taxes and Charges Template')
export class SalesTaxesAndChargesTemplateController implements DocHooks {
  constructor(private readonly registry: MetaRegistry) {}

  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.title) throw new ValidationError('Title is mandatory');
    doc.title = String(doc.title).trim();
    doc.name = companyScopedName(doc.title, await companyAbbr(ctx, 'Sales Taxes and Charges Template', doc));
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    assertCompanyUnchanged(doc, previous);
    const rows = ((doc.taxes ?? []) as Doc[]).map((row, i) => {
      if (row.rate !== null && row.rate !== undefined && row.rate !== '') {
        let rate: Money;
        try {
          rate = new Money(String(row.rate));
        } catch {
          throw new ValidationError(`Row ${i + 1}: Rate must be a number`);
        }
        if (!rate.isFinite()) throw new ValidationError(`Row ${i + 1}: Rate must be a number`);
        if (rate.isNegative()) throw new ValidationError(`Row ${i + 1}: Rate cannot be negative`);
      }
      return {
        idx: i + 1,
        charge_type: row.charge_type as ChargeType,
        row_id: rowId(row.row_id as string),
        included_in_print_rate: Boolean(Number(row.included_in_print_rate ?? 0)),
      };
    });
    for (const row of rows) {
      validateTaxRow(row);
      validateInclusiveTax(row, rows);
    }
    if (Number(doc.is_default) && !Number(doc.disabled)) {
      const other = await ctx.asSystem((sys) =>
        sys.getValue('Sales Taxes and Charges Template', { company: doc.company, is_default: 1, name: ['!=', doc.name] }, ['name']),
      );
      if (other) throw new ValidationError(`There can be only one default Sales Taxes and Charges Template for company ${doc.company}: ${other.name}`);
    }
    if (previous) await assertConfigUnlocked(ctx, this.registry, 'Sales Taxes and Charges Template', doc, previous);
  }

  async onTrash(ctx: Ctx, doc: Doc): Promise<void> {
    await assertConfigDeletable(ctx, this.registry, 'Sales Taxes and Charges Template', doc);
  }
}
