import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/errors/errors';
import { InvalidItemAttributeValueError, ItemAttributeIncrementError } from './errors';
import { AttributeDefinition, numericValueFits, variantMessages } from './variants';

/**
 * ERPNext's Item Attribute rules (erpnext/stock/doctype/item_attribute/item_attribute.py), pure:
 * the definition itself (validate_numeric, validate_duplication) and an edit against the variants
 * already using the attribute (validate_numeric_change, validate_exising_items).
 */

export const attributeMessages = {
  noRange: () => 'Please specify from/to range',
  fromNotBelowTo: () => 'From Range has to be less than To Range',
  zeroIncrement: () => 'Increment cannot be 0',
  valueTwice: (value: string) => `Attribute value: ${pythonTitle(value)} must appear only once`,
  abbrTwice: (abbr: string) => `Abbreviation: ${pythonTitle(abbr)} must appear only once`,
  numericChange: (attribute: string) => `Numeric Values cannot be changed for Attribute ${attribute} as it is used in variants`,
  valueInUse: (value: string, item: string) =>
    `The value ${value} is already assigned to an existing Item ${item}. To still proceed with editing this Attribute Value, enable Allow Rename Attribute Value in Item Variant Settings.`,
};

/** Python's str.title(): a letter after a cased letter is lower case, any other letter upper case. */
export function pythonTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    out += cased ? (prevCased ? lower : upper) : ch;
    prevCased = cased;
  }
  return out;
}

const isOn = (v: boolean | number | null | undefined): boolean => v === true || v === 1;
const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

/**
 * Checks an Item Attribute and returns it normalised as ERPNext saves it: a numeric attribute
 * needs from_range < to_range and a non-zero increment and keeps no listed values; a listed one
 * has its range zeroed; values and abbreviations appear once each, ignoring case.
 */
export function validateAttributeDefinition(def: AttributeDefinition): AttributeDefinition {
  if (isOn(def.numeric_values)) {
    if (!present(def.from_range) || !present(def.to_range)) throw new ValidationError(attributeMessages.noRange());
    if (new Decimal(String(def.from_range as string | number)).gte(new Decimal(String(def.to_range as string | number)))) {
      throw new ValidationError(attributeMessages.fromNotBelowTo());
    }
    if (!present(def.increment) || new Decimal(String(def.increment as string | number)).isZero()) {
      throw new ItemAttributeIncrementError(attributeMessages.zeroIncrement());
    }
    return { ...def, item_attribute_values: [] };
  }
  const values = new Set<string>();
  const abbrs = new Set<string>();
  for (const row of def.item_attribute_values ?? []) {
    if (values.has(row.attribute_value.toLowerCase())) throw new ValidationError(attributeMessages.valueTwice(row.attribute_value));
    values.add(row.attribute_value.toLowerCase());
    if (abbrs.has(row.abbr.toLowerCase())) throw new ValidationError(attributeMessages.abbrTwice(row.abbr));
    abbrs.add(row.abbr.toLowerCase());
  }
  return { ...def, from_range: 0, to_range: 0, increment: 0 };
}

/** A variant's use of the attribute: the variant item and its value. */
export interface AttributeUse {
  item_code: string;
  attribute_value: string;
}

export interface AttributeEditOptions {
  /** numeric_values before the edit (undefined for a new attribute). */
  previousNumeric?: boolean | number | null;
  /** Item Variant Settings' allow_rename_attribute_value. */
  allowRename?: boolean;
}

/**
 * Refuses an edit of an Item Attribute that leaves a variant with a value it no longer allows
 * (test_item_attribute_change_after_variant): a listed value removed while a variant uses it, a
 * numeric range or increment that a variant's value falls out of, or numeric_values switched while
 * variants use the attribute.
 */
export function checkAttributeEdit(def: AttributeDefinition, uses: readonly AttributeUse[], opts: AttributeEditOptions = {}): void {
  if (!uses.length) return;
  const numeric = isOn(def.numeric_values);
  if (opts.previousNumeric !== undefined && isOn(opts.previousNumeric) !== numeric) {
    throw new ValidationError(attributeMessages.numericChange(def.attribute_name));
  }
  if (numeric) {
    for (const use of uses) {
      if (!numericValueFits(def, use.attribute_value)) {
        throw new InvalidItemAttributeValueError(
          variantMessages.outOfRange(def.attribute_name, ...rangeTexts(def), use.item_code),
        );
      }
    }
    return;
  }
  if (opts.allowRename) return;
  const allowed = new Set((def.item_attribute_values ?? []).map((v) => v.attribute_value));
  for (const use of uses) {
    if (!allowed.has(use.attribute_value)) throw new InvalidItemAttributeValueError(attributeMessages.valueInUse(use.attribute_value, use.item_code));
  }
}

function rangeTexts(def: AttributeDefinition): [string, string, string] {
  const t = (v: unknown) => {
    const d = new Decimal(present(v) ? String(v as string | number) : 0);
    return d.isInteger() ? d.toFixed(1) : d.toString();
  };
  return [t(def.from_range), t(def.to_range), t(def.increment)];
}
