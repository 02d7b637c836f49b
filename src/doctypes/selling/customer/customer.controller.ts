import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { addressDisplay } from '../../contacts/address/address-display';
import { deleteLinkedContactsAndAddresses } from '../../contacts/dynamic-links';

/** email_id and mobile_no follow the primary contact, primary_address the primary address. */
async function refreshPrimaryDetails(ctx: Ctx, doc: Doc): Promise<void> {
  const [contact] = doc.customer_primary_contact
    ? await ctx.db.query<{ email_id: string | null; mobile_no: string | null }>(
        'SELECT email_id, mobile_no FROM `tabContact` WHERE name = ?',
        [doc.customer_primary_contact],
      )
    : [];
  doc.email_id = contact?.email_id ?? null;
  doc.mobile_no = contact?.mobile_no ?? null;
  const [address] = doc.customer_primary_address
    ? await ctx.db.query('SELECT * FROM `tabAddress` WHERE name = ?', [doc.customer_primary_address])
    : [];
  doc.primary_address = address ? addressDisplay(address) : null;
}

function validatePortalUsers(doc: Doc): void {
  const seen = new Set<string>();
  for (const row of (doc.portal_users ?? []) as Doc[]) {
    if (seen.has(row.user)) throw new ValidationError(`Customer Portal Users row #${row.idx}: user ${row.user} is listed twice`);
    seen.add(row.user);
  }
}

export const CustomerController = defineController('Customer', {
  async validate(ctx, doc) {
    doc.customer_name = String(doc.customer_name ?? '').trim();
    if (!doc.customer_name) throw new MandatoryError('Error: Value missing for Customer: Customer Name');
    if (!Number(doc.is_internal_customer)) doc.represents_company = null;
    validatePortalUsers(doc);
    await refreshPrimaryDetails(ctx, doc);
  },
  async onTrash(ctx, doc) {
    await deleteLinkedContactsAndAddresses(ctx, 'Customer', doc.name);
  },
});
