/** The time `ms` ago in Frappe's timestamp format (UTC), as Ctx.now() writes it: for age comparisons in SQL. */
export function timestampAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString().replace('T', ' ').replace('Z', '000');
}
