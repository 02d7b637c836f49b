import { Ctx } from '../../kernel/db/context';
import { Money } from '../../kernel/money/decimal';

/** The rates of an Item Tax Template, {account: rate} (what a selling row's item_tax_rate holds). */
export async function itemTaxRates(ctx: Ctx, itemTaxTemplate: string | null | undefined): Promise<Record<string, Money>> {
  if (!itemTaxTemplate) return {};
  const doc = await ctx.asSystem((sys) => sys.getDoc('Item Tax Template', itemTaxTemplate));
  const rates: Record<string, Money> = {};
  for (const row of (doc.taxes ?? []) as { tax_type: string; tax_rate?: unknown }[]) {
    rates[row.tax_type] = new Money(String((row.tax_rate ?? 0) as string | number));
  }
  return rates;
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

/** The Item Tax Template an item's `taxes` rows give for a document, or null. */
export async function itemTaxTemplateFor(
  ctx: Ctx,
  itemCode: string,
  opts: { tax_category?: string | null; posting_date?: string | null; net_rate?: Money | null },
): Promise<string | null> {
  const item = await ctx.asSystem((sys) => sys.getDoc('Item', itemCode));
  return chooseItemTaxRow((item.taxes ?? []) as ItemTaxRow[], opts);
}
