import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { WEBSHOP_SETTINGS } from './webshop-settings.doctype';

/** The one Webshop Settings record: named after the doctype, never deleted; its price list sells. */
@DocController(WEBSHOP_SETTINGS)
export class WebshopSettingsController implements DocHooks {
  beforeInsert(_ctx: Ctx, doc: Doc): void {
    doc.name = WEBSHOP_SETTINGS;
  }

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const perPage = Number(doc.products_per_page ?? 20);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new ValidationError('Products per Page must be from 1 to 100');
    if (!doc.price_list) return;
    const list = await ctx.asSystem((sys) => sys.getValue('Price List', String(doc.price_list), ['selling', 'enabled']));
    if (!list || !Number(list.selling)) throw new ValidationError(`Price List ${String(doc.price_list)} is not a selling price list`);
    if (!Number(list.enabled)) throw new ValidationError(`Price List ${String(doc.price_list)} is disabled`);
  }

  onTrash(): void {
    throw new ValidationError('Webshop Settings cannot be deleted');
  }
}
