/** ERPNext's Warehouse.autoname: `<warehouse_name> - <abbr>`, unless the name already ends so. */
export function warehouseName(warehouseName: string, abbr: string): string {
  const base = warehouseName.trim();
  const suffix = ` - ${abbr}`;
  return base.endsWith(suffix) ? base : base + suffix;
}
