export { calculateTaxesAndTotals, itemWiseJson } from './taxes-and-totals';
export * from './types';
