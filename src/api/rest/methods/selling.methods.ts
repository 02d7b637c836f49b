import { ItemDetailsArgs, itemDetails } from '../../../domain/pricing/item-details';
import { DataError } from '../../../kernel/errors/errors';
import { objectArg } from '../list-params';
import { defineMethod } from '../method-registry';

/** ERPNext's selling helpers that price a line. */
export const SELLING_METHODS = [
  defineMethod({
    path: 'erpnext.stock.get_item_details.get_item_details',
    methods: ['GET', 'POST'],
    summary:
      "A selling line's details for an item: names, units, the rate the price function gives (price list rate, then the pricing rule with the highest priority, then the coupon) for the customer, qty and date, the company's item tax template and rates, income account, cost center, and the warehouse's actual and projected qty",
    params: {
      args: {
        type: 'object',
        description:
          'JSON: item_code (required), company, customer, doctype, price_list or selling_price_list, qty, uom, transaction_date, warehouse, ignore_pricing_rule, coupon_code, tax_category',
      },
      ctx: { type: 'object', description: 'the same as args (ERPNext v16 names it ctx)' },
      doc: { type: 'object', description: 'accepted for compatibility (ignored)' },
      for_validate: { type: 'boolean', description: 'accepted for compatibility (ignored)' },
      overwrite_warehouse: { type: 'boolean', description: 'accepted for compatibility (ignored)' },
    },
    handler: async ({ ctx, args, services }) => {
      const raw = args.args ?? args.ctx;
      if (raw === undefined || raw === null || raw === '') throw new DataError('args is required');
      const given = objectArg('args', raw) as unknown as ItemDetailsArgs;
      if (typeof given.item_code !== 'string' || !given.item_code.trim()) throw new DataError('args.item_code is required');
      return itemDetails(ctx, services.prices, given);
    },
  }),
];
