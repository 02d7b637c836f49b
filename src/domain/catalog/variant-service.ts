import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { EventHandlers } from '../../jobs/event-handlers';
import { JobQueue } from '../../jobs/job-queue';
import { Ctx, SYSTEM } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DuplicateEntryError, ValidationError } from '../../kernel/errors/errors';
import { ItemVariantExistsError } from './errors';
import {
  AttributeArgs,
  AttributeDefinition,
  AttributeDefinitions,
  AttributeValueLists,
  assertNoExisting,
  buildVariant,
  ExistingVariant,
  findExisting,
  planMultipleVariants,
  TemplateItem,
  templateChanges,
  validateArgs,
  VariantDoc,
  variantMessages,
} from './variants';

declare module '../../kernel/events/types' {
  interface DocketEvents {
    /** a batch of variants too large for the request, created by a job */
    'catalog.variants_requested': { item: string; args: Record<string, string[]>; user: string };
  }
}

const CREATE_VARIANTS_JOB = 'catalog.create-variants';

/**
 * Variants of item templates through the database (the pure rules are in ./variants): ERPNext's
 * create_variant, get_variant and enqueue_multiple_variant_creation, the checks an Item that is
 * a variant passes on every save, and the fields variants follow when their template changes.
 */
@Injectable()
export class VariantService implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly handlers: EventHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.on('catalog.variants_requested', (e) => this.jobs.add(CREATE_VARIANTS_JOB, e.payload, { jobId: `variants-${e.id}` }));
    this.jobs.process<{ item: string; args: Record<string, string[]> }>(CREATE_VARIANTS_JOB, (data) => this.createInBackground(data.item, data.args));
  }

  /** ERPNext's create_variant: the unsaved variant for one combination (refused when it exists already). */
  async createVariant(ctx: Ctx, item: string, args: AttributeArgs): Promise<VariantDoc> {
    const { template, defs } = await this.templateOf(ctx, item);
    const variant = buildVariant(template, defs, args);
    assertNoExisting(args, await this.existing(ctx, item));
    return variant;
  }

  /** ERPNext's get_variant: the code of the template's variant with exactly these values, or null. */
  async getVariant(ctx: Ctx, item: string, args: AttributeArgs): Promise<string | null> {
    const { template, defs } = await this.templateOf(ctx, item);
    const values = validateArgs(template, defs, args);
    return findExisting(values, await this.existing(ctx, item))?.item_code ?? null;
  }

  /**
   * ERPNext's enqueue_multiple_variant_creation: every combination of the values that does not
   * exist yet, created now when fewer than 10, else by a background job (the same checks run
   * first, so the job has nothing left to refuse). Returns how many combinations were asked for.
   */
  async createMany(ctx: Ctx, item: string, args: AttributeValueLists): Promise<number> {
    const { template, defs } = await this.templateOf(ctx, item);
    const plan = planMultipleVariants(template, defs, args, await this.existing(ctx, item), { cap: this.config.maxVariantsPerCall });
    if (plan.background) {
      const lists = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v.map(String)]));
      ctx.emit('catalog.variants_requested', { item, args: lists, user: ctx.user.name });
      return plan.total;
    }
    for (const variant of plan.create) await ctx.insert('Item', variant);
    return plan.total;
  }

  /** What an Item that is a variant must satisfy on save: its values valid for its template, no other variant with the same values. */
  async validateVariant(sys: Ctx, doc: Record<string, unknown>): Promise<void> {
    const item = doc.variant_of as string;
    const { template, defs } = await this.templateOf(sys, item);
    const rows = (doc.attributes ?? []) as { attribute: string; attribute_value?: string | null }[];
    const args = Object.fromEntries(rows.map((r) => [r.attribute, r.attribute_value ?? '']));
    validateArgs(template, defs, args, { item: String(doc.item_code ?? doc.name) });
    assertNoExisting(args, await this.existing(sys, item), String(doc.item_code ?? doc.name));
  }

  /** After a template's save: its variants take the template's value of every field they follow (ERPNext's update_variants). */
  async syncVariants(sys: Ctx, template: Record<string, unknown>): Promise<number> {
    const variants = await sys.getList('Item', { filters: { variant_of: template.name as string }, fields: ['name'] });
    let changed = 0;
    for (const v of variants) {
      const variant = await sys.getDoc('Item', v.name as string);
      const patch = templateChanges(template as TemplateItem, variant);
      if (!Object.keys(patch).length) continue;
      await sys.setValue('Item', v.name as string, patch);
      changed++;
    }
    return changed;
  }

  private async createInBackground(item: string, args: Record<string, string[]>): Promise<void> {
    const { plan } = await this.db.runAsSystem(SYSTEM, async (sys) => {
      const { template, defs } = await this.templateOf(sys, item);
      return { plan: planMultipleVariants(template, defs, args, await this.existing(sys, item), { cap: this.config.maxVariantsPerCall }) };
    });
    // One transaction per variant: a retry after a crash skips what was created (the code is unique).
    for (const variant of plan.create) {
      try {
        await this.db.runAsSystem(SYSTEM, (sys) => sys.insert('Item', variant));
      } catch (err) {
        if (!(err instanceof DuplicateEntryError) && !(err instanceof ItemVariantExistsError)) throw err;
      }
    }
  }

  private async templateOf(ctx: Ctx, item: string): Promise<{ template: TemplateItem; defs: AttributeDefinitions }> {
    const doc = await ctx.getValue('Item', item, ['name']);
    if (!doc) throw new ValidationError(`Item ${item} not found`);
    const template = (await ctx.getDoc('Item', item)) as TemplateItem;
    template.item_code ??= item;
    if (!Number(template.has_variants)) throw new ValidationError(variantMessages.notTemplate(item));
    const names = [...new Set((template.attributes ?? []).map((a) => a.attribute))];
    const defs = new Map<string, AttributeDefinition>();
    await ctx.asSystem(async (sys) => {
      for (const name of names) {
        if (!(await sys.getValue('Item Attribute', name, ['name']))) continue;
        const def = await sys.getDoc('Item Attribute', name);
        defs.set(name, { ...def, attribute_name: (def.attribute_name as string) ?? name } as AttributeDefinition);
      }
    });
    return { template, defs };
  }

  /** The template's variants with their attribute rows (two statements). */
  private async existing(ctx: Ctx, item: string): Promise<ExistingVariant[]> {
    const rows = await ctx.db.query<{ item_code: string; attribute: string | null; attribute_value: string | null }>(
      "SELECT i.name AS item_code, a.attribute, a.attribute_value FROM `tabItem` i LEFT JOIN `tabItem Variant Attribute` a ON a.parent = i.name AND a.parenttype = 'Item' WHERE i.variant_of = ?",
      [item],
    );
    const byItem = new Map<string, ExistingVariant & { attributes: { attribute: string; attribute_value: string | null }[] }>();
    for (const r of rows) {
      const v = byItem.get(r.item_code) ?? { item_code: r.item_code, attributes: [] };
      if (r.attribute) v.attributes.push({ attribute: r.attribute, attribute_value: r.attribute_value });
      byItem.set(r.item_code, v);
    }
    return [...byItem.values()];
  }
}
