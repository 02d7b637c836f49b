import { chooseSalesTaxTemplate } from '../../../domain/tax/tax-rule';
import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { defineMethod, ParamDef } from '../method-registry';

const NAME = (what: string): ParamDef => ({ type: 'string', description: what });
const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v as string));

async function address(ctx: Ctx, name: string | null): Promise<{ country: string | null; state: string | null }> {
  if (!name) return { country: null, state: null };
  const row = await ctx.getValue('Address', name, ['country', 'state']);
  if (!row) throw new ValidationError(`Address ${name} not found`);
  return { country: text(row.country), state: text(row.state) };
}

/** ERPNext's erpnext.accounts.party.set_taxes: the Sales Taxes and Charges Template the Tax Rules choose. */
export const TAX_METHODS = [
  defineMethod({
    path: 'erpnext.accounts.party.set_taxes',
    methods: ['GET', 'POST'],
    summary:
      "The Sales Taxes and Charges Template the Tax Rules choose for a customer (ERPNext get_tax_template): the rule whose set conditions all match, most conditions first, then priority; null when none. Countries and states come from the named addresses",
    params: {
      party: NAME('Customer'),
      party_type: NAME('Customer (Supplier is not supported)'),
      posting_date: { type: 'string', description: 'YYYY-MM-DD' },
      company: NAME('Company'),
      customer_group: NAME('Customer Group (default: the customer\'s)'),
      tax_category: NAME('Tax Category'),
      billing_address: NAME('Address'),
      shipping_address: NAME('Address'),
      use_for_shopping_cart: { type: 'boolean', description: 'only rules marked (or not) for the shopping cart' },
    },
    handler: async ({ ctx, args, services }) => {
      const partyType = text(args.party_type) ?? 'Customer';
      if (partyType !== 'Customer') throw new ValidationError(`Party Type ${partyType} is not supported`);
      await ctx.getList('Tax Rule', { fields: ['name'], limit: 0 });
      const billing = await address(ctx, text(args.billing_address));
      const shipping = args.shipping_address ? await address(ctx, text(args.shipping_address)) : { country: null, state: null };
      const cart = args.use_for_shopping_cart;
      return chooseSalesTaxTemplate(ctx, services.trees, {
        company: text(args.company),
        customer: text(args.party),
        customer_group: text(args.customer_group),
        tax_category: text(args.tax_category),
        posting_date: text(args.posting_date),
        billing_country: billing.country,
        billing_state: billing.state,
        shipping_country: shipping.country,
        shipping_state: shipping.state,
        use_for_shopping_cart: cart === undefined || cart === null || cart === '' ? null : cart === true || cart === 1 || cart === '1' || cart === 'true',
      });
    },
  }),
];
