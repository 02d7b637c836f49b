import { AttributeDefinition, checkAttributeEdit, validateAttributeDefinition } from '../../../domain/catalog';
import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';

/** Item Attribute rules (ERPNext's): a numeric range or a list of values, and no edit that strands a variant's value. */
@DocController('Item Attribute')
export class ItemAttributeController implements DocHooks {
  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    const def = validateAttributeDefinition(doc as unknown as AttributeDefinition);
    doc.from_range = def.from_range;
    doc.to_range = def.to_range;
    doc.increment = def.increment;
    if (Number(doc.numeric_values)) doc.item_attribute_values = [];
    if (!previous) return;
    const uses = await ctx.db.query<{ item_code: string; attribute_value: string }>(
      "SELECT a.parent AS item_code, a.attribute_value FROM `tabItem Variant Attribute` a JOIN `tabItem` i ON i.name = a.parent WHERE a.parenttype = 'Item' AND a.attribute = ? AND i.variant_of IS NOT NULL AND i.variant_of <> ''",
      [doc.name],
    );
    checkAttributeEdit(def, uses, { previousNumeric: previous.numeric_values as number });
  }
}
