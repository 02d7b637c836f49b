import Decimal from 'decimal.js';
import type { FieldDef } from '../metadata/types';
import { MAX_SCALE, Money } from './decimal';
import { DEFAULT_ROUNDING_METHOD, flt, rounded, RoundingMethod } from './rounding';

/** Frappe's number formats and the decimals each writes (frappe.utils.number_format). */
const NUMBER_FORMAT_DECIMALS: Record<string, number> = {
  '#,###.##': 2,
  '#.###,##': 2,
  '# ###.##': 2,
  '# ###,##': 2,
  "#'###.##": 2,
  '#, ###.##': 2,
  '#,##,###.##': 2,
  '#,###.###': 3,
  '#.###': 0,
  '#,###': 0,
};
export const NUMBER_FORMATS = Object.keys(NUMBER_FORMAT_DECIMALS);
export const DEFAULT_NUMBER_FORMAT = '#,###.##';

/** Decimals of a number format, or undefined for a blank or unknown one. */
export function numberFormatDecimals(format: string | null | undefined): number | undefined {
  return format ? NUMBER_FORMAT_DECIMALS[format] : undefined;
}

/** What a Currency says about its amounts (the fields of the Currency doctype that matter here). */
export interface CurrencyFormat {
  number_format?: string | null;
  smallest_currency_fraction_value?: Decimal.Value | null;
}

/** The System Settings values that decide precision and rounding. */
export interface NumberSettingsValues {
  rounding_method: RoundingMethod;
  /** float_precision (Frappe's default 3) */
  float_precision: number;
  /** currency_precision: blank in Frappe unless set, then it wins over every currency */
  currency_precision: number | null;
  number_format: string;
}

export const DEFAULT_NUMBER_SETTINGS: NumberSettingsValues = {
  rounding_method: DEFAULT_ROUNDING_METHOD,
  float_precision: 3,
  currency_precision: null,
  number_format: DEFAULT_NUMBER_FORMAT,
};

/**
 * Precision and rounding of decimal fields, as Frappe's `get_field_precision`
 * (frappe/model/meta.py) decides them, one instance per registry (kept current by the System
 * Settings service; no query is made here):
 * 1. the field's own `precision`;
 * 2. Currency fields: System Settings `currency_precision` when set; else the field's currency
 *    (the value of the field its `options` names, on the row or its parent): the decimals of the
 *    Currency's number format, else of its smallest fraction (0.05 → 2); else the decimals of
 *    System Settings `number_format` (#,###.## → 2);
 * 3. Float and Percent fields: System Settings `float_precision` (3).
 * At most 9 places: what DECIMAL(21,9) keeps.
 */
export class NumberSettings {
  private values: NumberSettingsValues = DEFAULT_NUMBER_SETTINGS;
  private currencies = new Map<string, number>();

  get roundingMethod(): RoundingMethod {
    return this.values.rounding_method;
  }

  update(values: NumberSettingsValues, currencies: ReadonlyMap<string, CurrencyFormat>): void {
    this.values = values;
    const byName = new Map<string, number>();
    for (const [name, c] of currencies) {
      const places = currencyDecimals(c);
      if (places !== undefined) byName.set(name, places);
    }
    this.currencies = byName;
  }

  /** Decimals amounts in `currency` are kept to (no field precision involved). */
  currencyPrecision(currency?: string | null): number {
    if (this.values.currency_precision !== null) return this.values.currency_precision;
    const own = currency ? this.currencies.get(currency) : undefined;
    return own ?? numberFormatDecimals(this.values.number_format) ?? 2;
  }

  /** Decimals of a Float/Currency/Percent field; `currency` is the field's currency when known. */
  fieldPrecision(f: FieldDef, currency?: string | null): number {
    const p = f.precision ?? (f.fieldtype === 'Currency' ? this.currencyPrecision(currency) : this.values.float_precision);
    return Math.min(p, MAX_SCALE);
  }

  /** Frappe's rounded() with the System Settings method. */
  rounded(value: Decimal.Value, precision = 0): Money {
    return rounded(value, precision, this.values.rounding_method);
  }

  /** Frappe's flt(value, precision) with the System Settings method. */
  flt(value: unknown, precision?: number): Money {
    return flt(value, precision, this.values.rounding_method);
  }
}

function currencyDecimals(c: CurrencyFormat): number | undefined {
  const fromFormat = numberFormatDecimals(c.number_format);
  if (fromFormat !== undefined) return fromFormat;
  if (c.smallest_currency_fraction_value === null || c.smallest_currency_fraction_value === undefined) return undefined;
  const fraction = new Money(c.smallest_currency_fraction_value);
  return fraction.gt(0) ? fraction.decimalPlaces() : undefined;
}
