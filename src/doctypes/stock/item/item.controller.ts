import Decimal from 'decimal.js';
import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { appendChildRow } from '../../setup/child-rows';
import { checkUoms } from './item-uoms';

/** Item.uoms always holds the stock UOM at factor 1; changing the stock UOM starts the table over. */
function validateUoms(doc: Doc, previous: Doc | null): void {
  if (previous && previous.stock_uom !== doc.stock_uom) doc.uoms = [];
  const { needsStockRow } = checkUoms(doc.stock_uom, doc.uoms ?? []);
  if (needsStockRow) appendChildRow(doc, 'Item', 'uoms', { uom: doc.stock_uom, conversion_factor: new Decimal(1) });
}

/** One Item Default per company, and its warehouse from that company. */
async function validateItemDefaults(ctx: Ctx, doc: Doc): Promise<void> {
  const companies = new Set<string>();
  for (const row of (doc.item_defaults ?? []) as Doc[]) {
    if (companies.has(row.company)) throw new ValidationError('Cannot set multiple Item Defaults for a company.');
    companies.add(row.company);
    if (!row.default_warehouse) continue;
    const [wh] = await ctx.db.query<{ company: string }>('SELECT company FROM `tabWarehouse` WHERE name = ?', [row.default_warehouse]);
    if (wh && wh.company !== row.company) {
      throw new ValidationError(`Item Defaults row #${row.idx}: Warehouse ${row.default_warehouse} does not belong to company ${row.company}`);
    }
  }
}

async function validateNameWithItemGroup(ctx: Ctx, doc: Doc): Promise<void> {
  const clash = await ctx.db.query('SELECT name FROM `tabItem Group` WHERE name = ?', [doc.name]);
  if (clash.length) {
    throw new ValidationError('An Item Group exists with same name, please change the item name or rename the item group');
  }
}

/** A template's has_variants stays set while variants of it exist. */
async function validateHasVariants(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
  if (!previous || Number(doc.has_variants) || !Number(previous.has_variants)) return;
  const variants = await ctx.db.query('SELECT name FROM `tabItem` WHERE variant_of = ? LIMIT 1', [doc.name]);
  if (variants.length) throw new ValidationError('Item has variants.');
}

export const ItemController = defineController('Item', {
  beforeInsert(_ctx, doc) {
    if (typeof doc.item_code === 'string') doc.item_code = doc.item_code.trim();
  },
  async validate(ctx, doc, previous) {
    if (!doc.item_name) doc.item_name = doc.item_code;
    if (!doc.description) doc.description = doc.item_name;
    validateUoms(doc, previous);
    await validateItemDefaults(ctx, doc);
    await validateNameWithItemGroup(ctx, doc);
    await validateHasVariants(ctx, doc, previous);
  },
});
