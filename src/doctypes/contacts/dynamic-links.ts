import { Injectable } from '@nestjs/common';
import { Ctx } from '../../kernel/db/context';
import { DocumentService } from '../../kernel/document/document.service';
import { PermissionError } from '../../kernel/errors/errors';
import { Doc } from '../../kernel/document/types';
import { appendChildRow, renumber } from '../setup/child-rows';

/** The title column of doctypes that Address and Contact link to (others show their name). */
const TITLE_FIELDS: Record<string, string> = {
  Customer: 'customer_name',
  Company: 'company_name',
};

/** Frappe's deduplicate_dynamic_links: one row per (link_doctype, link_name). */
export function dedupeLinks(doc: Doc): void {
  const seen = new Set<string>();
  const rows: Doc[] = doc.links ?? [];
  doc.links = rows.filter((row) => {
    const key = `${row.link_doctype}\u0000${row.link_name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  renumber(doc.links);
}

/** Frappe's set_link_title: each link shows the linked document's title. */
export async function setLinkTitles(ctx: Ctx, doc: Doc): Promise<void> {
  for (const row of (doc.links ?? []) as Doc[]) {
    const field = TITLE_FIELDS[row.link_doctype];
    if (!field) {
      row.link_title = row.link_name;
      continue;
    }
    const hit = await ctx.asSystem((sys) => sys.getValue(row.link_doctype, String(row.link_name), [field]));
    row.link_title = hit?.[field] || row.link_name;
  }
}

/** A website user acting for itself (not a system context working on its behalf). */
export function isPortalUser(ctx: Ctx): boolean {
  return !ctx.elevated && ctx.user.userType === 'Website User';
}

/** The Customers a website user acts for (Customer.portal_users), the first-created first. */
export async function portalCustomers(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.asSystem((sys) =>
    sys.getList('Portal User', { filters: { user: ctx.user.name, parenttype: 'Customer' }, fields: ['parent'], order_by: 'creation asc' }),
  );
  return rows.map((r) => String(r.parent));
}

/**
 * A website user creates only addresses and contacts it can see afterwards: ones linked to its
 * own Customer. Without links they are linked to it; a link to anything else is refused, and so
 * is a website user that acts for no Customer. Runs before naming (the name follows the first
 * link) and again on every save.
 */
export async function linkToPortalCustomer(ctx: Ctx, doctype: string, doc: Doc): Promise<void> {
  if (!isPortalUser(ctx)) return;
  const own = await portalCustomers(ctx);
  if (!own.length) throw new PermissionError(`You are not linked to a Customer, so you cannot save a ${doctype}`);
  const rows = (doc.links ?? []) as Doc[];
  for (const [i, row] of rows.entries()) {
    if (row.link_doctype !== 'Customer' || !own.includes(row.link_name)) {
      throw new PermissionError(`Links row #${i + 1}: you may only link to your own Customer, not ${row.link_doctype} ${row.link_name}`);
    }
  }
  if (!rows.length) appendChildRow(doc, doctype, 'links', { link_doctype: 'Customer', link_name: own[0] });
}

/**
 * Frappe's delete_contact_and_address, run when a party (Customer) is deleted: an Address or
 * Contact linked only to it is deleted too, one linked elsewhere as well just loses this
 * link; both through their lifecycle, as the system (the party's deleter need not hold rights
 * on its contacts).
 */
@Injectable()
export class LinkedContacts {
  constructor(private readonly docs: DocumentService) {}

  async removeLinksTo(ctx: Ctx, linkDoctype: string, linkName: string): Promise<void> {
    await ctx.asSystem(async (sys) => {
      for (const parenttype of ['Address', 'Contact']) {
        const links = await sys.getList('Dynamic Link', {
          filters: { parenttype, link_doctype: linkDoctype, link_name: linkName },
          fields: ['parent'],
        });
        for (const parent of new Set(links.map((l) => String(l.parent)))) {
          const doc = await this.docs.getDoc(sys, parenttype, parent);
          const kept = (doc.links as Doc[]).filter((l) => !(l.link_doctype === linkDoctype && l.link_name === linkName));
          if (!kept.length) await this.docs.delete(sys, parenttype, parent);
          else await this.docs.update(sys, parenttype, parent, { links: kept.map((l) => ({ name: l.name })) });
        }
      }
    });
  }
}
