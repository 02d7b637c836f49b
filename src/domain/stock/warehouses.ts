import { Ctx } from '../../kernel/db/context';
import { LinkValidationError, ValidationError } from '../../kernel/errors/errors';
import { Doc } from '../../kernel/document/types';
import { Money } from '../../kernel/money/decimal';

/**
 * A warehouse a stock move may use: it exists, is enabled, is not a group, and belongs to the
 * voucher's company (ERPNext's messages).
 */
export async function assertStockWarehouse(ctx: Ctx, warehouse: string, company: string, what = 'Warehouse'): Promise<void> {
  const wh = await ctx.asSystem((sys) => sys.getValue('Warehouse', warehouse, ['is_group', 'company', 'disabled']));
  if (!wh) throw new LinkValidationError(`Could not find ${what}: ${warehouse}`);
  if (Number(wh.is_group)) throw new ValidationError(`${what} ${warehouse}: Group node warehouse is not allowed to select for transactions`);
  if (Number(wh.disabled)) throw new ValidationError(`${what} ${warehouse} is disabled`);
  if (wh.company !== company) throw new ValidationError(`${what} ${warehouse} does not belong to company ${company}`);
}

/** A stock item a stock voucher may move: exists, enabled, maintains stock. */
export async function assertStockItem(ctx: Ctx, item: string, row: number): Promise<{ stock_uom: string; valuation_rate: unknown }> {
  const it = await ctx.asSystem((sys) => sys.getValue('Item', item, ['disabled', 'is_stock_item', 'has_variants', 'stock_uom', 'valuation_rate']));
  if (!it) throw new LinkValidationError(`Row ${row}: Could not find Item: ${item}`);
  if (Number(it.disabled)) throw new ValidationError(`Row ${row}: Item ${item} is disabled`);
  if (!Number(it.is_stock_item)) throw new ValidationError(`Row ${row}: Item ${item} is not a stock Item`);
  if (Number(it.has_variants)) throw new ValidationError(`Row ${row}: Item ${item} is a template, please select one of its variants`);
  return { stock_uom: String(it.stock_uom), valuation_rate: it.valuation_rate };
}

/** Stock UOMs per `uom` of an item row (its Item's UOM Conversion Detail; 1 for the stock UOM itself). */
export async function conversionFactor(ctx: Ctx, row: Doc, stockUom: string): Promise<Money> {
  if (row.uom === stockUom) return new Money(1);
  const [uomRow] = await ctx.asSystem((sys) =>
    sys.db.query('SELECT conversion_factor FROM `tabUOM Conversion Detail` WHERE parent = ? AND parenttype = ? AND uom = ?', [row.item_code, 'Item', row.uom]),
  );
  if (!uomRow) throw new ValidationError(`Row ${row.idx}: UOM Conversion factor is required for UOM ${row.uom} of Item ${row.item_code}`);
  return new Money(uomRow.conversion_factor);
}
