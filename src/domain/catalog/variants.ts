import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/errors/errors';
import { InvalidItemAttributeValueError, ItemVariantExistsError } from './errors';
import { COPIED_FIELDS, NEVER_COPIED } from './variant-fields';

/**
 * The variant engine, pure: ERPNext's erpnext/controllers/item_variant.py (create_variant,
 * validate_item_variant_attributes, validate_is_incremental, make_variant_item_code,
 * copy_attributes_to_variant, generate_keyed_value_combinations, find_variant) over plain objects
 * with ERPNext's field names. Numeric attribute values are checked exactly (decimal.js), not with
 * ERPNext's rounded float remainder.
 */

type NumberLike = number | string | Decimal | null | undefined;
type Flag = boolean | number | null | undefined;

/** A row of the template's `attributes` table (Item Variant Attribute). */
export interface TemplateAttributeRow {
  attribute: string;
  attribute_value?: string | null;
  numeric_values?: Flag;
  from_range?: NumberLike;
  to_range?: NumberLike;
  increment?: NumberLike;
}

/** A template Item (has_variants 1) with its attributes; its other fields are copied to variants. */
export interface TemplateItem {
  item_code: string;
  item_name?: string | null;
  description?: string | null;
  has_variants?: Flag;
  variant_based_on?: string | null;
  attributes?: readonly TemplateAttributeRow[] | null;
  [field: string]: unknown;
}

/** An Item Attribute Value row: the value and the abbreviation that goes into variant codes. */
export interface AttributeValueRow {
  attribute_value: string;
  abbr: string;
}

/** An Item Attribute. */
export interface AttributeDefinition {
  attribute_name: string;
  numeric_values?: Flag;
  from_range?: NumberLike;
  to_range?: NumberLike;
  increment?: NumberLike;
  item_attribute_values?: readonly AttributeValueRow[] | null;
}

export type AttributeDefinitions = ReadonlyMap<string, AttributeDefinition>;
/** One variant's attribute values: attribute name → value. */
export type AttributeValue = string | number;
export type AttributeArgs = Readonly<Record<string, AttributeValue>>;
/** Values per attribute for a batch of variants. */
export type AttributeValueLists = Readonly<Record<string, readonly AttributeValue[]>>;

/** ERPNext's limit: one call creates at most this many variants (configurable by the caller). */
export const DEFAULT_VARIANT_CAP = 500;
/** enqueue_multiple_variant_creation creates fewer than this many variants in the request, more in a job. */
export const SYNC_VARIANT_LIMIT = 10;

export const variantMessages = {
  notTemplate: (item: string) => `Item ${item} is not a template: set Has Variants before creating variants`,
  noAttributes: () => 'Attribute table is mandatory',
  attributeTwice: (attribute: string) => `Attribute ${attribute} selected multiple times in Attributes Table`,
  noArgs: () => 'Please specify at least one attribute in the Attributes table',
  unknownAttribute: (attribute: string, item: string) => `Attribute ${attribute} is not an attribute of Item ${item}`,
  missingValue: (attribute: string) => `Please specify Attribute Value for attribute ${attribute}`,
  attributeNotFound: (attribute: string) => `Item Attribute ${attribute} not found`,
  invalidValue: (value: string, attribute: string, item: string) => `${value} is not a valid Value for Attribute ${attribute} of Item ${item}.`,
  zeroIncrement: (attribute: string) => `Increment for Attribute ${attribute} cannot be 0`,
  outOfRange: (attribute: string, from: string, to: string, increment: string, item: string) =>
    `Value for Attribute ${attribute} must be within the range of ${from} to ${to} in the increments of ${increment} for Item ${item}`,
  exists: (variant: string) => `Item variant ${variant} exists with same attributes`,
  overCap: (count: number, cap: number) => `This would create ${count} variants; at most ${cap} can be created in one call`,
};

const isOn = (v: Flag): boolean => v === true || v === 1;
const blank = (v: unknown): boolean => v === null || v === undefined || String(v as AttributeValue).trim() === '';
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function toDecimal(v: NumberLike): Decimal | null {
  if (v === null || v === undefined || v === '') return null;
  if (Decimal.isDecimal(v)) return new Decimal(v);
  const text = String(v).trim();
  return DECIMAL_TEXT.test(text) ? new Decimal(text) : null;
}

/** A range bound as ERPNext's message prints it (a Python float: 100 → "100.0"). */
function floatText(v: Decimal): string {
  return v.isInteger() ? v.toFixed(1) : v.toString();
}

/** One template attribute resolved against its definition. */
interface ResolvedAttribute {
  row: TemplateAttributeRow;
  def: AttributeDefinition;
  numeric: boolean;
}

function lookupDefinition(defs: AttributeDefinitions, name: string): AttributeDefinition {
  const exact = defs.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, def] of defs) if (key.toLowerCase() === lower) return def;
  throw new ValidationError(variantMessages.attributeNotFound(name));
}

/** The template's attributes in its order, each with its definition; a non-template or a bad attributes table is refused. */
function templateAttributes(template: TemplateItem, defs: AttributeDefinitions): ResolvedAttribute[] {
  if (!isOn(template.has_variants)) throw new ValidationError(variantMessages.notTemplate(template.item_code));
  const rows = template.attributes ?? [];
  if (!rows.length) throw new ValidationError(variantMessages.noAttributes());
  const seen = new Set<string>();
  return rows.map((row) => {
    const key = row.attribute.toLowerCase();
    if (seen.has(key)) throw new ValidationError(variantMessages.attributeTwice(row.attribute));
    seen.add(key);
    const def = lookupDefinition(defs, row.attribute);
    return { row, def, numeric: isOn(row.numeric_values) || isOn(def.numeric_values) };
  });
}

/**
 * Maps each key of `args` to the template attribute it names (exactly, else ignoring case, as
 * ERPNext's validation compares lowercased names); an attribute the template lacks is refused.
 */
function keyedByAttribute<T>(template: TemplateItem, attrs: readonly ResolvedAttribute[], args: Readonly<Record<string, T>>): Map<ResolvedAttribute, T> {
  const out = new Map<ResolvedAttribute, T>();
  for (const [key, value] of Object.entries(args)) {
    const attr = attrs.find((a) => a.row.attribute === key) ?? attrs.find((a) => a.row.attribute.toLowerCase() === key.toLowerCase());
    if (!attr) throw new ValidationError(variantMessages.unknownAttribute(key, template.item_code));
    out.set(attr, value);
  }
  return out;
}

/** A numeric range: from_range, to_range and the increment. */
export interface NumericRange {
  from_range?: NumberLike;
  to_range?: NumberLike;
  increment?: NumberLike;
}

const bound = (v: NumberLike): Decimal => toDecimal(v) ?? new Decimal(0);

/**
 * ERPNext's validate_is_incremental, exactly: from_range ≤ value ≤ to_range and (value − from_range)
 * a whole number of increments. A zero increment fits nothing.
 */
export function numericValueFits(range: NumericRange, value: AttributeValue): boolean {
  const from = bound(range.from_range);
  const increment = bound(range.increment).abs();
  const v = toDecimal(value);
  if (v === null || increment.isZero()) return false;
  return v.gte(from) && v.lte(bound(range.to_range)) && v.minus(from).mod(increment).isZero();
}

/** The range of a numeric template attribute: the template row's, each bound falling back to the definition's. */
function rangeOf(attr: ResolvedAttribute): NumericRange {
  const pick = (k: keyof NumericRange): Decimal => toDecimal(attr.row[k]) ?? toDecimal(attr.def[k]) ?? new Decimal(0);
  return { from_range: pick('from_range'), to_range: pick('to_range'), increment: pick('increment') };
}

function checkNumeric(attr: ResolvedAttribute, value: AttributeValue, item: string): void {
  const name = attr.row.attribute;
  const range = rangeOf(attr);
  if (bound(range.increment).isZero()) throw new ValidationError(variantMessages.zeroIncrement(name));
  if (!numericValueFits(range, value)) {
    const [from, to, increment] = [range.from_range, range.to_range, range.increment].map((v) => floatText(bound(v)));
    throw new InvalidItemAttributeValueError(variantMessages.outOfRange(name, from, to, increment, item));
  }
}

/** ERPNext's validate_item_attribute_value: the value must be one of the attribute's values (exact match). */
function abbreviation(attr: ResolvedAttribute, value: AttributeValue, item: string): string {
  const text = String(value);
  const hit = (attr.def.item_attribute_values ?? []).find((v) => v.attribute_value === text);
  if (!hit) throw new InvalidItemAttributeValueError(variantMessages.invalidValue(text, attr.row.attribute, item));
  return hit.abbr;
}

/** The code part of one value: its abbreviation, or a numeric value as written. */
function codePart(attr: ResolvedAttribute, value: AttributeValue, item: string): string {
  if (attr.numeric) {
    checkNumeric(attr, value, item);
    return String(value).trim();
  }
  return abbreviation(attr, value, item);
}

export interface ValidateOptions {
  /** The item named in value errors (ERPNext names the variant being saved); default the template's code. */
  item?: string;
}

/** A validated variant: its values in the template's attribute order with their code parts. */
export interface ResolvedVariantArgs {
  values: { attribute: string; attribute_value: string; part: string }[];
}

function resolveArgs(template: TemplateItem, defs: AttributeDefinitions, args: AttributeArgs, opts: ValidateOptions = {}): ResolvedVariantArgs {
  const attrs = templateAttributes(template, defs);
  if (!Object.keys(args).length) throw new ValidationError(variantMessages.noArgs());
  const given = keyedByAttribute(template, attrs, args);
  const item = opts.item ?? template.item_code;
  return {
    values: attrs.map((attr) => {
      const value = given.get(attr);
      if (value === undefined || blank(value)) throw new ValidationError(variantMessages.missingValue(attr.row.attribute));
      return { attribute: attr.row.attribute, attribute_value: String(value).trim(), part: codePart(attr, value, item) };
    }),
  };
}

/**
 * ERPNext's validate_item_variant_attributes for a new variant: every key is one of the
 * template's attributes, every template attribute has a value, a listed attribute's value is one
 * of its values, a numeric one lies in the range on an increment step. Returns the values keyed by
 * the template's attribute names, in the template's order.
 */
export function validateArgs(template: TemplateItem, defs: AttributeDefinitions, args: AttributeArgs, opts: ValidateOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of resolveArgs(template, defs, args, opts).values) out[v.attribute] = v.attribute_value;
  return out;
}

/** ERPNext's make_variant_item_code: TEMPLATE-ABBR1-ABBR2 in the template's attribute order (numeric: the value as written). */
export function variantCode(template: TemplateItem, defs: AttributeDefinitions, args: AttributeArgs): string {
  return codeFrom(template.item_code, resolveArgs(template, defs, args));
}

/** The variant's item_name: the template's item_name with the same parts as the code (ERPNext's make_variant_item_code). */
export function variantName(template: TemplateItem, defs: AttributeDefinitions, args: AttributeArgs): string {
  return codeFrom(template.item_name || template.item_code, resolveArgs(template, defs, args));
}

function codeFrom(base: string, resolved: ResolvedVariantArgs): string {
  return `${base}-${resolved.values.map((v) => v.part).join('-')}`;
}

/** The number of variants a batch would create (the product of the distinct value counts), without building them. */
export function countCombinations(args: AttributeValueLists): number {
  const lists = Object.values(args);
  if (!lists.length) return 0;
  return lists.reduce((n, values) => n * new Set(values.filter((v) => !blank(v)).map((v) => String(v).trim())).size, 1);
}

/** Refuses a batch above the cap, naming both. */
export function assertWithinCap(count: number, cap: number = DEFAULT_VARIANT_CAP): void {
  if (count > cap) throw new ValidationError(variantMessages.overCap(count, cap));
}

export interface CombinationOptions {
  /** At most this many variants in one call (default 500). */
  cap?: number;
}

/**
 * ERPNext's generate_keyed_value_combinations for create_multiple_variants: the cartesian product
 * of the values, attributes in the template's order, the last attribute changing fastest; each
 * value validated once; repeated values count once. Refused above the cap before anything is built.
 */
export function combinations(template: TemplateItem, defs: AttributeDefinitions, args: AttributeValueLists, opts: CombinationOptions = {}): Record<string, string>[] {
  const attrs = templateAttributes(template, defs);
  if (!Object.keys(args).length) throw new ValidationError(variantMessages.noArgs());
  const given = keyedByAttribute(template, attrs, args);
  assertWithinCap(countCombinations(args), opts.cap ?? DEFAULT_VARIANT_CAP);
  const axes = attrs.map((attr) => {
    const values = [...new Set((given.get(attr) ?? []).filter((v) => !blank(v)).map((v) => String(v).trim()))];
    if (!values.length) throw new ValidationError(variantMessages.missingValue(attr.row.attribute));
    for (const v of values) codePart(attr, v, template.item_code);
    return { attribute: attr.row.attribute, values };
  });
  let out: Record<string, string>[] = [{}];
  for (const axis of axes) out = out.flatMap((partial) => axis.values.map((v) => ({ ...partial, [axis.attribute]: v })));
  return out;
}

/** A variant's attribute row (Item Variant Attribute). */
export interface VariantAttributeRow {
  attribute: string;
  attribute_value: string;
  variant_of: string;
}

/** The unsaved variant Item, as create_variant returns it. */
export interface VariantDoc {
  doctype: 'Item';
  item_code: string;
  item_name: string;
  description: string;
  variant_of: string;
  has_variants: 0;
  variant_based_on: string;
  attributes: VariantAttributeRow[];
  [field: string]: unknown;
}

export interface BuildOptions {
  /** The fields copied from the template (default COPIED_FIELDS: ERPNext's default Item Variant Settings list). */
  fields?: readonly string[];
  /** 'html' (ERPNext's "<div>Attribute: Value</div>" per attribute, the default) or 'text' (one "Attribute: Value" line each). */
  descriptionFormat?: 'html' | 'text';
}

const ROW_IDENTITY = new Set(['name', 'parent', 'parenttype', 'owner', 'creation', 'modified', 'modified_by']);

/** A template value as the variant gets it: table rows deep-copied without their identity. */
function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((row: unknown) => {
      if (row === null || typeof row !== 'object') return row;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row as Record<string, unknown>)) if (!ROW_IDENTITY.has(k)) copy[k] = copyValue(v);
      return copy;
    });
  }
  if (Decimal.isDecimal(value)) return value; // immutable
  if (value instanceof Date) return new Date(value.getTime());
  if (value !== null && typeof value === 'object') return structuredClone(value);
  return value;
}

/** The fields of a variant that follow the template, from `fields` (the variant's identity never). */
function followed(fields: readonly string[]): string[] {
  return fields.filter((f) => !NEVER_COPIED.has(f));
}

/** The description ERPNext composes for a variant: the template's, a space, then one entry per attribute. */
export function variantDescription(templateDescription: string | null | undefined, attributes: readonly { attribute: string; attribute_value: string }[], format: 'html' | 'text' = 'html'): string {
  const base = templateDescription ?? '';
  if (format === 'text') return [base, ...attributes.map((a) => `${a.attribute}: ${a.attribute_value}`)].filter((s) => s !== '').join('\n');
  const lines = attributes.map((a) => `<div>${a.attribute}: ${a.attribute_value}</div>`).join('');
  return base ? `${base} ${lines}` : lines;
}

/**
 * ERPNext's create_variant: the unsaved variant of a template for one set of attribute values,
 * validated; its code and name from make_variant_item_code, its fields copied as
 * copy_attributes_to_variant does, variant_of the template, has_variants 0, the attribute rows in
 * the template's order and the description listing them.
 */
export function buildVariant(template: TemplateItem, defs: AttributeDefinitions, args: AttributeArgs, opts: BuildOptions = {}): VariantDoc {
  const resolved = resolveArgs(template, defs, args);
  const copied: Record<string, unknown> = {};
  for (const field of followed(opts.fields ?? COPIED_FIELDS)) {
    if (template[field] !== undefined) copied[field] = copyValue(template[field]);
  }
  const attributes = resolved.values.map((v) => ({ attribute: v.attribute, attribute_value: v.attribute_value, variant_of: template.item_code }));
  return {
    ...copied,
    doctype: 'Item',
    item_code: codeFrom(template.item_code, resolved),
    item_name: codeFrom(template.item_name || template.item_code, resolved),
    description: variantDescription(template.description, attributes, opts.descriptionFormat),
    variant_of: template.item_code,
    has_variants: 0,
    variant_based_on: 'Item Attribute',
    attributes,
  };
}

/** JSON-like comparison of field values (decimals by value, table rows without their identity). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Decimal.isDecimal(v)) return { $d: v.toString() };
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) {
      if (!ROW_IDENTITY.has(k) && k !== 'idx') out[k] = normalise((v as Record<string, unknown>)[k]);
    }
    return out;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * What a variant must take after its template changed (ERPNext's update_variants re-running
 * copy_attributes_to_variant): the followed fields whose values differ, with the template's value.
 * Empty when the variant is in step.
 */
export function templateChanges(template: TemplateItem, variant: Readonly<Record<string, unknown>>, fields: readonly string[] = COPIED_FIELDS): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of followed(fields)) {
    if (template[field] === undefined) continue;
    if (!sameValue(template[field], variant[field])) patch[field] = copyValue(template[field]);
  }
  return patch;
}

/** An existing variant of the template with its attribute rows. */
export interface ExistingVariant {
  item_code: string;
  attributes: readonly { attribute: string; attribute_value?: string | number | null }[];
}

/**
 * ERPNext's find_variant: the variant with exactly these attribute values (as many rows as
 * values, each value matched as text), skipping `exceptItemCode` (the variant being saved).
 */
export function findExisting<V extends ExistingVariant>(args: AttributeArgs, variants: readonly V[], exceptItemCode?: string): V | undefined {
  const entries = Object.entries(args);
  return variants.find(
    (variant) =>
      variant.item_code !== exceptItemCode &&
      variant.attributes.length === entries.length &&
      entries.every(([attribute, value]) => variant.attributes.some((row) => row.attribute === attribute && String(row.attribute_value ?? '') === String(value))),
  );
}

/** Refuses a combination that already exists (Item.validate_variant_attributes). */
export function assertNoExisting(args: AttributeArgs, variants: readonly ExistingVariant[], exceptItemCode?: string): void {
  const hit = findExisting(args, variants, exceptItemCode);
  if (hit) throw new ItemVariantExistsError(variantMessages.exists(hit.item_code));
}

export interface VariantPlan {
  /** Every combination asked for (what the cap is checked against). */
  total: number;
  /** ERPNext creates fewer than SYNC_VARIANT_LIMIT variants in the request, more in a background job. */
  background: boolean;
  /** The unsaved variants for the combinations that do not exist yet, in combination order. */
  create: VariantDoc[];
  /** The item codes of the variants that already have one of the combinations (skipped, as create_multiple_variants does). */
  existing: string[];
}

/**
 * enqueue_multiple_variant_creation / create_multiple_variants as a plan: the combinations
 * (validated, capped), each either an existing variant (skipped) or a new unsaved variant.
 */
export function planMultipleVariants(
  template: TemplateItem,
  defs: AttributeDefinitions,
  args: AttributeValueLists,
  existing: readonly ExistingVariant[],
  opts: CombinationOptions & BuildOptions = {},
): VariantPlan {
  const combos = combinations(template, defs, args, opts);
  const plan: VariantPlan = { total: combos.length, background: combos.length >= SYNC_VARIANT_LIMIT, create: [], existing: [] };
  for (const combo of combos) {
    const hit = findExisting(combo, existing);
    if (hit) plan.existing.push(hit.item_code);
    else plan.create.push(buildVariant(template, defs, combo, opts));
  }
  return plan;
}
