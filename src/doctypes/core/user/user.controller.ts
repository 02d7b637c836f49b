import { ValidationError } from '../../../kernel/errors/errors';
import { defineController, Doc } from '../../../kernel/document/types';
import { WEBSITE_ROLES } from '../roles';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const UserController = defineController('User', {
  beforeInsert(ctx, doc) {
    // Frappe names users by their lower-cased email; only setup names the built-in users.
    if (!(ctx.ignorePermissions && doc.name)) doc.name = String(doc.email ?? '').toLowerCase();
  },
  validate(_ctx, doc) {
    if (!['Administrator', 'Guest'].includes(doc.name) && !EMAIL.test(String(doc.email ?? ''))) {
      throw new ValidationError(`${doc.email} is not a valid email address`);
    }
    doc.email = String(doc.email).toLowerCase();
    doc.full_name = [doc.first_name, doc.middle_name, doc.last_name].filter(Boolean).join(' ');
    if (doc.new_password && String(doc.new_password).length < 8) {
      throw new ValidationError('The password needs at least 8 characters');
    }
    const roles: string[] = (doc.roles ?? []).map((r: Doc) => r.role);
    if (new Set(roles).size !== roles.length) throw new ValidationError('A role is listed twice');
    doc.user_type = roles.length && roles.every((r) => WEBSITE_ROLES.has(r)) ? 'Website User' : 'System User';
  },
  onTrash(_ctx, doc) {
    if (['Administrator', 'Guest'].includes(doc.name)) throw new ValidationError(`User ${doc.name} cannot be deleted`);
  },
});
