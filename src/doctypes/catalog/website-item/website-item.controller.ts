import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { DuplicateEntryError, ValidationError } from '../../../kernel/errors/errors';
import { today } from '../../../kernel/time/clock';
import { WEBSHOP_SETTINGS } from '../webshop-settings/webshop-settings.doctype';

/** The Item's fields a Website Item shows as its own (ItemController keeps them in step). */
export const COPIED = ['item_name', 'item_group', 'brand', 'stock_uom', 'has_variants', 'variant_of'] as const;

/** A route as a URL path: lower-case words of letters and digits joined by hyphens, optionally in folders. */
const ROUTE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** The slug a name gives: lower case, every run of other characters one hyphen. */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'product'
  );
}

/**
 * Website Item rules (ERPNext webshop's): one per item; a unique route, made from the name
 * when not given; publishing needs a live item in an item group, priced in the shop's price
 * list (a template: one of its variants or itself).
 */
@DocController('Website Item')
export class WebsiteItemController implements DocHooks {
  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    await ctx.asSystem(async (sys) => {
      const item = await sys.getValue('Item', String(doc.item_code), ['name', 'disabled', 'end_of_life', ...COPIED]);
      if (!item) throw new ValidationError(`Item ${String(doc.item_code)} not found`);
      for (const f of COPIED) doc[f] = item[f] ?? null;
      if (previous && previous.item_code !== doc.item_code) throw new ValidationError('Item Code cannot be changed on a Website Item');
      const other = await sys.getValue('Website Item', { item_code: doc.item_code, name: ['!=', doc.name ?? ''] }, ['name']);
      if (other) throw new DuplicateEntryError(`Website Item already exists against Item ${String(doc.item_code)}`);
      await this.setRoute(sys, doc);
      if (Number(doc.published)) await this.checkPublishable(sys, item);
    });
  }

  private async setRoute(sys: Ctx, doc: Doc): Promise<void> {
    const taken = async (route: string) => !!(await sys.getValue('Website Item', { route, name: ['!=', doc.name ?? ''] }, ['name']));
    if (doc.route) {
      doc.route = String(doc.route).trim().replace(/^\/+|\/+$/g, '');
      if (!ROUTE.test(doc.route)) throw new ValidationError(`Route ${doc.route} must be lower-case words of letters and digits joined by hyphens (folders with /)`);
      if (await taken(doc.route)) throw new DuplicateEntryError(`Route ${doc.route} is already used by another Website Item`);
      return;
    }
    const base = slugOf(String(doc.web_item_name ?? doc.item_code));
    let route = base;
    for (let n = 2; await taken(route); n++) route = `${base}-${n}`;
    doc.route = route;
  }

  private async checkPublishable(sys: Ctx, item: Doc): Promise<void> {
    if (Number(item.disabled)) throw new ValidationError(`Item ${String(item.name)} is disabled and cannot be published`);
    if (item.end_of_life && String(item.end_of_life) <= today()) throw new ValidationError(`Item ${String(item.name)} has reached its end of life on ${String(item.end_of_life)} and cannot be published`);
    if (!item.item_group) throw new ValidationError('Item Group must be defined for website publication.');
    const settings = await sys.getValue(WEBSHOP_SETTINGS, WEBSHOP_SETTINGS, ['price_list']);
    const priceList = settings?.price_list as string | undefined;
    if (!priceList) throw new ValidationError('Set the selling Price List in Webshop Settings before publishing');
    const date = today();
    const [priced] = await sys.db.query(
      'SELECT ip.name FROM `tabItem Price` ip WHERE ip.price_list = ? AND (ip.customer IS NULL OR ip.customer = \'\') AND (ip.valid_upto IS NULL OR ip.valid_upto >= ?) ' +
        'AND (ip.item_code = ? OR ip.item_code IN (SELECT v.name FROM `tabItem` v WHERE v.variant_of = ? AND v.disabled = 0)) LIMIT 1',
      [priceList, date, item.name, item.name],
    );
    if (!priced) {
      const what = Number(item.has_variants) ? `Item ${String(item.name)} nor any of its variants has` : `Item ${String(item.name)} has`;
      throw new ValidationError(`${what} a price in Price List ${priceList}: add an Item Price before publishing`);
    }
  }
}
