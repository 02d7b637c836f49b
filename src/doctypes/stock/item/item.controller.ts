import Decimal from 'decimal.js';
import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { appendChildRow } from '../../setup/child-rows';
import { checkUoms } from './item-uoms';
import { COPIED as WEBSITE_COPIED } from '../../catalog/website-item/website-item.controller';
import { VariantService } from '../../../domain/catalog/variant-service';
import { variantMessages } from '../../../domain/catalog/variants';

@DocController('Item')
export class ItemController implements DocHooks {
  constructor(private readonly variants: VariantService) {}

  beforeInsert(_ctx: Ctx, doc: Doc): void {
    if (typeof doc.item_code === 'string') doc.item_code = doc.item_code.trim();
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if (!doc.item_name) doc.item_name = doc.item_code;
    if (!doc.description) doc.description = doc.item_name;
    this.validateUoms(doc, previous);
    // Integrity checks across all items, groups and warehouses, whoever may see them.
    await ctx.asSystem(async (sys) => {
      await this.validateItemDefaults(sys, doc);
      await this.validateNameWithItemGroup(sys, doc);
      await this.validateHasVariants(sys, doc, previous);
      await this.validateAttributes(sys, doc);
      await this.validateValuationMethod(sys, doc, previous);
    });
  }

  /**
   * A template names its attributes once each (ERPNext's validate_attributes); a variant's values
   * are valid for its template and no other variant has them (validate_variant_attributes).
   */
  private async validateAttributes(sys: Ctx, doc: Doc): Promise<void> {
    const rows = (doc.attributes ?? []) as Doc[];
    if (Number(doc.has_variants)) {
      if (doc.variant_of) throw new ValidationError('A variant cannot itself have variants');
      if (!rows.length) throw new ValidationError(variantMessages.noAttributes());
      const seen = new Set<string>();
      for (const r of rows) {
        const key = String(r.attribute).toLowerCase();
        if (seen.has(key)) throw new ValidationError(variantMessages.attributeTwice(String(r.attribute)));
        seen.add(key);
        // A template's row carries its attribute's kind and range (ERPNext copies them from the Item Attribute).
        const def = await sys.getValue('Item Attribute', String(r.attribute), ['numeric_values', 'from_range', 'to_range', 'increment']);
        if (!def) throw new ValidationError(`Item Attribute ${String(r.attribute)} not found`);
        Object.assign(r, { attribute_value: null, numeric_values: def.numeric_values, from_range: def.from_range, to_range: def.to_range, increment: def.increment });
      }
      return;
    }
    if (doc.variant_of) {
      for (const r of rows) r.variant_of = doc.variant_of;
      await this.variants.validateVariant(sys, doc);
    }
  }

  /** After a save: the Website Item takes the item's copied fields, a template's variants the fields they follow. */
  async onUpdate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if (!previous) return;
    await ctx.asSystem(async (sys) => {
      if (WEBSITE_COPIED.some((f) => (previous[f] ?? null) !== (doc[f] ?? null))) {
        const web = await sys.getValue('Website Item', { item_code: doc.name }, ['name']);
        if (web) await sys.setValue('Website Item', web.name as string, Object.fromEntries(WEBSITE_COPIED.map((f) => [f, doc[f] ?? null])));
      }
      if (Number(doc.has_variants)) await this.variants.syncVariants(sys, doc);
    });
  }

  /** Item.uoms always holds the stock UOM at factor 1; changing the stock UOM starts the table over. */
  private validateUoms(doc: Doc, previous: Doc | null): void {
    if (previous && previous.stock_uom !== doc.stock_uom) doc.uoms = [];
    const { needsStockRow } = checkUoms(doc.stock_uom, doc.uoms ?? []);
    if (needsStockRow) appendChildRow(doc, 'Item', 'uoms', { uom: doc.stock_uom, conversion_factor: new Decimal(1) });
  }

  /** One Item Default per company, and its warehouse from that company. */
  private async validateItemDefaults(sys: Ctx, doc: Doc): Promise<void> {
    const companies = new Set<string>();
    for (const row of (doc.item_defaults ?? []) as Doc[]) {
      if (companies.has(row.company)) throw new ValidationError('Cannot set multiple Item Defaults for a company.');
      companies.add(row.company);
      if (!row.default_warehouse) continue;
      const wh = await sys.getValue('Warehouse', String(row.default_warehouse), ['company']);
      if (wh && wh.company !== row.company) {
        throw new ValidationError(`Item Defaults row #${row.idx}: Warehouse ${row.default_warehouse} does not belong to company ${row.company}`);
      }
    }
  }

  private async validateNameWithItemGroup(sys: Ctx, doc: Doc): Promise<void> {
    if (await sys.getValue('Item Group', doc.name, ['name'])) {
      throw new ValidationError('An Item Group exists with same name, please change the item name or rename the item group');
    }
  }

  /** ERPNext's rule: the valuation method is fixed once the item has stock transactions (its ledger was valued by it). */
  private async validateValuationMethod(sys: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if (!previous || (previous.valuation_method ?? '') === (doc.valuation_method ?? '')) return;
    if (await sys.getValue('Stock Ledger Entry', { item_code: doc.name, is_cancelled: 0 }, ['name'])) {
      throw new ValidationError(`Cannot change Valuation Method of Item ${doc.name}: it has stock transactions`);
    }
  }

  /** A template's has_variants stays set while variants of it exist. */
  private async validateHasVariants(sys: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    if (!previous || Number(doc.has_variants) || !Number(previous.has_variants)) return;
    if (await sys.getValue('Item', { variant_of: doc.name }, ['name'])) throw new ValidationError('Item has variants.');
  }
}
