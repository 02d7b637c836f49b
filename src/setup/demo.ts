import { Ctx } from '../kernel/db/context';
import { DocumentService } from '../kernel/document/document.service';
import { STANDARD_ROLES } from '../doctypes/core/roles';
import { seedDemo } from './demo-data';

export const DEMO_PASSWORD = 'docket-demo-pass';

/** The demo user of a role: sales.manager@demo.docket for Sales Manager, and so on. */
export function demoUserEmail(role: string): string {
  return `${role.toLowerCase().replace(/\s+/g, '.')}@demo.docket`;
}

/**
 * Demo company, masters, one user per standard role (password DEMO_PASSWORD) and a website
 * user for each demo customer. Returns false when the demo data already exists.
 */
export async function seedDemoData(ctx: Ctx, docs: DocumentService): Promise<boolean> {
  if ((await ctx.db.query("SELECT name FROM `tabUser` WHERE name = ?", [demoUserEmail('Sales User')])).length) return false;
  const summary = await seedDemo(ctx, docs);
  for (const role of STANDARD_ROLES) {
    if (role === 'Guest' || role === 'Customer') continue;
    const [first, ...last] = role.split(' ');
    await docs.insert(ctx, 'User', { email: demoUserEmail(role), first_name: first, last_name: last.join(' '), roles: [{ role }], new_password: DEMO_PASSWORD });
  }
  for (const [i, customer] of summary.customers.entries()) {
    const email = `customer${i + 1}@demo.docket`;
    await docs.insert(ctx, 'User', { email, first_name: 'Customer', last_name: String(i + 1), roles: [{ role: 'Customer' }], new_password: DEMO_PASSWORD });
    const doc = await docs.getDoc(ctx, 'Customer', customer);
    await docs.update(ctx, 'Customer', customer, { portal_users: [...(doc.portal_users ?? []), { user: email }] });
  }
  return true;
}
