import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/errors/errors';
import { CHARGE_TYPES, ChargeType } from './types';

/** What the row checks need of a tax row: its place (1-based), charge and inclusion. */
export interface RowShape {
  idx: number;
  charge_type: ChargeType;
  row_id: number;
  included_in_print_rate: boolean;
}

/** The table the rows belong to, as ERPNext names it in its messages. */
const TAX_TABLE = 'Sales Taxes and Charges';

/**
 * ERPNext's `validate_taxes_and_charges` (erpnext/controllers/accounts_controller.py): a row
 * reference only on the On Previous Row charges, never on the first row, never blank, and only
 * to an earlier row.
 */
export function validateTaxRow(tax: RowShape): void {
  if (!CHARGE_TYPES.includes(tax.charge_type)) {
    // Frappe's check of a Select field's options (the field is labelled "Type")
    throw new ValidationError(`Row #${tax.idx}: Type cannot be "${String(tax.charge_type)}". It should be one of "${CHARGE_TYPES.join('", "')}"`);
  }
  if ((tax.charge_type === 'Actual' || tax.charge_type === 'On Net Total') && tax.row_id) {
    throw new ValidationError("Can refer row only if the charge type is 'On Previous Row Amount' or 'Previous Row Total'");
  }
  if (tax.charge_type === 'On Previous Row Amount' || tax.charge_type === 'On Previous Row Total') {
    if (tax.idx === 1) {
      throw new ValidationError("Cannot select charge type as 'On Previous Row Amount' or 'On Previous Row Total' for first row");
    }
    if (!tax.row_id) throw new ValidationError(`Please specify a valid Row ID for row ${tax.idx} in table ${TAX_TABLE}`);
    if (tax.row_id >= tax.idx) {
      throw new ValidationError('Cannot refer row number greater than or equal to current row number for this Charge type');
    }
  }
}

/**
 * ERPNext's `validate_inclusive_tax`: an Actual charge cannot be in the price; a charge on a
 * previous row's amount needs that row included too, and a charge on a previous row's total needs
 * the rows before the referred one included (ERPNext looks at rows 1 … row_id − 1 only).
 */
export function validateInclusiveTax(tax: RowShape, taxes: readonly RowShape[]): void {
  if (!tax.included_in_print_rate) return;
  const previousRowError = (range: string | number) =>
    new ValidationError(`To include tax in row ${tax.idx} in Item rate, taxes in rows ${range} must also be included`);
  if (tax.charge_type === 'Actual') {
    throw new ValidationError(`Charge of type 'Actual' in row ${tax.idx} cannot be included in Item Rate`);
  }
  if (tax.charge_type === 'On Previous Row Amount' && !taxes[tax.row_id - 1].included_in_print_rate) {
    throw previousRowError(tax.row_id);
  }
  if (tax.charge_type === 'On Previous Row Total' && !taxes.slice(0, tax.row_id - 1).every((t) => t.included_in_print_rate)) {
    throw previousRowError(`1 - ${tax.row_id}`);
  }
}

/**
 * Frappe reads a blank number as 0, but a decimal that is not a number (NaN, ±Infinity) has no
 * meaning as an amount: it is refused rather than carried through every total.
 */
export function finite(value: Decimal, label: string): Decimal {
  if (!value.isFinite()) throw new ValidationError(`${label} must be a number, not ${value.toString()}`);
  return value;
}

/** Frappe's cint for a row reference: an integer from a number or digits, else 0. */
export function rowId(value: number | string | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'number' ? value : Number.parseFloat(String(value).trim());
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
