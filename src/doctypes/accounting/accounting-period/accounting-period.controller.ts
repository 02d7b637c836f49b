import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';

/** ERPNext's Accounting Period: start before end, no overlap with another period of the company. */
@DocController('Accounting Period')
export class AccountingPeriodController implements DocHooks {
  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const start = String(doc.start_date);
    const end = String(doc.end_date);
    if (start > end) throw new ValidationError('Start Date cannot be after End Date');
    const clash = await ctx.asSystem((sys) =>
      sys.getValue('Accounting Period', { name: ['!=', doc.name], company: doc.company, start_date: ['<=', end], end_date: ['>=', start] }, ['name']),
    );
    if (clash) throw new ValidationError(`Accounting Period overlaps with ${clash.name}`);
    const types = (doc.closed_documents ?? []).map((r: Doc) => String(r.document_type));
    if (new Set(types).size !== types.length) throw new ValidationError('A Document Type is listed twice in Closed Documents');
  }
}
