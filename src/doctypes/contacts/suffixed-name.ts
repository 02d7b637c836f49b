import { Ctx } from '../../kernel/db/context';

/**
 * `base` if free, else `base-N` with N one past the highest suffix in use (Frappe's
 * append_number_if_name_exists; Address's "-.#" series gives the same sequence).
 */
export function suffixedName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  const prefix = `${base}-`;
  let max = 0;
  for (const name of taken) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return `${prefix}${max + 1}`;
}

/** The next free name of `doctype` for `base`, among all its documents (read as the system). */
export async function nextFreeName(ctx: Ctx, doctype: string, base: string): Promise<string> {
  const pattern = `${base.replace(/[!%_]/g, '!$&')}-%`;
  const taken = await ctx.asSystem(async (sys) => [
    ...(await sys.getList(doctype, { filters: { name: base }, fields: ['name'] })),
    ...(await sys.getList(doctype, { filters: { name: ['like', pattern] }, fields: ['name'] })),
  ]);
  return suffixedName(base, taken.map((r) => String(r.name)));
}
