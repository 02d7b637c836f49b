import { Ctx } from '../../kernel/db/context';

/** Who a price is for: the customer (none for guests and staff) with its customer group and territory. */
export interface Buyer {
  customer: string | null;
  customer_group: string | null;
  territory: string | null;
}

/**
 * The caller as a buyer: a website user buys as its Customer (the first it is a portal user
 * of), with that customer's group and territory; guests and staff as the shop's default
 * customer group.
 */
export async function buyerOf(ctx: Ctx, defaultCustomerGroup: string | null): Promise<Buyer> {
  const guest: Buyer = { customer: null, customer_group: defaultCustomerGroup, territory: null };
  if (ctx.isGuest || ctx.user.userType !== 'Website User') return guest;
  const [row] = await ctx.db.query<{ name: string; customer_group: string | null; territory: string | null }>(
    "SELECT c.name, c.customer_group, c.territory FROM `tabPortal User` pu JOIN `tabCustomer` c ON c.name = pu.parent WHERE pu.user = ? AND pu.parenttype = 'Customer' AND c.disabled = 0 ORDER BY pu.idx, c.name LIMIT 1",
    [ctx.user.name],
  );
  return row ? { customer: row.name, customer_group: row.customer_group || defaultCustomerGroup, territory: row.territory || null } : guest;
}
