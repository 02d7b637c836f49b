/** ERPNext's default company abbreviation: the upper-cased initials of the name's words. */
export function defaultAbbr(companyName: string): string {
  return companyName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

/**
 * ERPNext's company-scoped names (Warehouse, Account, Cost Center autoname): `<base> - <abbr>`,
 * unless the base already ends so.
 */
export function withCompanySuffix(base: string, abbr: string): string {
  const trimmed = base.trim();
  const suffix = ` - ${abbr}`;
  return trimmed.endsWith(suffix) ? trimmed : trimmed + suffix;
}
