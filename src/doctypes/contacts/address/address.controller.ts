import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { appendChildRow } from '../../setup/child-rows';
import { dedupeLinks, linkToPortalCustomer, setLinkTitles } from '../dynamic-links';
import { nextFreeName } from '../suffixed-name';

const PREFERRED_FLAGS = ['is_primary_address', 'is_shipping_address'] as const;

@DocController('Address')
export class AddressController implements DocHooks {
  async beforeInsert(ctx: Ctx, doc: Doc): Promise<void> {
    await linkToPortalCustomer(ctx, 'Address', doc);
    await this.autoname(ctx, doc);
  }

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    await this.linkFromOwnerContact(ctx, doc);
    dedupeLinks(doc);
    await linkToPortalCustomer(ctx, 'Address', doc);
    await setLinkTitles(ctx, doc);
    await this.clearOtherPreferred(ctx, doc);
  }

  /** Frappe's Address.autoname: `<title>-<type>`, the title defaulting to the first link's name. */
  private async autoname(ctx: Ctx, doc: Doc): Promise<void> {
    if (!doc.address_title && doc.links?.length) doc.address_title = doc.links[0].link_name;
    const title = String(doc.address_title ?? '').trim();
    if (!title) throw new ValidationError('Address Title is mandatory.');
    doc.name = await nextFreeName(ctx, 'Address', `${title}-${String(doc.address_type ?? '').trim()}`);
  }

  /** Frappe's link_address: an unlinked address takes the links of its owner's Contact. */
  private async linkFromOwnerContact(ctx: Ctx, doc: Doc): Promise<void> {
    if (doc.links?.length) return;
    const links = await ctx.asSystem(async (sys) => {
      const contact = await sys.getValue('Contact', { email_id: doc.owner }, ['name']);
      return contact ? (await sys.getDoc('Contact', String(contact.name))).links : [];
    });
    for (const link of links as Doc[]) appendChildRow(doc, 'Address', 'links', { link_doctype: link.link_doctype, link_name: link.link_name });
  }

  /** Frappe's validate_preferred_address: one preferred billing / shipping address per linked party. */
  private async clearOtherPreferred(ctx: Ctx, doc: Doc): Promise<void> {
    await ctx.asSystem(async (sys) => {
      for (const flag of PREFERRED_FLAGS) {
        if (!Number(doc[flag])) continue;
        for (const link of (doc.links ?? []) as Doc[]) {
          const rows = await sys.getList('Dynamic Link', {
            filters: { parenttype: 'Address', link_doctype: link.link_doctype, link_name: link.link_name, parent: ['!=', doc.name] },
            fields: ['parent'],
          });
          const others = await sys.getList('Address', { filters: { name: ['in', rows.map((r) => r.parent)], [flag]: 1 }, fields: ['name'] });
          for (const other of others) await sys.setValue('Address', String(other.name), { [flag]: 0 });
        }
      }
    });
  }
}
