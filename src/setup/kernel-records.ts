import { randomBytes } from 'node:crypto';
import { Ctx } from '../kernel/db/context';
import { DocumentService } from '../kernel/document/document.service';
import { STANDARD_ROLES } from '../doctypes/core/roles';
import { recordExists } from './install-records';
import { defaultTimeZone } from '../kernel/time/clock';


export interface KernelInstall {
  /** set when Administrator was created with a generated password (printed once) */
  generatedAdminPassword?: string;
}

/** Roles, the Administrator and Guest users, and the storefront OAuth client: on every database. */
export async function installKernelRecords(ctx: Ctx, docs: DocumentService, adminPassword?: string): Promise<KernelInstall> {
  const out: KernelInstall = {};
  for (const role of ['Administrator', 'All', ...STANDARD_ROLES]) {
    if (!(await recordExists(ctx, 'Role', role))) await docs.insert(ctx, 'Role', { role_name: role, desk_access: role === 'Customer' || role === 'Guest' ? 0 : 1 });
  }
  if (!(await recordExists(ctx, 'User', 'Guest'))) {
    await docs.insert(ctx, 'User', { name: 'Guest', email: 'guest@example.com', first_name: 'Guest', roles: [{ role: 'Guest' }] });
  }
  if (!(await recordExists(ctx, 'User', 'Administrator'))) {
    const password = adminPassword ?? randomBytes(12).toString('base64url');
    if (!adminPassword) out.generatedAdminPassword = password;
    await docs.insert(ctx, 'User', {
      name: 'Administrator',
      email: 'admin@example.com',
      first_name: 'Administrator',
      roles: [{ role: 'Administrator' }, { role: 'System Manager' }],
      new_password: password,
    });
  }
  if (!(await recordExists(ctx, 'System Settings', 'System Settings'))) await docs.insert(ctx, 'System Settings', { time_zone: defaultTimeZone() });
  await installStorefrontClient(ctx, docs);
  return out;
}

/** The storefront's public OAuth client serves shoppers (website users) only, on new and older databases. */
async function installStorefrontClient(ctx: Ctx, docs: DocumentService): Promise<void> {
  const client = await ctx.getValue('OAuth Client', 'docket-storefront', ['password_grant_users']);
  if (!client) {
    await docs.insert(ctx, 'OAuth Client', {
      client_id: 'docket-storefront',
      app_name: 'Docket Storefront',
      trusted_client: 1,
      scopes: 'all openid',
      access_token_ttl: 3600,
      password_grant_users: 'Website Users',
    });
  } else if (!client.password_grant_users) {
    // A database from before the field: it gets the storefront's intended audience.
    await docs.update(ctx, 'OAuth Client', 'docket-storefront', { password_grant_users: 'Website Users' });
  }
}
