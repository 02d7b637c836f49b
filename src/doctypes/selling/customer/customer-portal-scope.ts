import { Injectable } from '@nestjs/common';
import { Ctx } from '../../../kernel/db/context';
import { WebsiteUserScope } from '../../../kernel/document/website-user-scope';

/**
 * A website user is a portal user of its Customer(s) (Customer.portal_users): only their
 * documents exist for it.
 */
@Injectable()
export class CustomerPortalScope implements WebsiteUserScope {
  readonly tables = ['tabCustomer', 'tabPortal User'];

  async restrictions(ctx: Ctx): Promise<Map<string, string[]>> {
    const rows = await ctx.asSystem((sys) => sys.getList('Portal User', { filters: { user: ctx.user.name, parenttype: 'Customer' }, fields: ['parent'] }));
    return new Map([['Customer', rows.map((r) => String(r.parent))]]);
  }
}
