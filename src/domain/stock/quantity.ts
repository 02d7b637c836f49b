import Decimal from 'decimal.js';
import { isLosslessNumber } from 'lossless-json';
import { ValidationError } from '../../kernel/errors/errors';
import { DECIMAL_LIMIT, MAX_SCALE, Money } from '../../kernel/money/decimal';

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text of a number as it arrived (a JSON number, an exact one, a string or a decimal), or null. */
function numberText(value: unknown): string | null {
  if (isLosslessNumber(value) || value instanceof Decimal) return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') return value.trim();
  return null;
}

/**
 * A stock quantity given by a caller, as an exact decimal: greater than 0, at most 9 places
 * (a Bin's DECIMAL(21,9)) and below 10^12. Anything else is a ValidationError (417) naming `label`.
 */
export function positiveQty(label: string, value: unknown): Money {
  const text = numberText(value);
  if (text === null || !NUMBER_RE.test(text)) throw new ValidationError(`${label} must be a number`);
  const qty = new Money(text);
  if (!qty.gt(0)) throw new ValidationError(`${label} must be greater than 0`);
  if (qty.decimalPlaces() > MAX_SCALE) throw new ValidationError(`${label} has more than ${MAX_SCALE} decimal places`);
  if (qty.gte(DECIMAL_LIMIT)) throw new ValidationError(`${label} is too large`);
  return qty;
}
