import { MandatoryError, ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';

/** Frappe's InvalidDates: an end date before its start date. */
export class InvalidDatesError extends ValidationError {
  override readonly excType: string = 'InvalidDates';
}

/** ERPNext's ItemPriceDuplicateItem: a second price for the same item, list, unit, party and dates. */
export class ItemPriceDuplicateItem extends ValidationError {
  override readonly excType: string = 'ItemPriceDuplicateItem';
}

/** A date window; an empty bound is open (valid_from empty: since ever, valid_upto empty: for ever). */
export interface DateWindow {
  valid_from?: string | null;
  valid_upto?: string | null;
}

const day = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v).slice(0, 10));

/** Throws `message` (InvalidDates) when the window ends before it starts; the same day is allowed. */
export function checkWindow(w: DateWindow, message: string): void {
  const from = day(w.valid_from);
  const upto = day(w.valid_upto);
  if (from && upto && upto < from) throw new InvalidDatesError(message);
}

/** Whether two windows share at least one day (ISO dates compare as strings). */
export function windowsOverlap(a: DateWindow, b: DateWindow): boolean {
  const aFrom = day(a.valid_from);
  const aUpto = day(a.valid_upto);
  const bFrom = day(b.valid_from);
  const bUpto = day(b.valid_upto);
  const aStartsAfterB = aFrom !== null && bUpto !== null && aFrom > bUpto;
  const bStartsAfterA = bFrom !== null && aUpto !== null && bFrom > aUpto;
  return !aStartsAfterB && !bStartsAfterA;
}

/** A decimal field's value, empty as null (never a float). */
export function decimalOf(v: unknown): Money | null {
  if (v === null || v === undefined || v === '') return null;
  return new Money(typeof v === 'object' ? String(v as object) : String(v as string | number));
}

/** Empty, null and blank strings are "not set", as Frappe's `if not self.get(field)`. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function required(label: string, v: unknown): void {
  if (isBlank(v)) throw new MandatoryError(`${label} is required`);
}
