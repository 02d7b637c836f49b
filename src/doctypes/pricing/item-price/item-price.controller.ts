import { Ctx } from '../../../kernel/db/context';
import { Database } from '../../../kernel/db/database';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { checkWindow, decimalOf, isBlank, ItemPriceDuplicateItem, windowsOverlap } from '../pricing-checks';

const same = (a: unknown, b: unknown) => (isBlank(a) ? null : String(a)) === (isBlank(b) ? null : String(b));

/** ERPNext's item_price.py validate: the item and its unit, dates in order, price-list details, no duplicate price. */
@DocController('Item Price')
export class ItemPriceController implements DocHooks {
  constructor(private readonly database: Database) {}

  /** The item's details are fetched again on every save (ERPNext's update_item_details). */
  beforeValidate(_ctx: Ctx, doc: Doc): void {
    doc.item_name = null;
    doc.item_description = null;
    doc.brand = null;
  }

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const item = await ctx.asSystem((sys) => sys.getDoc('Item', String(doc.item_code)));
    if (isBlank(doc.uom)) doc.uom = item.stock_uom;
    if (isBlank(doc.uom)) throw new MandatoryError('Error: Value missing for Item Price: UOM');
    const units = new Set<string>([String(item.stock_uom), ...((item.uoms ?? []) as Doc[]).map((r) => String(r.uom))]);
    if (!units.has(String(doc.uom))) throw new ValidationError(`UOM ${doc.uom} not found in Item ${doc.item_code}`);

    checkWindow(doc, 'Valid From Date must be lesser than Valid Upto Date.');

    const list = await ctx.asSystem((sys) => sys.getValue('Price List', String(doc.price_list), ['enabled', 'buying', 'selling', 'currency']));
    if (!list || !Number(list.enabled)) throw new ValidationError(`The price list ${doc.price_list} does not exist or is disabled`);
    doc.buying = Number(list.buying) ? 1 : 0;
    doc.selling = Number(list.selling) ? 1 : 0;
    doc.currency = list.currency;
    // A buying-only list has no customer prices (ERPNext's clear_party_not_applicable).
    if (doc.buying && !doc.selling) doc.customer = null;
    doc.reference = doc.selling ? (doc.customer ?? null) : null;

    if (decimalOf(doc.price_list_rate)?.isNegative()) throw new ValidationError('Rate can not be negative');
    await this.checkDuplicates(ctx, doc);
  }

  /**
   * ERPNext's check_duplicates, by validity window: another price of the same item, list, unit
   * and customer (none matching none) whose dates share a day with this one is a duplicate.
   * Two transactions pricing the same item queue on the Item's row, and the prices are read
   * with a locking read (the latest committed rows, not this transaction's snapshot), so two
   * overlapping prices cannot both pass the check.
   */
  private async checkDuplicates(ctx: Ctx, doc: Doc): Promise<void> {
    const lock = this.database.forUpdate;
    await ctx.db.query(`SELECT name FROM \`tabItem\` WHERE name = ?${lock}`, [doc.item_code]);
    const others = await ctx.db.query<Doc>(
      `SELECT name, uom, customer, valid_from, valid_upto FROM \`tabItem Price\` WHERE item_code = ? AND price_list = ?${lock}`,
      [doc.item_code, doc.price_list],
    );
    const clash = others.some((o) => o.name !== doc.name && same(o.uom, doc.uom) && same(o.customer, doc.customer) && windowsOverlap(o, doc));
    if (clash) {
      throw new ItemPriceDuplicateItem('Item Price appears multiple times based on Price List, Supplier/Customer, Currency, Item, Batch, UOM, Qty, and Dates.');
    }
  }
}
