import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Doc } from '../../kernel/document/types';
import { TreeIndex } from '../../kernel/document/tree-index';

/** The condition fields of a Tax Rule matched against the party (ERPNext get_tax_template's args). */
export const TAX_RULE_KEYS = [
  'company', 'customer', 'customer_group', 'billing_country', 'billing_state', 'shipping_country', 'shipping_state', 'tax_category',
] as const;
export type TaxRuleKey = (typeof TAX_RULE_KEYS)[number];

export interface TaxRuleShape {
  name: string;
  tax_type?: string | null;
  sales_tax_template?: string | null;
  use_for_shopping_cart?: number | boolean | null;
  from_date?: string | null;
  to_date?: string | null;
  priority?: number | null;
  company?: string | null;
  customer?: string | null;
  customer_group?: string | null;
  billing_country?: string | null;
  billing_state?: string | null;
  shipping_country?: string | null;
  shipping_state?: string | null;
  tax_category?: string | null;
}

export interface TaxParty {
  company?: string | null;
  customer?: string | null;
  /** the party's group and its ancestors (ERPNext get_parent_customer_groups), nearest first */
  customer_group_lineage?: readonly string[];
  billing_country?: string | null;
  billing_state?: string | null;
  shipping_country?: string | null;
  shipping_state?: string | null;
  tax_category?: string | null;
  posting_date?: string | null;
  use_for_shopping_cart?: boolean | number | null;
}

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

function partyValues(party: TaxParty, key: TaxRuleKey): readonly string[] {
  if (key === 'customer_group') return party.customer_group_lineage ?? [];
  const v = party[key];
  return blank(v) ? [] : [String(v)];
}

/** Whether a rule's set conditions all hold for the party (a blank rule field matches anything, a blank party field only blank). */
export function taxRuleMatches(rule: TaxRuleShape, party: TaxParty): boolean {
  if ((rule.tax_type ?? 'Sales') !== 'Sales') return false;
  for (const key of TAX_RULE_KEYS) {
    const r = rule[key];
    if (blank(r)) continue;
    if (!partyValues(party, key).includes(String(r))) return false;
  }
  const date = party.posting_date;
  if (date) {
    if (rule.from_date && rule.from_date > date) return false;
    if (rule.to_date && rule.to_date < date) return false;
  }
  if (party.use_for_shopping_cart !== undefined && party.use_for_shopping_cart !== null) {
    if (Boolean(Number(rule.use_for_shopping_cart ?? 0)) !== Boolean(Number(party.use_for_shopping_cart))) return false;
  }
  return true;
}

/** How many condition fields a rule sets (ERPNext's no_of_keys_matched over the matched rules). */
export function keysMatched(rule: TaxRuleShape): number {
  return TAX_RULE_KEYS.filter((k) => !blank(rule[k])).length;
}

/**
 * ERPNext get_tax_template's choice: of the matching rules, the one with most condition fields
 * set, then the highest priority (its sort compares no_of_keys_matched first, then priority);
 * a full tie keeps the query's order, the rules' names ascending here.
 */
export function matchTaxRule<R extends TaxRuleShape>(rules: readonly R[], party: TaxParty): R | null {
  const matched = rules.filter((r) => taxRuleMatches(r, party));
  if (!matched.length) return null;
  const sorted = [...matched].sort((a, b) =>
    keysMatched(b) - keysMatched(a) || (b.priority ?? 1) - (a.priority ?? 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return sorted[0];
}

/** ERPNext TaxRule.validate_date. */
export function validateTaxRuleDates(rule: TaxRuleShape): void {
  if (rule.from_date && rule.to_date && rule.from_date > rule.to_date) throw new ValidationError('From Date cannot be greater than To Date');
}

/**
 * ERPNext TaxRule.validate_filters: another rule of the same tax type, priority and conditions
 * whose dates overlap conflicts ("Tax Rule Conflicts with {0}").
 */
export function validateNoConflict(rule: TaxRuleShape, others: readonly TaxRuleShape[]): void {
  const same = (a: unknown, b: unknown) => (blank(a) ? '' : String(a)) === (blank(b) ? '' : String(b));
  for (const o of others) {
    if (o.name === rule.name) continue;
    if (!same(o.tax_type ?? 'Sales', rule.tax_type ?? 'Sales')) continue;
    if ((o.priority ?? 1) !== (rule.priority ?? 1)) continue;
    if (!same(o.use_for_shopping_cart ? 1 : 0, rule.use_for_shopping_cart ? 1 : 0)) continue;
    if (!TAX_RULE_KEYS.every((k) => same(o[k], rule[k]))) continue;
    const startsBeforeOtherEnds = !rule.from_date || !o.to_date || rule.from_date <= o.to_date;
    const endsAfterOtherStarts = !rule.to_date || !o.from_date || rule.to_date >= o.from_date;
    if (startsBeforeOtherEnds && endsAfterOtherStarts) throw new ValidationError(`Tax Rule Conflicts with ${o.name}`);
  }
}

const RULE_FIELDS = ['name', 'tax_type', 'sales_tax_template', 'use_for_shopping_cart', 'from_date', 'to_date', 'priority', ...TAX_RULE_KEYS];

const dateText = (v: unknown): string | null => (blank(v) ? null : String(v as string).slice(0, 10));

/** A stored Tax Rule as the matcher reads it. */
export function ruleShape(doc: Doc): TaxRuleShape {
  const shape: TaxRuleShape = {
    name: String(doc.name ?? ''),
    tax_type: (doc.tax_type as string) ?? 'Sales',
    sales_tax_template: (doc.sales_tax_template as string) ?? null,
    use_for_shopping_cart: Number(doc.use_for_shopping_cart ?? 0),
    from_date: dateText(doc.from_date),
    to_date: dateText(doc.to_date),
    priority: Number(doc.priority ?? 1),
  };
  for (const k of TAX_RULE_KEYS) shape[k] = blank(doc[k]) ? null : String(doc[k] as string);
  return shape;
}

/** Every Tax Rule (read as the system). */
export async function readTaxRules(ctx: Ctx): Promise<TaxRuleShape[]> {
  const rows = await ctx.asSystem((sys) => sys.getList('Tax Rule', { fields: RULE_FIELDS, limit: 100000 }));
  return rows.map((r) => ruleShape(r));
}

/** A customer group and its ancestors, nearest first (ERPNext get_parent_customer_groups); a group not in the tree stands alone. */
async function customerGroupLineage(ctx: Ctx, trees: TreeIndex, group: string | null | undefined): Promise<readonly string[]> {
  if (blank(group)) return [];
  return (await trees.chain(ctx, 'Customer Group', String(group))) ?? [String(group)];
}

export interface ChooseTaxArgs {
  company?: string | null;
  customer?: string | null;
  customer_group?: string | null;
  billing_country?: string | null;
  shipping_country?: string | null;
  billing_state?: string | null;
  shipping_state?: string | null;
  tax_category?: string | null;
  posting_date?: string | null;
  use_for_shopping_cart?: boolean | number | null;
}

/** The Sales Taxes and Charges Template the Tax Rules choose for a party, or null (ERPNext get_tax_template). */
export async function chooseSalesTaxTemplate(ctx: Ctx, trees: TreeIndex, args: ChooseTaxArgs): Promise<string | null> {
  let group = args.customer_group ?? null;
  if (blank(group) && !blank(args.customer)) {
    const c = await ctx.asSystem((sys) => sys.getValue('Customer', String(args.customer), ['customer_group']));
    group = c ? ((c.customer_group as string) ?? null) : null;
  }
  const party: TaxParty = { ...args, customer_group_lineage: await customerGroupLineage(ctx, trees, group) };
  const rule = matchTaxRule(await readTaxRules(ctx), party);
  return rule?.sales_tax_template ?? null;
}
