import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Doc } from '../../kernel/document/types';
import { Money } from '../../kernel/money/decimal';
import { MetaRegistry } from '../../kernel/metadata/meta';

/**
 * Issue 9 item 5: a tax template, item tax template or tax rule a submitted selling document
 * used keeps its rates and accounts (a change would misstate what the document charged):
 * create a new one instead. The documents that count, by the field that names the config;
 * a doctype not registered yet is skipped, so the list grows with Quotation, Sales Order.
 */
export interface ConfigUse {
  /** the doctype holding the reference (a parent or a child table) */
  doctype: string;
  field: string;
  /** for a child table: its parent doctype, whose docstatus counts */
  parenttype?: string;
}

export const CONFIG_USES: Record<string, readonly ConfigUse[]> = {
  'Sales Taxes and Charges Template': [
    { doctype: 'Sales Invoice', field: 'taxes_and_charges' },
    { doctype: 'Quotation', field: 'taxes_and_charges' },
    { doctype: 'Sales Order', field: 'taxes_and_charges' },
  ],
  'Item Tax Template': [
    { doctype: 'Sales Invoice Item', field: 'item_tax_template', parenttype: 'Sales Invoice' },
    { doctype: 'Quotation Item', field: 'item_tax_template', parenttype: 'Quotation' },
    { doctype: 'Sales Order Item', field: 'item_tax_template', parenttype: 'Sales Order' },
  ],
};

/** The fields of each config whose change is locked: header fields and, per child table, row fields. */
const LOCKED: Record<string, { header: readonly string[]; table?: string; row: readonly string[] }> = {
  'Sales Taxes and Charges Template': {
    header: [],
    table: 'taxes',
    row: ['charge_type', 'row_id', 'rate', 'account_head', 'included_in_print_rate', 'cost_center'],
  },
  'Item Tax Template': { header: [], table: 'taxes', row: ['tax_type', 'tax_rate'] },
  'Tax Rule': {
    header: [
      'sales_tax_template', 'priority', 'tax_type', 'use_for_shopping_cart', 'company', 'customer', 'customer_group',
      'billing_country', 'billing_state', 'shipping_country', 'shipping_state', 'tax_category', 'from_date', 'to_date',
    ],
    row: [],
  },
};

/** The first submitted document using the named config, or null. */
export async function firstUser(ctx: Ctx, registry: MetaRegistry, doctype: string, name: string): Promise<{ doctype: string; name: string } | null> {
  if (doctype === 'Tax Rule') {
    const rule = await ctx.asSystem((sys) => sys.getValue('Tax Rule', name, ['sales_tax_template']));
    if (!rule?.sales_tax_template) return null;
    return firstUser(ctx, registry, 'Sales Taxes and Charges Template', String(rule.sales_tax_template));
  }
  for (const use of CONFIG_USES[doctype] ?? []) {
    const holder = use.parenttype ?? use.doctype;
    if (!registry.get(use.doctype) || !registry.get(holder)) continue;
    if (use.parenttype) {
      const rows = await ctx.asSystem((sys) =>
        sys.getList(use.doctype, { filters: { [use.field]: name, parenttype: use.parenttype }, fields: ['parent'], limit: 1000 }),
      );
      for (const row of rows) {
        const parent = await ctx.asSystem((sys) => sys.getValue(holder, { name: row.parent, docstatus: 1 }, ['name']));
        if (parent) return { doctype: holder, name: String(parent.name) };
      }
    } else {
      const hit = await ctx.asSystem((sys) => sys.getValue(holder, { [use.field]: name, docstatus: 1 }, ['name']));
      if (hit) return { doctype: holder, name: String(hit.name) };
    }
  }
  return null;
}

const norm = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  const text = typeof v === 'object' && 'toFixed' in v ? (v as { toFixed(): string }).toFixed() : String(v as string | number);
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? new Money(text.trim()).toFixed() : text;
};

/** Whether the locked fields differ between two versions of a config. */
export function lockedFieldsChanged(doctype: string, doc: Doc, previous: Doc): boolean {
  const spec = LOCKED[doctype];
  if (!spec) return false;
  if (spec.header.some((f) => norm(doc[f]) !== norm(previous[f]))) return true;
  if (!spec.table) return false;
  const a = (doc[spec.table] ?? []) as Doc[];
  const b = (previous[spec.table] ?? []) as Doc[];
  if (a.length !== b.length) return true;
  return a.some((row, i) => spec.row.some((f) => norm(row[f]) !== norm(b[i][f])));
}

/** Refuses a change of rates or accounts of a config a submitted document used. */
export async function assertConfigUnlocked(ctx: Ctx, registry: MetaRegistry, doctype: string, doc: Doc, previous: Doc): Promise<void> {
  if (!lockedFieldsChanged(doctype, doc, previous)) return;
  const user = await firstUser(ctx, registry, doctype, String(previous.name));
  if (user) {
    throw new ValidationError(`${doctype} ${previous.name} is used by submitted ${user.doctype} ${user.name}: its rates and accounts cannot change, create a new one instead`);
  }
}

/** Refuses deleting a config a submitted document used. */
export async function assertConfigDeletable(ctx: Ctx, registry: MetaRegistry, doctype: string, doc: Doc): Promise<void> {
  const user = await firstUser(ctx, registry, doctype, String(doc.name));
  if (user) throw new ValidationError(`${doctype} ${doc.name} is used by submitted ${user.doctype} ${user.name} and cannot be deleted, disable it instead`);
}
