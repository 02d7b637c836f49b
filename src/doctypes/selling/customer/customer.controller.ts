import { Ctx } from '../../../kernel/db/context';
import { MandatoryError, ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { addressDisplay } from '../../contacts/address/address-display';
import { LinkedContacts } from '../../contacts/dynamic-links';

/** What addressDisplay shows of an address. */
const ADDRESS_PARTS = ['address_line1', 'address_line2', 'city', 'state', 'pincode', 'country', 'phone', 'fax', 'email_id'];

function validatePortalUsers(doc: Doc): void {
  const seen = new Set<string>();
  for (const row of (doc.portal_users ?? []) as Doc[]) {
    if (seen.has(row.user)) throw new ValidationError(`Customer Portal Users row #${row.idx}: user ${row.user} is listed twice`);
    seen.add(row.user);
  }
}

@DocController('Customer')
export class CustomerController implements DocHooks {
  constructor(private readonly contacts: LinkedContacts) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    doc.customer_name = String(doc.customer_name ?? '').trim();
    if (!doc.customer_name) throw new MandatoryError('Error: Value missing for Customer: Customer Name');
    if (!Number(doc.is_internal_customer)) doc.represents_company = null;
    validatePortalUsers(doc);
    await this.refreshPrimaryDetails(ctx, doc);
  }

  /** Frappe's Customer.on_trash: drop its own links to its primary contact and address, then them. */
  async onTrash(ctx: Ctx, doc: Doc): Promise<void> {
    if (doc.customer_primary_contact || doc.customer_primary_address) {
      await ctx.asSystem((sys) => sys.setValue('Customer', doc.name, { customer_primary_contact: null, customer_primary_address: null }));
    }
    await this.contacts.removeLinksTo(ctx, 'Customer', doc.name);
  }

  /** email_id and mobile_no follow the primary contact, primary_address the primary address. */
  private async refreshPrimaryDetails(ctx: Ctx, doc: Doc): Promise<void> {
    await ctx.asSystem(async (sys) => {
      const contact = doc.customer_primary_contact ? await sys.getValue('Contact', String(doc.customer_primary_contact), ['email_id', 'mobile_no']) : null;
      doc.email_id = contact?.email_id ?? null;
      doc.mobile_no = contact?.mobile_no ?? null;
      const address = doc.customer_primary_address ? await sys.getValue('Address', String(doc.customer_primary_address), ADDRESS_PARTS) : null;
      doc.primary_address = address ? addressDisplay(address) : null;
    });
  }
}
