import { MetaRegistry } from '../kernel/metadata/meta';
import { DocTypeDef } from '../kernel/metadata/types';
import { ACCOUNTING_CONTROLLERS, ACCOUNTING_DOCTYPES } from './accounting';
import { CATALOG_CONTROLLERS, CATALOG_DOCTYPES } from './catalog';
import { CORE_CONTROLLERS, CORE_DOCTYPES } from './core';
import { MASTER_CONTROLLERS, MASTER_DOCTYPES } from './masters';
import { PRICING_CONTROLLERS, PRICING_DOCTYPES } from './pricing';
import { STOCK_CONTROLLERS, STOCK_DOCTYPES } from './stock';

/** Every doctype of Docket; later modules add theirs here. */
export const DOCTYPES = [...CORE_DOCTYPES, ...MASTER_DOCTYPES, ...STOCK_DOCTYPES, ...ACCOUNTING_DOCTYPES, ...CATALOG_DOCTYPES, ...PRICING_DOCTYPES];
/** Their controllers (providers of the DoctypesModule, found by the ControllerRegistry). */
export const CONTROLLERS = [...CORE_CONTROLLERS, ...MASTER_CONTROLLERS, ...STOCK_CONTROLLERS, ...ACCOUNTING_CONTROLLERS, ...CATALOG_CONTROLLERS, ...PRICING_CONTROLLERS];

export function buildRegistry(extra: DocTypeDef[] = []): MetaRegistry {
  return new MetaRegistry([...DOCTYPES, ...extra]);
}
