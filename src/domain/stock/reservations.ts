import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';
import { positiveQty } from './quantity';

/** A quantity of an item in a warehouse: one line of an order to reserve or release. */
export interface StockLine {
  item_code: string;
  warehouse: string;
  qty: Decimal.Value;
}

/** A line checked and merged with the others of its (item, warehouse). */
interface BinShift {
  item_code: string;
  warehouse: string;
  qty: Money;
}

/** What a reservation or a release changes on a Bin, and what may not go below zero. */
interface Direction {
  /** +1 reserves (reserved_qty up, projected_qty down), -1 releases */
  sign: 1 | -1;
  /** the field that must cover the quantity: the UPDATE's condition */
  guard: 'projected_qty' | 'reserved_qty';
  refusal(shift: BinShift, have: Money): string;
}

const RESERVE: Direction = {
  sign: 1,
  guard: 'projected_qty',
  refusal: (s, have) =>
    `${s.qty.toFixed()} units of Item ${s.item_code} needed in Warehouse ${s.warehouse} to reserve, but its projected quantity is ${have.toFixed()}.`,
};

const RELEASE: Direction = {
  sign: -1,
  guard: 'reserved_qty',
  refusal: (s, have) => `Cannot release ${s.qty.toFixed()} units of Item ${s.item_code} in Warehouse ${s.warehouse}: only ${have.toFixed()} reserved.`,
};

function text(label: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new ValidationError(`${label} is required`);
  return value.trim();
}

/**
 * The lines checked (item, warehouse, a quantity above 0), merged per (item, warehouse) and
 * sorted the way lockKeys sorts Bin keys, so that every transaction touching several Bins
 * takes their row locks in one order.
 */
function binShifts(lines: readonly StockLine[]): BinShift[] {
  if (!lines.length) throw new ValidationError('Give at least one line to reserve or release');
  const byKey = new Map<string, BinShift>();
  lines.forEach((line, i) => {
    const row = `Row #${i + 1}`;
    const item_code = text(`${row}: Item Code`, line.item_code);
    const warehouse = text(`${row}: Warehouse`, line.warehouse);
    const qty = positiveQty(`${row}: Qty`, line.qty);
    const key = JSON.stringify([item_code, warehouse]);
    const seen = byKey.get(key);
    byKey.set(key, { item_code, warehouse, qty: seen ? seen.qty.add(qty) : qty });
  });
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

/**
 * Applies the lines to their Bins, each as one conditional relative UPDATE run as the system
 * (the guard field must cover the quantity, so concurrent requests can never overdraw it).
 * A Bin that does not cover its line refuses the whole call with a ValidationError (417); the
 * caller's transaction then rolls back whatever lines came before.
 */
async function shiftBins(ctx: Ctx, lines: readonly StockLine[], dir: Direction): Promise<void> {
  if (!ctx.inTransaction) throw new Error('Stock reservations run inside a write transaction');
  const shifts = binShifts(lines);
  await ctx.asSystem(async (sys) => {
    for (const s of shifts) {
      const delta = dir.sign === 1 ? s.qty : s.qty.neg();
      const key = { item_code: s.item_code, warehouse: s.warehouse };
      const changed = await sys.updateWhere(
        'Bin',
        { reserved_qty: { add: delta }, projected_qty: { add: delta.neg() } },
        { ...key, [dir.guard]: ['>=', s.qty] },
      );
      if (changed) continue;
      const bin = await sys.getValue('Bin', key, [dir.guard]);
      throw new ValidationError(dir.refusal(s, new Money(bin?.[dir.guard] ?? 0)));
    }
  });
}

/**
 * Reserves stock for an order: each line's quantity moves from projected_qty to reserved_qty
 * of its Bin, or, when the Bin's projected quantity does not cover it (no Bin counts as 0),
 * the call fails with a 417 naming item, warehouse, needed and projected quantities.
 */
export function reserveStock(ctx: Ctx, lines: readonly StockLine[]): Promise<void> {
  return shiftBins(ctx, lines, RESERVE);
}

/** Releases what reserveStock reserved; releasing more than a Bin's reserved_qty is refused (417). */
export function releaseStock(ctx: Ctx, lines: readonly StockLine[]): Promise<void> {
  return shiftBins(ctx, lines, RELEASE);
}
