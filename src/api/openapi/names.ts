/** Names the generated document gives to components and operations. */

function words(name: string): string[] {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (!parts.length || !/^[A-Za-z]/.test(parts[0])) throw new Error(`OpenAPI: "${name}" gives no usable component name`);
  return parts;
}

function capital(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `Sales Order` → `SalesOrder`, `frappe.client.get_list` → `FrappeClientGetList` */
export function pascalOf(name: string): string {
  return words(name).map(capital).join('');
}

/** The component of a document as the server returns it. */
export function readComponentOf(doctype: string): string {
  return pascalOf(doctype);
}

/** The component of a document's fields as PUT takes them (nothing required). */
export function inputComponentOf(doctype: string): string {
  return `${pascalOf(doctype)}Input`;
}

/** The component of a new document as POST takes it (mandatory fields required). */
export function createComponentOf(doctype: string): string {
  return `${pascalOf(doctype)}CreateInput`;
}

/** A byte-wise order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `a User`, `an API Request Log` */
export function aOrAn(doctype: string): string {
  return `${/^[AEIOU]/i.test(doctype) ? 'an' : 'a'} ${doctype}`;
}
