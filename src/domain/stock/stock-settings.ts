import { Ctx } from '../../kernel/db/context';
import { STOCK_SETTINGS } from '../../doctypes/stock/stock-settings/stock-settings.doctype';
import { ValuationMethod } from './valuation';

/** What the stock ledger reads of Stock Settings (defaults when the record is missing). */
export interface StockPolicy {
  valuationMethod: ValuationMethod;
  allowNegativeStock: boolean;
  backdatedRole: string;
  repostInTransactionLimit: number;
}

export async function readStockPolicy(ctx: Ctx): Promise<StockPolicy> {
  const row = await ctx.asSystem((sys) =>
    sys.getValue(STOCK_SETTINGS, STOCK_SETTINGS, ['valuation_method', 'allow_negative_stock', 'role_allowed_to_post_backdated', 'repost_in_transaction_limit']),
  );
  return {
    valuationMethod: (row?.valuation_method as ValuationMethod) || 'FIFO',
    allowNegativeStock: Number(row?.allow_negative_stock ?? 0) === 1,
    backdatedRole: String(row?.role_allowed_to_post_backdated || 'Stock Manager'),
    repostInTransactionLimit: Number(row?.repost_in_transaction_limit ?? 500),
  };
}
