import { DocTypeMeta, MetaRegistry } from '../../kernel/metadata/meta';
import { CHILD_FIELDS, FieldDef, STANDARD_FIELDS } from '../../kernel/metadata/types';
import { aOrAn, createComponentOf, inputComponentOf, readComponentOf } from './names';
import { JsonSchema } from './types';

/**
 * JSON Schema (2020-12, the dialect of OpenAPI 3.1) of documents, derived from the doctype
 * definitions. `read` is the wire form the server returns; `write` is what POST/PUT bodies
 * may carry: server-computed fields are left out, and unknown keys stay allowed because the
 * server ignores them (as Frappe does).
 */
export type SchemaMode = 'read' | 'write';

export interface SchemaOptions {
  /** write mode: the variant for new documents, where mandatory fields without a default are required */
  create?: boolean;
  /** how the schema of a child doctype is referenced (default: `#/components/schemas/<name>`) */
  ref?: (component: string) => string;
}

/** A datetime as the server returns it: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export const DATETIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$';
/** A datetime as the server takes it: `T` or a space, optional seconds and fraction, UTC offset 0. */
const TIME_PATTERN = '^\\d{2}:\\d{2}:\\d{2}\\.\\d{6}$';
const TIME_INPUT_PATTERN = '^(\\d{2}:\\d{2}(:\\d{2})?(\\.\\d{1,6})?)?$';
const DATETIME_INPUT_PATTERN = '^(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?(\\.\\d{1,6})?(Z|[+-]00:?00)?)?$';
/** A decimal given as a string (empty means 0). */
const DECIMAL_INPUT_PATTERN = '^([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)?$';

const SERVER_SET = new Set([...STANDARD_FIELDS, ...CHILD_FIELDS].map((f) => f.fieldname));
const TEXT_TYPES = new Set(['Text', 'Small Text', 'Long Text']);
const NUMERIC_TYPES = new Set(['Check', 'Int', 'Float', 'Currency', 'Percent']);
const DOCSTATUS_TEXT = '0 draft, 1 submitted, 2 cancelled';

const capitalA = (doctype: string) => aOrAn(doctype).replace(/^a/, 'A');
const componentRef = (component: string) => `#/components/schemas/${component}`;

function blankFirst(meta: DocTypeMeta, f: FieldDef): boolean {
  return meta.selectOptions(f)[0] === '';
}

function selectSchema(meta: DocTypeMeta, f: FieldDef, write: boolean): JsonSchema {
  const options = meta.selectOptions(f);
  const values: (string | null)[] = [...(blankFirst(meta, f) ? [''] : []), ...options.filter((o) => o !== '')];
  const nullable = write || blankFirst(meta, f);
  return nullable ? { type: ['string', 'null'], enum: [...values, null] } : { type: 'string', enum: values };
}

/** What a decimal field is rounded to before it is stored (kernel/money/precision.ts). */
function precisionText(meta: DocTypeMeta, f: FieldDef): string {
  if (f.precision !== undefined) return `${meta.precision(f)} decimal places`;
  if (f.fieldtype !== 'Currency') return 'System Settings float_precision (3 by default)';
  const currency = f.options ? `the currency in ${f.options}` : 'the currency';
  return `System Settings currency_precision if set, else the number format of ${currency} (2 for the standard currencies)`;
}

function decimalText(meta: DocTypeMeta, f: FieldDef, write: boolean): string {
  const places = `rounded to ${precisionText(meta, f)} with the System Settings rounding method`;
  const range = 'at most 12 digits before the decimal point';
  return write ? `Exact decimal, ${places}, ${range}: a JSON number (its digits are kept), or a numeric string` : `Exact decimal, ${places}`;
}

/** DECIMAL(21,9): what the server stores (a value beyond it is refused with 417). */
const DECIMAL_BOUNDS = { exclusiveMinimum: -1e12, exclusiveMaximum: 1e12 };

/** The schema of one non-Table field's value. */
function valueSchema(meta: DocTypeMeta, f: FieldDef, write: boolean): JsonSchema {
  const standard = SERVER_SET.has(f.fieldname);
  switch (f.fieldtype) {
    case 'Check':
      return write ? { type: ['integer', 'boolean'], enum: [0, 1, false, true] } : { type: 'integer', enum: [0, 1] };
    case 'Int':
      if (f.fieldname === 'docstatus') return { type: 'integer', enum: [0, 1, 2], description: DOCSTATUS_TEXT };
      return write ? { type: ['integer', 'null'] } : { type: 'integer' };
    case 'Float':
    case 'Currency':
    case 'Percent':
      return write
        ? { type: ['number', 'string', 'null'], format: 'decimal', ...DECIMAL_BOUNDS, pattern: DECIMAL_INPUT_PATTERN, description: decimalText(meta, f, true) }
        : { type: 'number', format: 'decimal', ...DECIMAL_BOUNDS, description: decimalText(meta, f, false) };
    case 'Date':
      return { type: ['string', 'null'], format: 'date' };
    case 'Datetime':
      if (write) return { type: ['string', 'null'], pattern: DATETIME_INPUT_PATTERN };
      return { type: standard ? 'string' : ['string', 'null'], pattern: DATETIME_PATTERN };
    case 'Time':
      return { type: ['string', 'null'], pattern: write ? TIME_INPUT_PATTERN : TIME_PATTERN };
    case 'JSON':
      return { description: 'Any JSON value' };
    case 'Select':
      return selectSchema(meta, f, write);
    case 'Link':
      return { type: ['string', 'null'], maxLength: f.length ?? 140, description: `Link to ${f.options}` };
    case 'Dynamic Link':
      return { type: ['string', 'null'], maxLength: f.length ?? 140, description: `Link to the doctype named in ${f.options}` };
    case 'Password':
      return { type: ['string', 'null'], maxLength: f.length ?? 140, writeOnly: true };
    default:
      if (TEXT_TYPES.has(f.fieldtype)) return { type: ['string', 'null'] };
      return { type: standard && !write ? 'string' : ['string', 'null'], maxLength: f.length ?? 140 };
  }
}

function withNotes(s: JsonSchema, f: FieldDef, write: boolean): JsonSchema {
  const notes = [s.description, f.description];
  if (!write && (f.permlevel ?? 0) > 0) notes.push(`Returned only to roles that may read permlevel ${f.permlevel}`);
  const description = notes.filter(Boolean).join('. ');
  const out: JsonSchema = { ...(f.label ? { title: f.label } : {}), ...s };
  if (description) out.description = description;
  const dflt = literalDefault(f);
  if (write && dflt !== undefined) out.default = dflt;
  return out;
}

/** A default the client can read as a value ('Today', 'Now' and '__user' are computed). */
function literalDefault(f: FieldDef): string | number | undefined {
  if (f.default === undefined || ['Today', 'Now', '__user'].includes(String(f.default))) return undefined;
  return NUMERIC_TYPES.has(f.fieldtype) ? Number(f.default) : String(f.default);
}

/** A mandatory field the server cannot fill by itself on insert. */
function mustSend(meta: DocTypeMeta, f: FieldDef): boolean {
  if (!f.reqd || f.default !== undefined || f.fetch_from || NUMERIC_TYPES.has(f.fieldtype)) return false;
  return !(f.fieldtype === 'Select' && !blankFirst(meta, f));
}

function tableSchema(registry: MetaRegistry, f: FieldDef, mode: SchemaMode, opts: SchemaOptions): JsonSchema {
  const child = registry.get(f.options ?? '');
  if (!child?.isChild) throw new Error(`OpenAPI: ${f.options} (table ${f.fieldname}) is not a child doctype`);
  const ref = opts.ref ?? componentRef;
  const component = mode === 'read' ? readComponentOf(child.name) : opts.create ? createComponentOf(child.name) : inputComponentOf(child.name);
  const s: JsonSchema = { type: 'array', items: { $ref: ref(component) } };
  if (mode === 'write' && opts.create && f.reqd) s.minItems = 1;
  return s;
}

function readSchema(meta: DocTypeMeta, registry: MetaRegistry, opts: SchemaOptions): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of meta.columns) {
    if (f.fieldtype !== 'Password') properties[f.fieldname] = withNotes(valueSchema(meta, f, false), f, false);
  }
  properties.doctype = { type: 'string', const: meta.name };
  for (const f of meta.tableFields) properties[f.fieldname] = withNotes(tableSchema(registry, f, 'read', opts), f, false);
  const what = meta.isChild ? `A row of the ${meta.name} child table` : `${capitalA(meta.name)} document`;
  return {
    type: 'object',
    description: [meta.def.description, `${what}; a list returns only the fields asked for`].filter(Boolean).join('. '),
    properties,
  };
}

/** Keys a write may carry besides the fields: the name, docstatus changes, optimistic locking. */
function controlKeys(meta: DocTypeMeta, create: boolean): { head: Record<string, JsonSchema>; tail: Record<string, JsonSchema> } {
  const head: Record<string, JsonSchema> = {};
  const tail: Record<string, JsonSchema> = {};
  if (meta.isChild) {
    if (!create) head.name = { type: 'string', description: 'The name of an existing row, to change that row in place; rows without one are added' };
    return { head, tail };
  }
  if (create && meta.def.autoname === 'prompt') head.name = { type: 'string', maxLength: 140, description: 'The name of the new document' };
  if (meta.isSubmittable) {
    tail.docstatus = create
      ? { type: 'integer', enum: [0, 1], description: '1 inserts and submits the document' }
      : { type: 'integer', enum: [0, 1, 2], description: '1 submits a draft, 2 cancels a submitted document' };
    if (create) tail.amended_from = { type: 'string', description: `The cancelled ${meta.name} this document amends (its name becomes <amended_from>-<n>)` };
  }
  if (!create) {
    tail.modified = {
      type: 'string',
      pattern: DATETIME_INPUT_PATTERN,
      description: 'The modified value the client read; a different one in the database fails with TimestampMismatchError (417)',
    };
  }
  return { head, tail };
}

function writeSchema(meta: DocTypeMeta, registry: MetaRegistry, opts: SchemaOptions): JsonSchema {
  const create = !!opts.create;
  const { head, tail } = controlKeys(meta, create);
  const properties: Record<string, JsonSchema> = { ...head };
  const required = head.name ? ['name'] : [];
  for (const f of meta.fields) {
    if (f.read_only || SERVER_SET.has(f.fieldname)) continue;
    properties[f.fieldname] = withNotes(f.fieldtype === 'Table' ? tableSchema(registry, f, 'write', opts) : valueSchema(meta, f, true), f, true);
    if (create && (f.fieldtype === 'Table' ? f.reqd : mustSend(meta, f))) required.push(f.fieldname);
  }
  Object.assign(properties, tail);
  const what = meta.isChild ? `A row of the ${meta.name} child table` : create ? `A new ${meta.name}` : `Changes to ${aOrAn(meta.name)}: fields left out keep their value`;
  return {
    type: 'object',
    description: `${what}. Computed fields are set by the server; unknown keys are ignored`,
    properties,
    ...(required.length ? { required } : {}),
  };
}

/** The JSON Schema of a document of `meta`; child tables reference their own components. */
export function docJsonSchema(meta: DocTypeMeta, registry: MetaRegistry, mode: SchemaMode, opts: SchemaOptions = {}): JsonSchema {
  return mode === 'read' ? readSchema(meta, registry, opts) : writeSchema(meta, registry, opts);
}

/**
 * A self-contained write schema for validating a REST body (child tables in `$defs`), valid for
 * ajv 8 (`new Ajv({ strict: false })` or `Ajv2020`).
 */
export function docValidationSchema(meta: DocTypeMeta, registry: MetaRegistry, create: boolean): JsonSchema {
  const opts: SchemaOptions = { create, ref: (component) => `#/$defs/${component}` };
  const $defs: Record<string, JsonSchema> = {};
  const pending = [...meta.tableFields];
  while (pending.length) {
    const child = registry.get(pending.shift()!.options ?? '')!;
    const component = create ? createComponentOf(child.name) : inputComponentOf(child.name);
    if ($defs[component]) continue;
    $defs[component] = docJsonSchema(child, registry, 'write', opts);
    pending.push(...child.tableFields);
  }
  const schema = docJsonSchema(meta, registry, 'write', opts);
  return Object.keys($defs).length ? { ...schema, $defs } : schema;
}
