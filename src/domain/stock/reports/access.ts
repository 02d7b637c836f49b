import { Ctx } from '../../../kernel/db/context';

/**
 * Throws PermissionError (403) unless the caller may read `doctype`: the kernel's own check, as a
 * list of no rows (a report shows what the doctype's rows hold, so it needs what they need).
 */
export async function requireRead(ctx: Ctx, doctype: string): Promise<void> {
  await ctx.getList(doctype, { fields: ['name'], limit: 0 });
}
