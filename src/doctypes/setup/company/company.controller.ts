import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { installStandardChart } from '../../../domain/accounting/chart-of-accounts';
import { defaultAbbr } from './abbr';

const WAREHOUSE_FIELDS = ['default_warehouse_for_sales_return', 'default_in_transit_warehouse'] as const;

@DocController('Company')
export class CompanyController implements DocHooks {
  beforeInsert(_ctx: Ctx, doc: Doc): void {
    doc.company_name = String(doc.company_name ?? '').trim();
    if (!doc.abbr && doc.company_name) doc.abbr = defaultAbbr(doc.company_name);
  }

  /**
   * ERPNext's Company.on_update for a new company, in the same transaction: the standard chart of
   * accounts, the root and Main cost centers, the default accounts and a fiscal year covering today.
   */
  async afterInsert(ctx: Ctx, doc: Doc): Promise<void> {
    const { defaults } = await installStandardChart(ctx, doc);
    const unset = Object.fromEntries(Object.entries(defaults).filter(([field]) => !doc[field]));
    if (!Object.keys(unset).length) return;
    const saved = await ctx.asSystem((sys) => sys.setValue('Company', String(doc.name), unset));
    Object.assign(doc, unset, { modified: saved.modified, modified_by: saved.modified_by });
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    await this.validateAbbr(ctx, doc, previous);
    await this.validateWarehouses(ctx, doc);
  }

  /** The abbreviation is unique among all companies, whoever may see them. */
  private async validateAbbr(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    doc.abbr = String(doc.abbr ?? '').trim();
    if (!doc.abbr) throw new MandatoryError('Abbreviation is mandatory');
    if (previous && previous.abbr !== doc.abbr) throw new ValidationError('Value cannot be changed for Abbr');
    const taken = await ctx.asSystem((sys) => sys.getValue('Company', { abbr: doc.abbr, name: ['!=', doc.name] }, ['name']));
    if (taken) throw new ValidationError(`Abbreviation ${doc.abbr} is already used for another company`);
  }

  private async validateWarehouses(ctx: Ctx, doc: Doc): Promise<void> {
    for (const field of WAREHOUSE_FIELDS) {
      const warehouse = doc[field];
      if (!warehouse) continue;
      const row = await ctx.asSystem((sys) => sys.getValue('Warehouse', String(warehouse), ['company']));
      if (row && row.company !== doc.name) throw new ValidationError(`Warehouse ${warehouse} does not belong to Company ${doc.name}`);
    }
  }
}
