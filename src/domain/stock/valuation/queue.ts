import { DataError } from '../../../kernel/errors/errors';
import { Money, wireNumber } from '../../../kernel/money/decimal';
import { parseExactJson, stringifyExactJson } from '../../../kernel/money/json';
import { flt } from '../../../kernel/money/rounding';
import { roundOffIfNearZero } from './numbers';
import type { Layer } from './types';

/** stock_queue as ERPNext stores it: `[[qty, rate], ...]` with numbers, every digit kept. */
export function queueToJson(queue: Layer[]): string {
  return stringifyExactJson(queue.map(([qty, rate]) => [wireNumber(qty), wireNumber(rate)]));
}

/** A stored stock_queue back to layers; null, '' and '[]' are the empty queue (json.loads(stock_queue or "[]")). */
export function queueFromJson(text: string | null | undefined): Layer[] {
  if (!text || !text.trim()) return [];
  const rows = parseExactJson(text);
  if (!Array.isArray(rows)) throw new DataError(`stock_queue is not a list: ${text}`);
  return rows.map((row) => {
    if (!Array.isArray(row) || row.length !== 2) throw new DataError(`stock_queue row is not [qty, rate]: ${text}`);
    return [flt(row[0]), flt(row[1])] as Layer;
  });
}

/** Sum of qty*rate of the layers (FIFO's stock_value before rounding to currency precision). */
export function queueValue(queue: Layer[]): Money {
  return queue.reduce((sum, [qty, rate]) => sum.add(qty.mul(rate)), new Money(0));
}

/** Sum of the layers' qty. */
export function queueQty(queue: Layer[]): Money {
  return queue.reduce((sum, [qty]) => sum.add(qty), new Money(0));
}

/** BinWiseValuation.get_total_stock_and_value: total qty and value, each 0 when near zero. */
export function queueTotals(queue: Layer[]): { qty: Money; value: Money } {
  return { qty: roundOffIfNearZero(queueQty(queue)), value: roundOffIfNearZero(queueValue(queue)) };
}

/** A copy of the layers, so that a state handed in is never changed. */
export function copyQueue(queue: Layer[]): Layer[] {
  return queue.map(([qty, rate]) => [qty, rate] as Layer);
}

