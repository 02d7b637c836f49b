import { DocTypeMeta, MetaRegistry } from '../../kernel/metadata/meta';
import { FieldDef, FieldType } from '../../kernel/metadata/types';

/**
 * The GraphQL shape of the doctype registry, shared by the SDL printer and the resolver map so
 * that both always agree: one object type per addressable doctype (plus the child types its
 * Table fields reach), one get and one list query per doctype.
 */

/** GraphQL scalar of each stored field type (Table and Password are handled apart). */
const SCALAR_OF: Record<Exclude<FieldType, 'Table' | 'Password'>, string> = {
  Data: 'String',
  Link: 'String',
  'Dynamic Link': 'String',
  Select: 'String',
  Text: 'String',
  'Small Text': 'String',
  'Long Text': 'String',
  Date: 'String',
  Datetime: 'String',
  Time: 'String',
  Check: 'Boolean',
  Int: 'Int',
  Float: 'Decimal',
  Currency: 'Decimal',
  Percent: 'Decimal',
  JSON: 'JSON',
};

/** Type names the fixed part of the schema uses; a doctype may not take them. */
const FIXED_TYPES = ['Decimal', 'JSON', 'Me', 'Mutation', 'PageInfo', 'Query'];
/** Root fields the fixed part of the schema uses. */
const FIXED_QUERIES = ['me'];

interface FieldBase {
  name: string;
  /** GraphQL type reference, e.g. `String`, `[SalesOrderItem!]`, `Customer` */
  type: string;
  description?: string;
}

/** A stored column, a child table, or the `_doc` companion of a Link (`source` names `target`). */
export type GqlField =
  | (FieldBase & { kind: 'column' })
  | (FieldBase & { kind: 'table' })
  | (FieldBase & { kind: 'link'; source: string; target: string });

export interface GqlObject {
  name: string;
  meta: DocTypeMeta;
  fields: GqlField[];
}

/** A doctype addressable from the root: its type, and its get and list queries. */
export interface GqlDocType {
  meta: DocTypeMeta;
  typeName: string;
  getField: string;
  listField: string;
  connectionType: string;
}

export interface GqlModel {
  docTypes: GqlDocType[];
  /** Doctype and child types, sorted by name */
  objects: GqlObject[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function words(doctype: string): string[] {
  const parts = doctype.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (!parts.length || !/^[A-Za-z]/.test(parts[0])) {
    throw new Error(`GraphQL: DocType "${doctype}" has no name usable as a GraphQL type`);
  }
  return parts;
}

function capital(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `Sales Order` → `SalesOrder` */
export function typeNameOf(doctype: string): string {
  return words(doctype).map(capital).join('');
}

/** `Sales Order` → `salesOrder`, `OAuth Client` → `oauthClient` */
export function fieldNameOf(doctype: string): string {
  const [first, ...rest] = words(doctype);
  return first.toLowerCase() + rest.map(capital).join('');
}

/** English plural of a camelCase field name: salesOrders, companies, addresses. */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** The `_doc` companion of a Link field. */
function linkDocField(fieldname: string): string {
  return `${fieldname}_doc`;
}

/** The label (when it says more than the fieldname) and the description. */
function describe(f: FieldDef): string | undefined {
  const plain = f.fieldname.replace(/_/g, ' ').toLowerCase();
  const label = f.label && f.label.toLowerCase() !== plain ? f.label : undefined;
  const text = [label, f.description].filter(Boolean).join('. ');
  return text || undefined;
}

/** Whether a Link target is a doctype that has its own GraphQL type. */
function linkable(registry: MetaRegistry, target: string | undefined): target is string {
  const meta = target ? registry.get(target) : undefined;
  return !!meta && !meta.isChild;
}

function objectFields(registry: MetaRegistry, meta: DocTypeMeta): GqlField[] {
  const declared = new Set<string>([...meta.columns, ...meta.tableFields].map((f) => f.fieldname));
  const out: GqlField[] = [];
  const seen = new Set<string>();
  const push = (f: FieldDef) => {
    if (f.fieldtype === 'Password' || seen.has(f.fieldname)) return;
    seen.add(f.fieldname);
    if (f.fieldtype === 'Table') {
      const child = registry.get(f.options ?? '')!;
      out.push({ name: f.fieldname, type: `[${typeNameOf(child.name)}!]`, kind: 'table', description: describe(f) });
      return;
    }
    const type = f.fieldname === 'name' ? 'String!' : SCALAR_OF[f.fieldtype];
    out.push({ name: f.fieldname, type, kind: 'column', description: describe(f) });
    const docField = linkDocField(f.fieldname);
    if (f.fieldtype === 'Link' && linkable(registry, f.options) && !declared.has(docField)) {
      out.push({
        name: docField,
        type: typeNameOf(f.options),
        kind: 'link',
        target: f.options,
        source: f.fieldname,
        description: `The ${f.options} named by ${f.fieldname}`,
      });
    }
  };
  // Table fields keep their place among the declared fields.
  const standard = meta.columns.filter((c) => !meta.fields.includes(c));
  for (const f of [...standard, ...meta.fields]) push(f);
  return out;
}

/** Builds the model; throws when two doctypes would share a GraphQL name. */
export function buildModel(registry: MetaRegistry): GqlModel {
  const roots = registry
    .all()
    .filter((m) => !m.isChild)
    .sort((a, b) => compare(a.name, b.name));
  const docTypes = roots.map((meta): GqlDocType => {
    const getField = fieldNameOf(meta.name);
    return { meta, typeName: typeNameOf(meta.name), getField, listField: pluralOf(getField), connectionType: `${typeNameOf(meta.name)}Connection` };
  });

  // Child types reachable through Table fields (child doctypes nobody embeds are left out).
  const objectMetas = new Map<string, DocTypeMeta>(roots.map((m) => [m.name, m]));
  const pending = [...roots];
  while (pending.length) {
    const meta = pending.pop()!;
    for (const tf of meta.tableFields) {
      const child = registry.get(tf.options ?? '')!;
      if (!objectMetas.has(child.name)) {
        objectMetas.set(child.name, child);
        pending.push(child);
      }
    }
  }
  const objects = [...objectMetas.values()]
    .map((meta): GqlObject => ({ name: typeNameOf(meta.name), meta, fields: objectFields(registry, meta) }))
    .sort((a, b) => compare(a.name, b.name));

  assertUnique('type', [
    ...FIXED_TYPES.map((n): [string, string] => [n, 'the fixed schema']),
    ...objects.map((o): [string, string] => [o.name, o.meta.name]),
    ...docTypes.map((d): [string, string] => [d.connectionType, d.meta.name]),
  ]);
  assertUnique('query', [
    ...FIXED_QUERIES.map((n): [string, string] => [n, 'the fixed schema']),
    ...docTypes.flatMap((d): [string, string][] => [[d.getField, d.meta.name], [d.listField, d.meta.name]]),
  ]);
  return { docTypes, objects };
}

/** Each entry: [GraphQL name, what produced it]. */
function assertUnique(what: string, names: [string, string][]): void {
  const seen = new Map<string, string>();
  for (const [name, source] of names) {
    const first = seen.get(name);
    if (first) throw new Error(`GraphQL: ${first} and ${source} would share the ${what} name "${name}"; rename one of them`);
    seen.set(name, source);
  }
}
