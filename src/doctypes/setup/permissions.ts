import { PermDef, PermRight } from '../../kernel/metadata/types';

/** Every right a master needs (masters are not submittable). */
export const FULL: PermRight[] = ['read', 'write', 'create', 'delete', 'report', 'export'];
/** Create and edit, no delete (Frappe's usual grant to the "User" roles). */
export const EDIT: PermRight[] = ['read', 'write', 'create', 'report'];
export const READ: PermRight[] = ['read'];
export const READ_WRITE: PermRight[] = ['read', 'write'];
export const READ_REPORT: PermRight[] = ['read', 'report'];

/** One permission row per role, all with the same rights. */
export function grant(rights: PermRight[], ...roles: string[]): PermDef[] {
  return roles.map((role) => ({ role, rights }));
}

/** The same rows for the fields of a higher permlevel. */
export function atLevel(permlevel: number, perms: PermDef[]): PermDef[] {
  return perms.map((p) => ({ ...p, permlevel }));
}

/**
 * The public catalogue (items, groups, price lists, units, currencies, countries) is readable
 * without logging in. Frappe gives every session the Guest role implicitly; Docket's sessions
 * carry "All" instead, so logged-in website users (Customer role) are granted through "All".
 */
export const PUBLIC_READ: PermDef[] = grant(READ, 'Guest', 'All');
