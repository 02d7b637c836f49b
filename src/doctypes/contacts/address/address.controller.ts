import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { appendChildRow } from '../../setup/child-rows';
import { dedupeLinks, linkToPortalCustomer, setLinkTitles } from '../dynamic-links';
import { nextFreeName } from '../suffixed-name';

const PREFERRED_FLAGS = ['is_primary_address', 'is_shipping_address'] as const;

/** Frappe's Address.autoname: `<title>-<type>`, the title defaulting to the first link's name. */
async function autoname(ctx: Ctx, doc: Doc): Promise<void> {
  if (!doc.address_title && doc.links?.length) doc.address_title = doc.links[0].link_name;
  const title = String(doc.address_title ?? '').trim();
  if (!title) throw new ValidationError('Address Title is mandatory.');
  doc.name = await nextFreeName(ctx, 'Address', `${title}-${String(doc.address_type ?? '').trim()}`);
}

/** Frappe's link_address: an unlinked address takes the links of its owner's Contact. */
async function linkFromOwnerContact(ctx: Ctx, doc: Doc): Promise<void> {
  if (doc.links?.length) return;
  const [contact] = await ctx.db.query<{ name: string }>('SELECT name FROM `tabContact` WHERE email_id = ? LIMIT 1', [doc.owner]);
  if (!contact) return;
  const links = await ctx.db.query<{ link_doctype: string; link_name: string }>(
    "SELECT link_doctype, link_name FROM `tabDynamic Link` WHERE parenttype = 'Contact' AND parent = ? ORDER BY idx",
    [contact.name],
  );
  for (const link of links) appendChildRow(doc, 'Address', 'links', { link_doctype: link.link_doctype, link_name: link.link_name });
}

/** Frappe's validate_preferred_address: one preferred billing / shipping address per linked party. */
async function clearOtherPreferred(ctx: Ctx, doc: Doc): Promise<void> {
  for (const flag of PREFERRED_FLAGS) {
    if (!Number(doc[flag])) continue;
    for (const link of (doc.links ?? []) as Doc[]) {
      await ctx.db.execute(
        `UPDATE \`tabAddress\` SET \`${flag}\` = 0, modified = ?, modified_by = ?
         WHERE name != ? AND \`${flag}\` = 1 AND name IN (
           SELECT parent FROM \`tabDynamic Link\` WHERE parenttype = 'Address' AND link_doctype = ? AND link_name = ?)`,
        [Ctx.now(), ctx.user.name, doc.name, link.link_doctype, link.link_name],
      );
    }
  }
}

export const AddressController = defineController('Address', {
  async beforeInsert(ctx, doc) {
    await linkToPortalCustomer(ctx, 'Address', doc);
    await autoname(ctx, doc);
  },
  async validate(ctx, doc) {
    await linkFromOwnerContact(ctx, doc);
    dedupeLinks(doc);
    await linkToPortalCustomer(ctx, 'Address', doc);
    await setLinkTitles(ctx, doc);
    await clearOtherPreferred(ctx, doc);
  },
});
