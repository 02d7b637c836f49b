import { Ctx } from '../../../kernel/db/context';
import { LinkValidationError, MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { Doc } from '../../../kernel/document/types';
import { withCompanySuffix } from './abbr';

/** The abbreviation of a document's company (read as the system), or the errors ERPNext gives. */
export async function companyAbbr(ctx: Ctx, doctype: string, doc: Doc): Promise<string> {
  if (!doc.company) throw new MandatoryError(`Error: Value missing for ${doctype}: Company`);
  const company = await ctx.asSystem((sys) => sys.getValue('Company', String(doc.company), ['abbr']));
  if (!company) throw new LinkValidationError(`Could not find Company: ${doc.company}`);
  return String(company.abbr);
}

/** ERPNext's get_autoname_with_number: `[<number> - ]<name> - <abbr>`. */
export function companyScopedName(base: string, abbr: string, number?: unknown): string {
  const num = number === null || number === undefined ? '' : String(number).trim();
  return withCompanySuffix(num ? `${num} - ${base.trim()}` : base, abbr);
}

/** A tree node's company is set once (ERPNext refuses to move an account or cost center between companies). */
export function assertCompanyUnchanged(doc: Doc, previous: Doc | null): void {
  if (previous && previous.company !== doc.company) throw new ValidationError('Value cannot be changed for Company');
}
