import { withCompanySuffix } from '../../setup/company/abbr';

/** ERPNext's Warehouse.autoname: `<warehouse_name> - <abbr>`, unless the name already ends so. */
export function warehouseName(warehouseName: string, abbr: string): string {
  return withCompanySuffix(warehouseName, abbr);
}
