import type { Ctx } from '../db/context';

/**
 * What a website user may see, beyond its User Permissions: the module that gives website
 * users their documents supplies it (selling: a portal user sees its own Customer's documents).
 * The kernel applies the answer as it applies User Permissions, for reads and for creates.
 */
export interface WebsiteUserScope {
  /** tables whose committed changes can alter the answer (cached answers are dropped then) */
  readonly tables: readonly string[];
  /** doctype → the only names of it the website user may see; an empty list: none */
  restrictions(ctx: Ctx): Promise<Map<string, string[]>>;
}

export const WEBSITE_USER_SCOPE = Symbol('WEBSITE_USER_SCOPE');
