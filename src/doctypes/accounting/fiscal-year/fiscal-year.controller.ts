import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';

/** Whether two date ranges (YYYY-MM-DD, inclusive) share a day. */
export function rangesOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}

/**
 * ERPNext's Fiscal Year: the start before the end, at most a year and a day apart unless a short
 * or long year, and no overlap with another fiscal year of a company it shares (a year listing
 * no company applies to all of them).
 */
@DocController('Fiscal Year')
export class FiscalYearController implements DocHooks {
  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const start = String(doc.year_start_date);
    const end = String(doc.year_end_date);
    if (start >= end) throw new ValidationError('Fiscal Year Start Date should be one year earlier than Fiscal Year End Date');
    const limit = new Date(`${start}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + 1);
    if (!Number(doc.is_short_year) && end >= limit.toISOString().slice(0, 10)) {
      throw new ValidationError('Fiscal Year End Date should be one year after Fiscal Year Start Date');
    }
    const mine = new Set<string>((doc.companies ?? []).map((r: Doc) => String(r.company)));
    if (mine.size !== (doc.companies ?? []).length) throw new ValidationError('A company is listed twice in Companies');
    const others = await ctx.asSystem((sys) =>
      sys.getList('Fiscal Year', { filters: { name: ['!=', doc.name], year_start_date: ['<=', end], year_end_date: ['>=', start] }, fields: ['name'] }),
    );
    for (const other of others) {
      const rows = await ctx.asSystem((sys) => sys.getList('Fiscal Year Company', { filters: { parent: other.name, parenttype: 'Fiscal Year' }, fields: ['company'] }));
      const overlap = !mine.size || !rows.length || rows.some((r) => mine.has(String(r.company)));
      if (overlap) {
        throw new ValidationError(`Year start date or end date is overlapping with ${other.name}. To avoid please set company`);
      }
    }
  }
}
