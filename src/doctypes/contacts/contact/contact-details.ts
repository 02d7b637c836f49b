import { ValidationError } from '../../../kernel/errors/errors';
import { Doc } from '../../../kernel/document/types';

/** Frappe's get_full_name: first, middle and last name, else the company name. */
export function contactFullName(doc: Doc): string {
  const name = [doc.first_name, doc.middle_name, doc.last_name]
    .map((part) => String(part ?? '').trim())
    .filter(Boolean)
    .join(' ');
  return name || String(doc.company_name ?? '').trim();
}

function primaryOf(rows: readonly Doc[], flag: string, valueField: string, label: string): string | null {
  const primaries = rows.filter((row) => Number(row[flag]) === 1);
  if (primaries.length > 1) throw new ValidationError(`Only one ${label} can be set as primary.`);
  const value = primaries.length ? String(primaries[0][valueField] ?? '').trim() : '';
  return value || null;
}

/** Contact.email_id, phone and mobile_no from the rows marked primary (Frappe's set_primary*). */
export function contactPrimaries(emailIds: readonly Doc[], phoneNos: readonly Doc[]): { email_id: string | null; phone: string | null; mobile_no: string | null } {
  return {
    email_id: primaryOf(emailIds, 'is_primary', 'email_id', 'Email ID'),
    phone: primaryOf(phoneNos, 'is_primary_phone', 'phone', 'Phone'),
    mobile_no: primaryOf(phoneNos, 'is_primary_mobile_no', 'phone', 'Mobile No'),
  };
}
