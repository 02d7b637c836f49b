import { Ctx } from '../db/context';

/**
 * Ends a user's login sessions and revokes its OAuth tokens (access and refresh alike), as
 * Frappe logs a user out everywhere when its password changes. With `keepCurrent`, the sid or
 * bearer token of the request making the change survives when that request is the user's
 * own (Frappe keeps the current session). The writes are in the caller's transaction; once it
 * commits, the ChangeFeed drops every process's cached credentials, so they fail at once.
 */
export async function revokeUserCredentials(ctx: Ctx, user: string, opts: { keepCurrent: boolean }): Promise<void> {
  const own = opts.keepCurrent && ctx.user.name === user ? ctx.meta.credential : undefined;
  const keepSid = ctx.meta.via === 'session' ? own : undefined;
  const keepToken = ctx.meta.via === 'bearer' ? own : undefined;
  await ctx.db.write('__Sessions', 'DELETE FROM `__Sessions` WHERE user = ? AND sid_hash <> ?', [user, keepSid ?? '']);
  await ctx.db.write('tabOAuth Bearer Token', "UPDATE `tabOAuth Bearer Token` SET status = 'Revoked' WHERE user = ? AND status = 'Active' AND name <> ?", [
    user,
    keepToken ?? '',
  ]);
}
