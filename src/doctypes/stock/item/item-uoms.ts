import Decimal from 'decimal.js';
import { ValidationError } from '../../../kernel/errors/errors';

export interface UomRow {
  uom: string;
  conversion_factor: Decimal.Value;
  idx?: number;
}

/**
 * ERPNext's conversion-factor checks on Item.uoms: each UOM once, the stock UOM at factor 1,
 * every factor positive. Returns whether the stock UOM still needs its own row (ERPNext adds
 * it with factor 1).
 */
export function checkUoms(stockUom: string, rows: readonly UomRow[]): { needsStockRow: boolean } {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = row.idx ?? i + 1;
    if (seen.has(row.uom)) {
      throw new ValidationError(`Unit of Measure ${row.uom} has been entered more than once in Conversion Factor Table`);
    }
    seen.add(row.uom);
    const factor = new Decimal(row.conversion_factor ?? 0);
    if (row.uom === stockUom && !factor.eq(1)) {
      throw new ValidationError(`Conversion factor for default Unit of Measure must be 1 in row ${at}`);
    }
    if (factor.lte(0)) throw new ValidationError(`Row ${at}: Conversion Factor of ${row.uom} must be greater than 0`);
  });
  return { needsStockRow: !seen.has(stockUom) };
}
