import { MethodDef } from '../method-registry';
import { ACCOUNTING_REPORT_METHODS } from './accounting-report.methods';
import { CATALOG_METHODS } from './catalog.methods';
import { AUTH_METHODS } from './auth.methods';
import { CLIENT_METHODS } from './client.methods';
import { OAUTH_METHODS } from './oauth.methods';
import { PAYMENT_METHODS } from './payment.methods';
import { STOCK_REPORT_METHODS } from './stock-report.methods';
import { STOCK_RESERVATION_METHODS } from './stock-reservation.methods';
import { SELLING_METHODS } from './selling.methods';
import { STOREFRONT_METHODS } from './storefront.methods';
import { TAX_METHODS } from './tax.methods';

/** Every whitelisted method; later modules (cart, orders…) add theirs here. */
export function allMethods(): MethodDef[] {
  return [...AUTH_METHODS, ...CLIENT_METHODS, ...OAUTH_METHODS, ...STOCK_RESERVATION_METHODS, ...STOCK_REPORT_METHODS, ...TAX_METHODS, ...PAYMENT_METHODS, ...ACCOUNTING_REPORT_METHODS, ...STOREFRONT_METHODS, ...CATALOG_METHODS, ...SELLING_METHODS];
}
