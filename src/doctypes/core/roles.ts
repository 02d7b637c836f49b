/** ERPNext's standard roles, seeded on every database. */
export const STANDARD_ROLES = [
  'System Manager',
  'Sales Manager',
  'Sales User',
  'Stock Manager',
  'Stock User',
  'Accounts Manager',
  'Accounts User',
  'Item Manager',
  'Website Manager',
  'Customer',
  'Guest',
] as const;

/** Roles that make a user a website (portal) user rather than a desk user. */
export const WEBSITE_ROLES = new Set(['Customer', 'Guest']);
