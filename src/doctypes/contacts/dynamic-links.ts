import { Ctx } from '../../kernel/db/context';
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
    const [hit] = await ctx.db.query<{ title: string | null }>(
      `SELECT \`${field}\` AS title FROM \`tab${row.link_doctype}\` WHERE name = ?`,
      [row.link_name],
    );
    row.link_title = hit?.title || row.link_name;
  }
}

/** A website user acting for itself (not a system context working on its behalf). */
export function isPortalUser(ctx: Ctx): boolean {
  return !ctx.ignorePermissions && ctx.user.userType === 'Website User';
}

/** The Customers a website user acts for (Customer.portal_users), the first-created first. */
export async function portalCustomers(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.query<{ parent: string }>(
    "SELECT parent FROM `tabPortal User` WHERE user = ? AND parenttype = 'Customer' ORDER BY creation, parent",
    [ctx.user.name],
  );
  return rows.map((r) => r.parent);
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

const CONTACT_CHILD_TABLES: Record<string, string[]> = {
  Address: ['Dynamic Link'],
  Contact: ['Dynamic Link', 'Contact Email', 'Contact Phone'],
};

/**
 * Frappe's delete_contact_and_address, run when a Customer is deleted: an Address or Contact
 * linked only to it goes too; one linked elsewhere as well just loses this link.
 */
export async function deleteLinkedContactsAndAddresses(ctx: Ctx, linkDoctype: string, linkName: string): Promise<void> {
  for (const [parenttype, childTables] of Object.entries(CONTACT_CHILD_TABLES)) {
    const parents = await ctx.db.query<{ parent: string }>(
      'SELECT DISTINCT parent FROM `tabDynamic Link` WHERE parenttype = ? AND link_doctype = ? AND link_name = ?',
      [parenttype, linkDoctype, linkName],
    );
    for (const { parent } of parents) {
      const [count] = await ctx.db.query<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM `tabDynamic Link` WHERE parenttype = ? AND parent = ?',
        [parenttype, parent],
      );
      if (Number(count.n) <= 1) {
        for (const child of childTables) {
          await ctx.db.execute(`DELETE FROM \`tab${child}\` WHERE parenttype = ? AND parent = ?`, [parenttype, parent]);
        }
        await ctx.db.execute(`DELETE FROM \`tab${parenttype}\` WHERE name = ?`, [parent]);
        ctx.emit('doc.on_trash', { doctype: parenttype, name: parent, user: ctx.user.name });
      } else {
        await ctx.db.execute(
          'DELETE FROM `tabDynamic Link` WHERE parenttype = ? AND parent = ? AND link_doctype = ? AND link_name = ?',
          [parenttype, parent, linkDoctype, linkName],
        );
        await ctx.db.execute(`UPDATE \`tab${parenttype}\` SET modified = ?, modified_by = ? WHERE name = ?`, [Ctx.now(), ctx.user.name, parent]);
        ctx.emit('doc.on_update', { doctype: parenttype, name: parent, user: ctx.user.name });
      }
    }
  }
}
