import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, PermissionError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { dedupeLinks, isPortalUser, linkToPortalCustomer, setLinkTitles } from '../dynamic-links';
import { nextFreeName } from '../suffixed-name';
import { contactFullName, contactPrimaries } from './contact-details';

@DocController('Contact')
export class ContactController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    await linkToPortalCustomer(ctx, 'Contact', doc);
    await this.autoname(ctx, doc);
  }

  async validate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    doc.full_name = contactFullName(doc);
    Object.assign(doc, contactPrimaries(doc.email_ids ?? [], doc.phone_nos ?? []));
    await this.setUser(ctx, doc, previous);
    dedupeLinks(doc);
    await linkToPortalCustomer(ctx, 'Contact', doc);
    await setLinkTitles(ctx, doc);
  }

  /** Frappe's Contact.autoname: the full name, then "-<first link's name>", then -N if taken. */
  private async autoname(ctx: Ctx, doc: Doc): Promise<void> {
    const fullName = contactFullName(doc);
    if (!fullName) throw new MandatoryError('Error: Value missing for Contact: First Name');
    const first = doc.links?.[0]?.link_name;
    doc.name = await nextFreeName(ctx, 'Contact', first ? `${fullName}-${String(first).trim()}` : fullName);
  }

  /**
   * Frappe's set_user: a contact whose email belongs to a user is that user's contact. A website
   * user may name only itself (a contact's user is who acts through it); staff may name anyone.
   */
  private async setUser(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    const portal = isPortalUser(ctx);
    if (portal && doc.user && doc.user !== ctx.user.name && doc.user !== previous?.user) {
      throw new PermissionError(`Contact: User Id may only be your own user ${ctx.user.name}, not ${doc.user}`);
    }
    if (doc.user || !doc.email_id) return;
    const user = await ctx.asSystem((sys) => sys.getValue('User', { email: String(doc.email_id).toLowerCase() }, ['name']));
    if (user && (!portal || user.name === ctx.user.name)) doc.user = user.name;
  }
}
