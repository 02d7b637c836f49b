import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';

const marks = (list: readonly unknown[]): string => list.map(() => '?').join(', ');

/**
 * The rates of Item Tax Templates as a selling row's item_tax_rate holds them ({account: rate}
 * as JSON text, rates written from their decimals), one query for all the templates; a template
 * of another company than the document's is refused.
 */
export async function itemTaxRateJson(ctx: Ctx, templates: readonly string[], company: string): Promise<Map<string, string>> {
  const names = [...new Set(templates)];
  if (!names.length) return new Map();
  for (const t of await ctx.asSystem((sys) => sys.db.rowsByName<{ name: string; company: string }>('tabItem Tax Template', names))) {
    if (t.company !== company) throw new ValidationError(`Item Tax Template ${t.name} does not belong to company ${company}`);
  }
  const rows = await ctx.asSystem((sys) =>
    sys.db.query<{ parent: string; tax_type: string; tax_rate: unknown }>(
      `SELECT parent, tax_type, tax_rate FROM \`tabItem Tax Template Detail\` WHERE parenttype = 'Item Tax Template' AND parent IN (${marks(names)}) ORDER BY parent, idx`,
      names,
    ),
  );
  const rates = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const r of rows) rates.get(r.parent)?.push(`${JSON.stringify(r.tax_type)}:${new Money(String((r.tax_rate ?? 0) as string | number)).toFixed()}`);
  return new Map([...rates].map(([name, parts]) => [name, `{${parts.join(',')}}`]));
}

export interface ItemTaxRow {
  item_tax_template: string;
  tax_category?: string | null;
  valid_from?: string | null;
  minimum_net_rate?: unknown;
  maximum_net_rate?: unknown;
}

const num = (v: unknown): Money => new Money(v === null || v === undefined || v === '' ? 0 : String(v as string | number));

/**
 * ERPNext's Item Tax row choice (get_item_tax_template / _get_item_tax_template): rows valid on the
 * date (valid_from blank or on or before it), latest valid_from first; the first whose tax
 * category is the document's (blank matches a blank one) and whose net-rate band holds the net rate
 * (a 0 bound is open).
 */
export function chooseItemTaxRow(
  rows: readonly ItemTaxRow[],
  opts: { tax_category?: string | null; posting_date?: string | null; net_rate?: Money | null },
): string | null {
  const date = opts.posting_date ?? null;
  const valid = rows
    .filter((r) => !r.valid_from || !date || String(r.valid_from).slice(0, 10) <= date)
    .sort((a, b) => String(b.valid_from ?? '').localeCompare(String(a.valid_from ?? '')));
  const category = opts.tax_category ?? '';
  const netRate = opts.net_rate ?? null;
  for (const r of valid) {
    if ((r.tax_category ?? '') !== category) continue;
    if (netRate !== null) {
      const min = num(r.minimum_net_rate);
      const max = num(r.maximum_net_rate);
      if (!min.isZero() && netRate.lt(min)) continue;
      if (!max.isZero() && netRate.gt(max)) continue;
    }
    return r.item_tax_template;
  }
  return null;
}

/**
 * The Item Tax Template each item's `taxes` rows give for a document of `company` (null: none),
 * one query for all the items; templates of other companies are not candidates.
 */
export async function itemTaxTemplatesFor(
  ctx: Ctx,
  itemCodes: readonly string[],
  opts: { company: string; tax_category?: string | null; posting_date?: string | null; net_rate?: Money | null },
): Promise<Map<string, string | null>> {
  const names = [...new Set(itemCodes)];
  if (!names.length) return new Map();
  const rows = await ctx.asSystem((sys) =>
    sys.db.query<ItemTaxRow & { parent: string }>(
      `SELECT it.parent, it.item_tax_template, it.tax_category, it.valid_from, it.minimum_net_rate, it.maximum_net_rate FROM \`tabItem Tax\` it
       JOIN \`tabItem Tax Template\` itt ON itt.name = it.item_tax_template AND itt.company = ?
       WHERE it.parenttype = 'Item' AND it.parentfield = 'taxes' AND it.parent IN (${marks(names)}) ORDER BY it.parent, it.idx`,
      [opts.company, ...names],
    ),
  );
  const byItem = new Map<string, ItemTaxRow[]>(names.map((n) => [n, []]));
  for (const r of rows) byItem.get(r.parent)?.push(r);
  return new Map([...byItem].map(([item, list]) => [item, chooseItemTaxRow(list, opts)]));
}
