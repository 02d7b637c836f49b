import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { Doc as Row } from '../../kernel/document/types';
import { LinkValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';
import { positiveQty } from './quantity';
import { TreeIndex } from '../../kernel/document/tree-index';

/** An order line to ship: which company sells it, to whom, what and how much. */
export interface FulfilmentLine {
  company: string;
  /** the customer whose territory decides (when no territory is given) */
  customer?: string;
  /** the territory to ship to; defaults to the customer's */
  territory?: string;
  item_code: string;
  qty: Decimal.Value;
}

/**
 * The strategy that picks the warehouse an order line is fulfilled from (the cart-to-cash
 * Sales Order asks it per line). null: no warehouse could be chosen.
 */
export interface FulfilmentWarehouse {
  chooseFulfilmentWarehouse(ctx: Ctx, line: FulfilmentLine): Promise<string | null>;
}

/** The filter of a warehouse that may hold stock for `company`: enabled, not a group (as assertStockWarehouse, warehouses.ts, demands). */
const stockWarehouseOf = (company: string) => ({ company, is_group: 0, disabled: 0 });

/** `warehouse` when it exists and may hold stock for `company`, else null. */
async function usable(sys: Ctx, warehouse: unknown, company: string): Promise<string | null> {
  if (!warehouse) return null;
  const row = await sys.getValue('Warehouse', { name: String(warehouse), ...stockWarehouseOf(company) }, ['name']);
  return row ? String(row.name) : null;
}

/**
 * The default strategy, first of:
 * (a) a non-group, enabled warehouse of the company mapped to the customer's territory, or else
 *     to its nearest ancestor's (up the Territory tree to the root), whose Bin's
 *     projected_qty covers the line; at one level the most projected quantity wins, then the name;
 * (b) the website_warehouse of the item's Website Item, or of its template's (ERPNext webshop);
 * (c) the item's default warehouse for the company: its Item Default row, else its Item Group's
 *     (ERPNext's get_item_warehouse order).
 * Each candidate must be a warehouse of the company that can hold stock. Everything is read as the system.
 */
@Injectable()
export class TerritoryFulfilmentWarehouse implements FulfilmentWarehouse {
  constructor(private readonly trees: TreeIndex) {}

  async chooseFulfilmentWarehouse(ctx: Ctx, line: FulfilmentLine): Promise<string | null> {
    const qty = positiveQty('Qty', line.qty);
    return ctx.asSystem(async (sys) => {
      const item = await sys.getDoc('Item', line.item_code);
      return (
        (await this.byTerritory(sys, line, qty)) ??
        (await this.websiteWarehouse(sys, line)) ??
        (await this.itemDefault(sys, item, line.company))
      );
    });
  }

  private async byTerritory(sys: Ctx, line: FulfilmentLine, qty: Money): Promise<string | null> {
    const chain = await this.trees.chain(sys, 'Territory', await customerTerritory(sys, line));
    if (!chain) return null;
    const warehouses = await sys.getList('Warehouse', {
      filters: { ...stockWarehouseOf(line.company), territory: ['in', [...chain]] },
      fields: ['name', 'territory'],
    });
    if (!warehouses.length) return null;
    const bins = await sys.getList('Bin', {
      filters: { item_code: line.item_code, warehouse: ['in', warehouses.map((w) => w.name)], projected_qty: ['>=', qty] },
      fields: ['warehouse', 'projected_qty'],
    });
    const projected = new Map<string, Money>(bins.map((b) => [b.warehouse, new Money(b.projected_qty)]));
    for (const territory of chain) {
      const able = warehouses.filter((w) => w.territory === territory && projected.has(w.name)).map((w) => w.name as string);
      if (!able.length) continue;
      return able.reduce((best, w) => {
        const order = projected.get(w)!.cmp(projected.get(best)!);
        return order > 0 || (order === 0 && w < best) ? w : best;
      });
    }
    return null;
  }

  /** The website warehouse of the item's Website Item, else of its template's. */
  private async websiteWarehouse(sys: Ctx, line: FulfilmentLine): Promise<string | null> {
    const item = await sys.getValue('Item', line.item_code, ['variant_of']);
    for (const code of [line.item_code, ...(item?.variant_of ? [item.variant_of as string] : [])]) {
      const web = await sys.getValue('Website Item', { item_code: code }, ['website_warehouse']);
      const warehouse = await usable(sys, web?.website_warehouse, line.company);
      if (warehouse) return warehouse;
    }
    return null;
  }

  private async itemDefault(sys: Ctx, item: Row, company: string): Promise<string | null> {
    const own = await usable(sys, defaultWarehouse(item.item_defaults, company), company);
    if (own) return own;
    const group = await sys.getDoc('Item Group', item.item_group);
    return usable(sys, defaultWarehouse(group.item_group_defaults, company), company);
  }
}

/** The default_warehouse of the Item Default row of `company` in `rows`, if any. */
function defaultWarehouse(rows: Row[] | undefined, company: string): string | undefined {
  return (rows ?? []).find((d) => d.company === company)?.default_warehouse;
}

/** The line's territory, or its customer's; null when neither names one. */
async function customerTerritory(sys: Ctx, line: FulfilmentLine): Promise<string | null> {
  if (line.territory) return line.territory;
  if (!line.customer) return null;
  const customer = await sys.getValue('Customer', line.customer, ['territory']);
  if (!customer) throw new LinkValidationError(`Could not find Customer: ${line.customer}`);
  return customer.territory || null;
}

