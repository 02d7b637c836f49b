import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';

/** ERPNext's Mode of Payment: one row per company, each row's account of that company. */
@DocController('Mode of Payment')
export class ModeOfPaymentController implements DocHooks {
  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const seen = new Set<string>();
    for (const row of doc.accounts ?? []) {
      const company = String(row.company);
      if (seen.has(company)) throw new ValidationError('Same Company is entered more than once');
      seen.add(company);
      if (!row.default_account) continue;
      const account = await ctx.asSystem((sys) => sys.getValue('Account', String(row.default_account), ['company', 'is_group']));
      if (account && account.company !== company) {
        throw new ValidationError(`Accounts row #${row.idx}: Account ${row.default_account} does not match with Company ${company} in Mode of Account`);
      }
      if (account && Number(account.is_group)) throw new ValidationError(`Accounts row #${row.idx}: Account ${row.default_account} is a group account`);
    }
  }
}
