import { revokeUserCredentials } from '../../../kernel/auth/sessions';
import { ValidationError } from '../../../kernel/errors/errors';
import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { WEBSITE_ROLES } from '../roles';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Saves that set a new password (validate sees it; it is stored hashed and gone by onUpdate).
 * Keyed by the document object, which both hooks of one save share.
 */
const newPassword = new WeakSet<Doc>();

function roleSet(doc: Doc): Set<string> {
  return new Set((doc.roles ?? []).map((r: Doc) => String(r.role)));
}

@DocController('User')
export class UserController implements DocHooks {
  beforeInsert(ctx: Ctx, doc: Doc): void {
    // Frappe names users by their lower-cased email; only setup names the built-in users.
    if (!(ctx.elevated && doc.name)) doc.name = String(doc.email ?? '').toLowerCase();
  }

  validate(_ctx: Ctx, doc: Doc): void {
    if (!['Administrator', 'Guest'].includes(doc.name) && !EMAIL.test(String(doc.email ?? ''))) {
      throw new ValidationError(`${doc.email} is not a valid email address`);
    }
    doc.email = String(doc.email).toLowerCase();
    doc.full_name = [doc.first_name, doc.middle_name, doc.last_name].filter(Boolean).join(' ');
    if (doc.new_password && String(doc.new_password).length < 8) {
      throw new ValidationError('The password needs at least 8 characters');
    }
    if (doc.new_password) newPassword.add(doc);
    const roles: string[] = (doc.roles ?? []).map((r: Doc) => r.role);
    if (new Set(roles).size !== roles.length) throw new ValidationError('A role is listed twice');
    doc.user_type = roles.length && roles.every((r) => WEBSITE_ROLES.has(r)) ? 'Website User' : 'System User';
  }

  /**
   * A new password, disabling the user or taking a role away ends the user's sessions and
   * revokes its OAuth tokens. The request making the change keeps its own sid or token when
   * it is the user's own and the user stays enabled: Frappe keeps the current session on a
   * password change, and a user who drops one of its own roles loses that role's rights on its
   * very next request anyway (roles are read afresh once the change commits).
   */
  async onUpdate(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> {
    const passwordChanged = newPassword.delete(doc);
    if (!previous) return;
    const enabled = Number(doc.enabled) === 1;
    const disabled = Number(previous.enabled) === 1 && !enabled;
    const kept = roleSet(doc);
    const roleRemoved = [...roleSet(previous)].some((r) => !kept.has(r));
    if (passwordChanged || disabled || roleRemoved) await revokeUserCredentials(ctx, doc.name, { keepCurrent: enabled });
  }

  onTrash(_ctx: Ctx, doc: Doc): void {
    if (['Administrator', 'Guest'].includes(doc.name)) throw new ValidationError(`User ${doc.name} cannot be deleted`);
  }
}
