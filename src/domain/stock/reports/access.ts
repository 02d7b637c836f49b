import { Ctx } from '../../../kernel/db/context';
import { LinkValidationError, PermissionError } from '../../../kernel/errors/errors';

/**
 * Throws PermissionError (403) unless the caller may read `doctype`: the kernel's own check, as a
 * list of no rows (a report shows what the doctype's rows hold, so it needs what they need).
 */
export async function requireRead(ctx: Ctx, doctype: string): Promise<void> {
  await ctx.getList(doctype, { fields: ['name'], limit: 0 });
}

/**
 * The companies a User Permission on Company restricts the user to, or null when none does (the
 * same rows the kernel's PermissionService.userPermissions reads).
 */
export async function allowedCompanies(ctx: Ctx): Promise<string[] | null> {
  if (ctx.elevated || ctx.isAdministrator) return null;
  const rows = await ctx.db.query<{ v: string }>("SELECT for_value AS v FROM `tabUser Permission` WHERE user = ? AND allow = 'Company'", [ctx.user.name]);
  return rows.length ? rows.map((r) => String(r.v)) : null;
}

/**
 * The company scope every report (accounting and stock) applies: a named company must exist
 * (LinkValidationError, 417) and be one the user may read (User Permission on Company); without
 * one the report is consolidated, only for users who may read every company (PermissionError, 403).
 */
export async function requireCompanyAccess(ctx: Ctx, company: string | undefined): Promise<void> {
  if (company) {
    const [row] = await ctx.db.query('SELECT name FROM `tabCompany` WHERE name = ?', [company]);
    if (!row) throw new LinkValidationError(`Could not find Company: ${company}`);
  }
  const allowed = await allowedCompanies(ctx);
  if (!allowed) return;
  if (company) {
    if (!allowed.includes(company)) throw new PermissionError(`Not permitted to read the books of ${company}`);
    return;
  }
  const [all] = await ctx.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM `tabCompany`');
  const [mine] = await ctx.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM \`tabCompany\` WHERE name IN (${allowed.map(() => '?').join(', ')})`, allowed);
  if (Number(mine.n) < Number(all.n)) throw new PermissionError('A consolidated report needs access to every company: pass company');
}
