import { Item } from '../../doctypes/stock/item/item.doctype';

/** A doctype field as far as choosing the fields a variant copies goes. */
export interface CopyFieldMeta {
  fieldname: string;
  fieldtype: string;
  reqd?: boolean | number | null;
  no_copy?: boolean | number | null;
}

/**
 * Fields a variant never takes from its template (ERPNext's copy_attributes_to_variant exclusions),
 * plus the variant's own identity: its attributes, has_variants and the description composed for it.
 */
export const NEVER_COPIED: ReadonlySet<string> = new Set([
  'naming_series',
  'item_code',
  'item_name',
  'published_in_website',
  'opening_stock',
  'variant_of',
  'valuation_rate',
  'has_variants',
  'attributes',
  'description',
]);

/**
 * What Item Variant Settings leaves out of its default list of followed fields
 * (ItemVariantSettings.set_default_fields), besides no_copy fields and layout fields.
 */
const NOT_FOLLOWED_BY_DEFAULT: ReadonlySet<string> = new Set([
  'naming_series',
  'item_code',
  'item_name',
  'published_in_website',
  'show_variant_in_website',
  'standard_rate',
  'opening_stock',
  'image',
  'description',
  'variant_of',
  'valuation_rate',
  'barcodes',
  'website_image',
  'thumbnail',
  'website_specifiations',
  'website_specifications',
  'web_long_description',
  'has_variants',
  'attributes',
]);

/** Field types that hold no value of their own (never followed). */
const LAYOUT_TYPES: ReadonlySet<string> = new Set(['HTML', 'Section Break', 'Column Break', 'Tab Break', 'Button', 'Read Only', 'Heading']);

const truthy = (v: boolean | number | null | undefined): boolean => v === true || v === 1;

/**
 * The default Item Variant Settings field list for a doctype's fields: every field that is not
 * no_copy, not a layout field and not in ERPNext's exclusion list, in the doctype's order.
 */
export function defaultVariantSettingsFields(fields: readonly CopyFieldMeta[]): string[] {
  return fields
    .filter((f) => !truthy(f.no_copy) && !LAYOUT_TYPES.has(f.fieldtype) && !NOT_FOLLOWED_BY_DEFAULT.has(f.fieldname))
    .map((f) => f.fieldname);
}

/**
 * The fields a variant takes from its template, as copy_attributes_to_variant picks them: the
 * mandatory fields and the Item Variant Settings fields (given, or the default list), always
 * variant_based_on, never the excluded ones. The same list says which later template changes a
 * variant follows.
 */
export function variantCopiedFields(fields: readonly CopyFieldMeta[], settingsFields: readonly string[] = defaultVariantSettingsFields(fields)): string[] {
  const allowed = new Set([...settingsFields, 'variant_based_on']);
  const known = new Set(fields.map((f) => f.fieldname));
  const out = fields
    .filter((f) => (truthy(f.reqd) || allowed.has(f.fieldname)) && !NEVER_COPIED.has(f.fieldname) && !LAYOUT_TYPES.has(f.fieldtype))
    .map((f) => f.fieldname);
  // variant_based_on is copied even when the doctype definition does not (yet) declare it
  if (!known.has('variant_based_on')) out.push('variant_based_on');
  return out;
}

/** The fields an Item variant copies from (and keeps in step with) its template, from Docket's Item definition. */
export const COPIED_FIELDS: readonly string[] = Object.freeze(variantCopiedFields(Item.fields as readonly CopyFieldMeta[]));
