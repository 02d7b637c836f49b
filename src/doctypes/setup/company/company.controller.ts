import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { defaultAbbr } from './abbr';

const WAREHOUSE_FIELDS = ['default_warehouse_for_sales_return', 'default_in_transit_warehouse'] as const;

async function validateAbbr(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
  doc.abbr = String(doc.abbr ?? '').trim();
  if (!doc.abbr) throw new MandatoryError('Abbreviation is mandatory');
  if (previous && previous.abbr !== doc.abbr) throw new ValidationError('Value cannot be changed for Abbr');
  const taken = await ctx.db.query('SELECT name FROM `tabCompany` WHERE abbr = ? AND name != ? LIMIT 1', [doc.abbr, doc.name]);
  if (taken.length) throw new ValidationError(`Abbreviation ${doc.abbr} is already used for another company`);
}

async function validateWarehouses(ctx: Ctx, doc: Doc): Promise<void> {
  for (const field of WAREHOUSE_FIELDS) {
    const warehouse = doc[field];
    if (!warehouse) continue;
    const [row] = await ctx.db.query<{ company: string }>('SELECT company FROM `tabWarehouse` WHERE name = ?', [warehouse]);
    if (row && row.company !== doc.name) {
      throw new ValidationError(`Warehouse ${warehouse} does not belong to Company ${doc.name}`);
    }
  }
}

export const CompanyController = defineController('Company', {
  beforeInsert(_ctx, doc) {
    doc.company_name = String(doc.company_name ?? '').trim();
    if (!doc.abbr && doc.company_name) doc.abbr = defaultAbbr(doc.company_name);
  },
  async validate(ctx, doc, previous) {
    await validateAbbr(ctx, doc, previous);
    await validateWarehouses(ctx, doc);
  },
});
