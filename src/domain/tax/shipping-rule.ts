import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';

/** A Shipping Rule's fields the calculation reads (ERPNext shipping_rule.py). */
export interface ShippingRuleShape {
  name?: string | null;
  label: string;
  account: string;
  cost_center?: string | null;
  calculate_based_on: 'Fixed' | 'Net Total' | 'Net Weight';
  shipping_amount?: Money | null;
  conditions?: readonly ShippingRuleConditionShape[];
  countries?: readonly { country: string }[];
}

export interface ShippingRuleConditionShape {
  from_value?: Money | null;
  to_value?: Money | null;
  shipping_amount?: Money | null;
}

export interface ShippingInput {
  net_total?: Money | null;
  total_net_weight?: Money | null;
  shipping_country?: string | null;
}

export interface ShippingTaxRow {
  charge_type: 'Actual';
  account_head: string;
  description: string;
  cost_center: string | null;
  tax_amount: Money;
}

const zero = new Money(0);
const val = (v: Money | null | undefined): Money => (v == null ? zero : new Money(v));

/** ERPNext's validate_countries: a rule listing countries applies only to those. */
export function validateShippingCountry(rule: ShippingRuleShape, shippingCountry: string | null | undefined): void {
  const countries = (rule.countries ?? []).map((c) => c.country).filter(Boolean);
  if (!countries.length) return;
  if (!shippingCountry) throw new ValidationError('Shipping Address does not have country, which is required for this Shipping Rule');
  if (!countries.includes(shippingCountry)) {
    throw new ValidationError(`Shipping rule not applicable for country ${shippingCountry} in Shipping Address`);
  }
}

/** The amount of the first band holding `value` (a band without to_value is open above); 0 outside every band. */
export function amountFromConditions(conditions: readonly ShippingRuleConditionShape[], value: Money): Money {
  for (const c of conditions) {
    const from = val(c.from_value);
    const to = c.to_value == null || val(c.to_value).isZero() ? null : val(c.to_value);
    if (value.gte(from) && (to === null || value.lte(to))) return val(c.shipping_amount);
  }
  return zero;
}

/** The Actual tax row a shipping rule adds to a selling document (ERPNext ShippingRule.apply). */
export function shippingTaxRow(rule: ShippingRuleShape, input: ShippingInput): ShippingTaxRow {
  validateShippingCountry(rule, input.shipping_country);
  let amount: Money;
  if (rule.calculate_based_on === 'Fixed') amount = val(rule.shipping_amount);
  else {
    const value = rule.calculate_based_on === 'Net Total' ? val(input.net_total) : val(input.total_net_weight);
    amount = amountFromConditions(rule.conditions ?? [], value);
  }
  return { charge_type: 'Actual', account_head: rule.account, description: rule.label, cost_center: rule.cost_center ?? null, tax_amount: amount };
}

/**
 * ERPNext's validate_from_to_values and validate_overlapping_shipping_rule_conditions:
 * from < to in each row (to blank or 0: open above), at most one open band, no two bands overlapping.
 */
export function validateShippingConditions(conditions: readonly ShippingRuleConditionShape[]): void {
  const bands = conditions.map((c, i) => {
    const from = val(c.from_value);
    const to = c.to_value == null || val(c.to_value).isZero() ? null : val(c.to_value);
    if (from.isNegative() || (to !== null && to.isNegative()) || val(c.shipping_amount).isNegative()) {
      throw new ValidationError(`Row ${i + 1}: values cannot be negative`);
    }
    if (to !== null && from.gte(to)) throw new ValidationError(`From value must be less than to value in row ${i + 1}`);
    return { from, to, idx: i + 1 };
  });
  if (bands.filter((b) => b.to === null).length > 1) throw new ValidationError('There can only be one Shipping Rule Condition with 0 or blank value for "To Value"');
  for (let i = 0; i < bands.length; i++) {
    for (let j = i + 1; j < bands.length; j++) {
      const a = bands[i];
      const b = bands[j];
      const aBeforeB = a.to !== null && a.to.lt(b.from);
      const bBeforeA = b.to !== null && b.to.lt(a.from);
      if (!aBeforeB && !bBeforeA) throw new ValidationError(`Overlapping conditions found between: row ${a.idx} and row ${b.idx}`);
    }
  }
}
