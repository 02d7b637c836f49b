import { Ctx } from '../../kernel/db/context';
import { PermissionError } from '../../kernel/errors/errors';

/**
 * Whether the caller may know of an item: staff who may read the Item master, or anyone when
 * the item is on sale (its Website Item, or its template's, is published). Guests and website
 * users never read the master itself.
 */
export async function itemVisible(ctx: Ctx, itemCode: string): Promise<boolean> {
  try {
    if (await ctx.getValue('Item', itemCode, ['name'])) return true;
  } catch (err) {
    if (!(err instanceof PermissionError)) throw err;
  }
  const [row] = await ctx.db.query(
    'SELECT 1 AS ok FROM `tabItem` i JOIN `tabWebsite Item` wi ON wi.item_code = i.name OR wi.item_code = i.variant_of WHERE i.name = ? AND wi.published = 1 AND i.disabled = 0 LIMIT 1',
    [itemCode],
  );
  return !!row;
}
