import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { Money } from '../../../kernel/money/decimal';
import { Doc } from '../../../kernel/document/types';
import { checkWindow, decimalOf, isBlank } from '../pricing-checks';

/** apply_on → the child table listing what the rule applies to, and the row's field. */
export const APPLY_ON_TABLES: Record<string, { table: string; field: string }> = {
  'Item Code': { table: 'items', field: 'item_code' },
  'Item Group': { table: 'item_groups', field: 'item_group' },
  Brand: { table: 'brands', field: 'brand' },
};

/** applicable_for → the party field it needs, with its label. */
export const PARTY_FIELDS: Record<string, { field: string; label: string }> = {
  Customer: { field: 'customer', label: 'Customer' },
  'Customer Group': { field: 'customer_group', label: 'Customer Group' },
  Territory: { field: 'territory', label: 'Territory' },
};

/** rate_or_discount → the field holding its value, with its label. */
export const VALUE_FIELDS: Record<string, { field: string; label: string }> = {
  Rate: { field: 'rate', label: 'Rate' },
  'Discount Percentage': { field: 'discount_percentage', label: 'Discount Percentage' },
  'Discount Amount': { field: 'discount_amount', label: 'Discount Amount' },
};

const NON_NEGATIVE: [string, string][] = [
  ['rate', 'Rate'],
  ['discount_percentage', 'Discount Percentage'],
  ['discount_amount', 'Discount Amount'],
  ['min_qty', 'Min Qty'],
  ['max_qty', 'Max Qty'],
  ['min_amt', 'Min Amt'],
  ['max_amt', 'Max Amt'],
  ['margin_rate_or_amount', 'Margin Rate or Amount'],
];

const ZERO = new Money(0);
const HUNDRED = new Money(100);
const num = (doc: Doc, field: string): Money => decimalOf(doc[field]) ?? ZERO;

/**
 * The checks of ERPNext's PricingRule.validate that need no database, in its order (mandatory
 * fields, duplicates, selling/buying, min/max, clean-up of the fields the choices do not use,
 * values, dates). Clears the unused fields of `doc` as ERPNext's cleanup_fields_value does.
 */
export function checkPricingRule(doc: Doc): void {
  if (doc.price_or_product_discount === 'Product') {
    throw new ValidationError('Product Discount (free item) Pricing Rules are not supported: set Price or Product Discount to "Price"');
  }
  checkMandatory(doc);
  checkDuplicateApplyOn(doc);
  checkSellingOrBuying(doc);
  if (!num(doc, 'min_amt').isZero() && !num(doc, 'max_amt').isZero() && num(doc, 'min_amt').gt(num(doc, 'max_amt'))) {
    throw new ValidationError('Min Amt can not be greater than Max Amt');
  }
  if (!num(doc, 'min_qty').isZero() && !num(doc, 'max_qty').isZero() && num(doc, 'min_qty').gt(num(doc, 'max_qty'))) {
    throw new ValidationError('Min Qty can not be greater than Max Qty');
  }
  cleanup(doc);
  checkValues(doc);
  if (Number(doc.is_cumulative) && (isBlank(doc.valid_from) || isBlank(doc.valid_upto))) {
    throw new ValidationError('Valid from and valid upto fields are mandatory for the cumulative');
  }
  checkWindow(doc, 'Valid Upto must be after Valid From');
}

function checkMandatory(doc: Doc): void {
  if (Number(doc.has_priority) && isBlank(doc.priority)) throw new MandatoryError('Priority is mandatory');
  if (!isBlank(doc.priority)) doc.has_priority = 1;
  const target = APPLY_ON_TABLES[String(doc.apply_on)];
  if (target && !((doc[target.table] ?? []) as Doc[]).length) throw new MandatoryError(`${doc.apply_on} is not added in the table`);
  if (target) {
    ((doc[target.table] ?? []) as Doc[]).forEach((row, i) => {
      if (isBlank(row[target.field])) throw new MandatoryError(`Row #${row.idx ?? i + 1}: ${doc.apply_on} is required`);
    });
  }
  const party = PARTY_FIELDS[String(doc.applicable_for ?? '')];
  if (party && isBlank(doc[party.field])) throw new MandatoryError(`${party.label} is required`);
  if (doc.price_or_product_discount === 'Price' && isBlank(doc.rate_or_discount)) {
    throw new MandatoryError('Rate or Discount is required for the price discount.');
  }
}

function checkDuplicateApplyOn(doc: Doc): void {
  const target = APPLY_ON_TABLES[String(doc.apply_on)];
  if (!target) return;
  const values = ((doc[target.table] ?? []) as Doc[]).map((r) => String(r[target.field]));
  if (new Set(values).size !== values.length) throw new ValidationError(`Duplicate ${doc.apply_on} found in the table`);
}

function checkSellingOrBuying(doc: Doc): void {
  if (!Number(doc.selling) && !Number(doc.buying)) throw new ValidationError('At least one of the Selling or Buying must be selected');
  if (!Number(doc.selling) && PARTY_FIELDS[String(doc.applicable_for ?? '')]) {
    throw new ValidationError(`Selling must be checked, if Applicable For is selected as ${doc.applicable_for}`);
  }
}

/** Empties what the chosen apply_on, applicable_for and rate_or_discount do not use. */
function cleanup(doc: Doc): void {
  for (const [applyOn, { table }] of Object.entries(APPLY_ON_TABLES)) if (doc.apply_on !== applyOn) doc[table] = [];
  for (const [applicableFor, { field }] of Object.entries(PARTY_FIELDS)) if (doc.applicable_for !== applicableFor) doc[field] = null;
  for (const [choice, { field }] of Object.entries(VALUE_FIELDS)) if (doc.rate_or_discount !== choice) doc[field] = ZERO;
  if (isBlank(doc.margin_type)) doc.margin_rate_or_amount = ZERO;
}

function checkValues(doc: Doc): void {
  for (const [field, label] of NON_NEGATIVE) if (num(doc, field).isNegative()) throw new ValidationError(`${label} can not be negative`);
  if (num(doc, 'discount_percentage').gt(HUNDRED)) throw new ValidationError('Discount Percentage can not be greater than 100');
  const chosen = VALUE_FIELDS[String(doc.rate_or_discount)];
  if (chosen && num(doc, chosen.field).isZero()) {
    throw new ValidationError(`${chosen.label} cannot be zero: a Pricing Rule with Rate or Discount "${doc.rate_or_discount}" needs a value`);
  }
}
