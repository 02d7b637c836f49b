import { Ctx } from '../../kernel/db/context';
import { PermissionError } from '../../kernel/errors/errors';
import { Doc } from '../../kernel/document/types';
import { renumber } from '../setup/child-rows';

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

/** The Customers a website user acts for (Customer.portal_users). */
export async function portalCustomers(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.query<{ parent: string }>(
    "SELECT parent FROM `tabPortal User` WHERE user = ? AND parenttype = 'Customer'",
    [ctx.user.name],
  );
  return rows.map((r) => r.parent);
}

/** A website user may link addresses and contacts only to its own Customer(s). */
export async function assertPortalLinks(ctx: Ctx, doc: Doc): Promise<void> {
  if (ctx.ignorePermissions || ctx.user.userType !== 'Website User') return;
  const own = new Set(await portalCustomers(ctx));
  for (const row of (doc.links ?? []) as Doc[]) {
    if (row.link_doctype !== 'Customer' || !own.has(row.link_name)) {
      throw new PermissionError(`Links row #${row.idx}: you may only link to your own Customer, not ${row.link_doctype} ${row.link_name}`);
    }
  }
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
        ctx.emit({ type: 'doc', event: 'on_trash', doctype: parenttype, name: parent, user: ctx.user.name });
      } else {
        await ctx.db.execute(
          'DELETE FROM `tabDynamic Link` WHERE parenttype = ? AND parent = ? AND link_doctype = ? AND link_name = ?',
          [parenttype, parent, linkDoctype, linkName],
        );
        await ctx.db.execute(`UPDATE \`tab${parenttype}\` SET modified = ?, modified_by = ? WHERE name = ?`, [Ctx.now(), ctx.user.name, parent]);
        ctx.emit({ type: 'doc', event: 'on_update', doctype: parenttype, name: parent, user: ctx.user.name });
      }
    }
  }
}
