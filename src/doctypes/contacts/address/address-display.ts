import { Doc } from '../../../kernel/document/types';

/**
 * An address as display text, in the layout of Frappe's default Address Template (one line
 * per part, each ending in <br>), as ERPNext stores it in primary_address / address_display.
 */
export function addressDisplay(address: Doc): string {
  const lines = [
    address.address_line1,
    address.address_line2,
    address.city,
    address.state,
    address.pincode,
    address.country,
    address.phone ? `Phone: ${address.phone}` : null,
    address.fax ? `Fax: ${address.fax}` : null,
    address.email_id ? `Email: ${address.email_id}` : null,
  ].filter((line) => line !== null && line !== undefined && String(line).trim() !== '');
  return lines.map((line) => `${line}<br>`).join('\n');
}
