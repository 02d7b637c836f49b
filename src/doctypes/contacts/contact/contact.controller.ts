import { Ctx } from '../../../kernel/db/context';
import { MandatoryError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { assertPortalLinks, dedupeLinks, setLinkTitles } from '../dynamic-links';
import { nextFreeName } from '../suffixed-name';
import { contactFullName, contactPrimaries } from './contact-details';

/** Frappe's Contact.autoname: the full name, then "-<first link's name>", then -N if taken. */
async function autoname(ctx: Ctx, doc: Doc): Promise<void> {
  const fullName = contactFullName(doc);
  if (!fullName) throw new MandatoryError('Error: Value missing for Contact: First Name');
  const first = doc.links?.[0]?.link_name;
  doc.name = await nextFreeName(ctx, 'Contact', first ? `${fullName}-${String(first).trim()}` : fullName);
}

/** Frappe's set_user: a contact whose email belongs to a user is that user's contact. */
async function setUser(ctx: Ctx, doc: Doc): Promise<void> {
  if (doc.user || !doc.email_id) return;
  const [user] = await ctx.db.query<{ name: string }>('SELECT name FROM `tabUser` WHERE email = ? LIMIT 1', [String(doc.email_id).toLowerCase()]);
  if (user) doc.user = user.name;
}

export const ContactController = defineController('Contact', {
  beforeInsert: autoname,
  async validate(ctx, doc) {
    doc.full_name = contactFullName(doc);
    Object.assign(doc, contactPrimaries(doc.email_ids ?? [], doc.phone_nos ?? []));
    await setUser(ctx, doc);
    dedupeLinks(doc);
    await assertPortalLinks(ctx, doc);
    await setLinkTitles(ctx, doc);
  },
});
