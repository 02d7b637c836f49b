import { Money } from '../../kernel/money/decimal';
import type { DateInput, DecimalInput } from './types';

/** Helpers shared by the pricing functions: blank-tolerant decimals, flags and ISO dates. */

export const ZERO = new Money(0);

/** A decimal from a field that may be blank (blank → 0). */
export function dec(v: DecimalInput | null | undefined): Money {
  if (v === null || v === undefined || v === '') return ZERO;
  return new Money(v);
}

/** Frappe's Check fields: 1/true set, anything else not. */
export function flag(v: boolean | number | null | undefined): boolean {
  return v === true || v === 1;
}

/** Frappe's cint on a Select priority ('1'..'20'); blank or unreadable → 0. */
export function priorityOf(v: string | number | null | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** An ISO day ('YYYY-MM-DD') from a date field; null for blank. */
export function isoDay(v: DateInput | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const day = v.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new TypeError(`Not an ISO date: ${v}`);
  return day;
}

/** Today in UTC as an ISO day. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `day` lies within [from, upto], a blank bound being open (ERPNext's 2000-01-01 / 2500-12-31). */
export function withinDates(day: string, from: DateInput | null | undefined, upto: DateInput | null | undefined): boolean {
  const f = isoDay(from);
  const u = isoDay(upto);
  return (f === null || f <= day) && (u === null || day <= u);
}

/** Blank strings and null are the same "not set". */
export function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v === '';
}

/** The line's conversion factor: blank or 0 count as 1. */
export function conversionFactor(query: { conversion_factor?: DecimalInput | null }): Money {
  const cf = dec(query.conversion_factor);
  return cf.isZero() ? new Money(1) : cf;
}

/** The line's quantity: blank counts as 1. */
export function lineQty(query: { qty?: DecimalInput | null }): Money {
  return query.qty === null || query.qty === undefined || query.qty === '' ? new Money(1) : new Money(query.qty);
}
