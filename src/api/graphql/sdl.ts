import { MetaRegistry } from '../../kernel/metadata/meta';
import { MethodRegistry } from '../rest/method-registry';
import { methodQueryField } from './method-queries';
import { STOREFRONT_QUERIES, STOREFRONT_TYPES } from './storefront-schema';
import { buildModel, GqlDocType, GqlObject } from './schema-model';

/**
 * The GraphQL schema of the doctype registry and of the methods that are queries, as SDL text.
 * Deterministic: type definitions and root fields are sorted by name; fields of a doctype type
 * keep the doctype's order (standard columns first), each Link followed by its `_doc` companion;
 * a method query's arguments keep the method's parameter order.
 */
export function buildSdl(registry: MetaRegistry, methods: MethodRegistry): string {
  const model = buildModel(registry);
  const blocks: [string, string][] = [
    [
      'Decimal',
      `${doc("An exact decimal (Float, Currency and Percent fields): a JSON number with exactly the stored digits, at the field's precision.")}scalar Decimal`,
    ],
    ['JSON', `${doc('Any JSON value: Frappe filters, documents given to mutations, JSON fields.')}scalar JSON`],
    ['Me', typeBlock('Me', 'The calling user (Guest without credentials).', [
      ['name', 'String!'],
      ['full_name', 'String'],
      ['user_type', 'String!', 'System User or Website User'],
      ['roles', '[String!]!'],
    ])],
    ['PageInfo', typeBlock('PageInfo', 'Where a page ends; pass end_cursor as `after` to get the next page.', [
      ['has_next_page', 'Boolean!'],
      ['end_cursor', 'String', 'Opaque cursor of the last item of this page (null when the page is empty)'],
    ])],
    ['Query', queryBlock(model.docTypes, methods)],
    ['Mutation', mutationBlock()],
    ...model.objects.map((o): [string, string] => [o.name, objectBlock(o)]),
    ...model.docTypes.map((d): [string, string] => [d.connectionType, connectionBlock(d)]),
    ...STOREFRONT_TYPES,
  ];
  blocks.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${blocks.map(([, text]) => text).join('\n\n')}\n`;
}

/** A block-string description line (indented like what it describes). */
function doc(text: string | undefined, indent = ''): string {
  if (!text) return '';
  // A block string may not end in a quote (it would read as the closing delimiter).
  const body = text.replace(/"""/g, '\\"""');
  return `${indent}"""${body}${body.endsWith('"') ? ' ' : ''}"""\n`;
}

/** [name + arguments, type, description?] */
type Line = [string, string, string?];

function typeBlock(name: string, description: string, lines: Line[]): string {
  const body = lines.map(([field, type, d]) => `${doc(d, '  ')}  ${field}: ${type}`).join('\n');
  return `${doc(description)}type ${name} {\n${body}\n}`;
}

function objectBlock(o: GqlObject): string {
  const what = o.meta.isChild ? 'Row of the child table' : 'DocType';
  const description = [`${what} ${o.meta.name}`, o.meta.def.description].filter(Boolean).join('. ');
  return typeBlock(o.name, description, o.fields.map((f): Line => [f.name, f.type, f.description]));
}

function connectionBlock(d: GqlDocType): string {
  return typeBlock(d.connectionType, `A page of ${d.meta.name} documents.`, [
    ['items', `[${d.typeName}!]!`],
    ['page_info', 'PageInfo!'],
  ]);
}

const LIST_ARGS =
  '(filters: JSON, or_filters: JSON, order_by: String, limit: Int, offset: Int, after: String)';

/** The root field's name in a Line (what precedes its arguments). */
const fieldName = ([signature]: Line) => signature.replace(/\(.*$/, '');

function queryBlock(docTypes: GqlDocType[], methods: MethodRegistry): string {
  const lines: Line[] = [['me', 'Me', 'The calling user'], ...STOREFRONT_QUERIES];
  for (const d of docTypes) {
    lines.push([`${d.getField}(name: String!)`, d.typeName, `One ${d.meta.name} by name`]);
    lines.push([
      `${d.listField}${LIST_ARGS}`,
      d.connectionType,
      `${d.meta.name} documents. filters/or_filters: Frappe's list or dict forms; order_by: "field asc|desc"; limit (default 20, capped); offset or after (a cursor)`,
    ]);
  }
  for (const m of methods.queries()) {
    const f = methodQueryField(m);
    const line: Line = [f.signature, f.type, f.description];
    if (lines.some((l) => fieldName(l) === fieldName(line))) throw new Error(`GraphQL: the query ${fieldName(line)} of method ${m.path} is taken`);
    lines.push(line);
  }
  lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return typeBlock('Query', 'Reads. Permissions apply as in the REST API.', lines);
}

function mutationBlock(): string {
  return typeBlock('Mutation', 'Writes, each one transaction through the document lifecycle.', [
    ['cancelDoc(doctype: String!, name: String!)', 'JSON', 'Cancels a submitted document; returns it'],
    ['deleteDoc(doctype: String!, name: String!)', 'Boolean', 'Deletes a draft or cancelled document'],
    ['insertDoc(doctype: String!, doc: JSON!)', 'JSON', 'Creates a document (child tables as lists of rows); returns it'],
    ['submitDoc(doctype: String!, name: String!)', 'JSON', 'Submits a draft document; returns it'],
    ['updateDoc(doctype: String!, name: String!, doc: JSON!)', 'JSON', 'Saves changes to a document; returns it'],
  ]);
}
