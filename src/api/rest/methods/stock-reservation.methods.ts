import { Ctx } from '../../../kernel/db/context';
import { DoesNotExistError, PermissionError } from '../../../kernel/errors/errors';
import { Money, wireNumber } from '../../../kernel/money/decimal';
import { itemVisible } from '../../../domain/catalog/visibility';
import { TerritoryFulfilmentWarehouse } from '../../../domain/stock/fulfilment';
import { positiveQty } from '../../../domain/stock/quantity';
import { releaseStock, reserveStock, StockLine } from '../../../domain/stock/reservations';
import { objectArg, stringArg } from '../list-params';
import { defineMethod, MethodCall, ParamDef } from '../method-registry';

const RESERVING_ROLES = ['Stock Manager', 'Sales Manager', 'System Manager'];
const STAFF_ROLES = ['System Manager', 'Stock Manager', 'Stock User', 'Sales Manager', 'Sales User'];

const QTY: ParamDef = { type: 'number', required: true, minimum: 0, description: 'in the stock UOM, greater than 0' };
const ITEMS: Record<string, ParamDef> = {
  items: { type: 'array', required: true, description: 'lines [{item_code, warehouse, qty}], qty in the stock UOM' },
};

function requireRole(ctx: Ctx, roles: readonly string[]): void {
  if (!roles.some((r) => ctx.hasRole(r))) throw new PermissionError('Not permitted');
}

/** The `items` argument as stock lines (each checked again by the reservation service). */
function stockLines(args: Record<string, unknown>): StockLine[] {
  return (args.items as unknown[]).map((raw, i) => {
    const row = objectArg(`items[${i}]`, raw);
    return { item_code: row.item_code as string, warehouse: row.warehouse as string, qty: row.qty as StockLine['qty'] };
  });
}

/** The Bins of the lines after the change: what the caller reserved against. */
async function binsOf(ctx: Ctx, lines: readonly StockLine[]) {
  return ctx.asSystem((sys) =>
    Promise.all(
      lines.map(async ({ item_code, warehouse }) => {
        const bin = await sys.getValue('Bin', { item_code, warehouse }, ['reserved_qty', 'projected_qty']);
        return { item_code, warehouse, reserved_qty: wireNumber(new Money(bin?.reserved_qty ?? 0)), projected_qty: wireNumber(new Money(bin?.projected_qty ?? 0)) };
      }),
    ),
  );
}

function bookingMethod(path: string, summary: string, book: (ctx: Ctx, lines: StockLine[]) => Promise<void>) {
  return defineMethod({
    path,
    methods: ['POST'],
    write: true,
    summary,
    params: ITEMS,
    handler: async ({ ctx, args }: MethodCall) => {
      requireRole(ctx, RESERVING_ROLES);
      const lines = stockLines(args);
      await book(ctx, lines);
      return binsOf(ctx, lines);
    },
  });
}

/** docket.stock: the guide's stock check, reservations for orders, and the fulfilment warehouse. */
export const STOCK_RESERVATION_METHODS = [
  defineMethod({
    path: 'docket.stock.validate_stock',
    methods: ['GET'],
    allowGuest: true,
    summary: "Whether the projected quantity of an item (in one warehouse, or summed over all) covers qty",
    params: {
      item_code: { type: 'string', required: true },
      qty: QTY,
      warehouse: { type: 'string', description: 'without it, the projected quantity summed over the item\'s Bins' },
    },
    handler: async ({ ctx, args }) => {
      const item_code = stringArg('item_code', args.item_code);
      const qty = positiveQty('qty', args.qty);
      const warehouse = (args.warehouse as string | undefined) ?? null;
      // Whoever may know of the item may ask (staff, or anyone for an item on sale); the Bins are read as the system and only their sum leaves.
      if (!(await itemVisible(ctx, item_code))) throw new DoesNotExistError(`Item ${item_code} not found`);
      const bins = await ctx.asSystem((sys) =>
        sys.getList('Bin', { filters: { item_code, ...(warehouse ? { warehouse } : {}) }, fields: ['projected_qty'] }),
      );
      const projected = bins.reduce((sum: Money, b) => sum.add(b.projected_qty), new Money(0));
      return { item_code, warehouse, qty: wireNumber(qty), projected_qty: wireNumber(projected), available: projected.gte(qty) };
    },
  }),
  bookingMethod('docket.stock.reserve_stock', "Reserve stock for an order's lines: all or nothing (Stock, Sales or System Manager)", reserveStock),
  bookingMethod('docket.stock.release_stock', 'Release reserved stock: all or nothing (Stock, Sales or System Manager)', releaseStock),
  defineMethod({
    path: 'docket.stock.get_fulfilment_warehouse',
    methods: ['GET'],
    summary: "The warehouse an order line would ship from: the customer's territory, the website warehouse, the item default",
    params: {
      item_code: { type: 'string', required: true },
      qty: QTY,
      company: { type: 'string', required: true },
      customer: { type: 'string' },
    },
    handler: async ({ ctx, args, services }) => {
      requireRole(ctx, STAFF_ROLES);
      const strategy = new TerritoryFulfilmentWarehouse(services.trees);
      const warehouse = await strategy.chooseFulfilmentWarehouse(ctx, {
        item_code: stringArg('item_code', args.item_code),
        qty: args.qty as number,
        company: stringArg('company', args.company),
        customer: args.customer as string | undefined,
      });
      return { warehouse };
    },
  }),
];
