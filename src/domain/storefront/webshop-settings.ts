import { Ctx } from '../../kernel/db/context';

export const WEBSHOP_SETTINGS = 'Webshop Settings';

/** What the storefront reads from Webshop Settings (ERPNext's fields). */
export interface WebshopSettings {
  enabled: boolean;
  price_list: string | null;
  default_customer_group: string | null;
  show_price: boolean;
  show_stock_availability: boolean;
  show_quantity_in_website: boolean;
  products_per_page: number;
}

const DEFAULT_PAGE = 20;

/** The shop's settings (the one Webshop Settings record), read as the system: guests read the shop through them. */
export async function webshopSettings(ctx: Ctx): Promise<WebshopSettings> {
  const row = await ctx.asSystem((sys) =>
    sys.getValue(WEBSHOP_SETTINGS, WEBSHOP_SETTINGS, [
      'enabled',
      'price_list',
      'default_customer_group',
      'show_price',
      'show_stock_availability',
      'show_quantity_in_website',
      'products_per_page',
    ]),
  );
  const flag = (v: unknown, fallback: boolean) => (v === null || v === undefined ? fallback : Number(v) === 1);
  return {
    enabled: flag(row?.enabled, true),
    price_list: (row?.price_list as string) || null,
    default_customer_group: (row?.default_customer_group as string) || null,
    show_price: flag(row?.show_price, true),
    show_stock_availability: flag(row?.show_stock_availability, true),
    show_quantity_in_website: flag(row?.show_quantity_in_website, false),
    products_per_page: Number(row?.products_per_page) > 0 ? Number(row?.products_per_page) : DEFAULT_PAGE,
  };
}
