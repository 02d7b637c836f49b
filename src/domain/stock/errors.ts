import { DocketError } from '../../kernel/errors/errors';

/** ERPNext's NegativeStockError (417): a move would take an item's quantity in a warehouse below zero. */
export class NegativeStockError extends DocketError {
  override readonly excType = 'NegativeStockError';
}
