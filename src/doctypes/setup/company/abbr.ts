/** ERPNext's default company abbreviation: the upper-cased initials of the name's words. */
export function defaultAbbr(companyName: string): string {
  return companyName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}
