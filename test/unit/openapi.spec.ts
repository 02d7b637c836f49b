import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { buildOpenApi } from '../../src/api/openapi/document';
import { DATETIME_PATTERN, docJsonSchema, docValidationSchema } from '../../src/api/openapi/json-schema';
import { JsonSchema, OperationObject, PathItemObject } from '../../src/api/openapi/types';
import { defineMethod, MethodDef } from '../../src/api/rest/method-registry';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { DocTypeDef, defineDocType } from '../../src/kernel/metadata/types';

const Customer = defineDocType({
  name: 'Customer',
  module: 'Selling',
  autoname: 'prompt',
  fields: [
    { fieldname: 'customer_name', fieldtype: 'Data', label: 'Customer Name', reqd: true },
    { fieldname: 'customer_type', fieldtype: 'Select', options: 'Company\nIndividual', reqd: true },
    { fieldname: 'portal_password', fieldtype: 'Password' },
  ],
  permissions: [
    { role: 'Sales User', rights: ['read', 'write', 'create'] },
    { role: 'Guest', rights: ['read'] },
  ],
});

const SalesOrder = defineDocType({
  name: 'Sales Order',
  module: 'Selling',
  is_submittable: true,
  fields: [
    { fieldname: 'customer', fieldtype: 'Link', options: 'Customer', reqd: true },
    { fieldname: 'status', fieldtype: 'Select', options: '\nDraft\nTo Bill\nCompleted', read_only: true },
    { fieldname: 'delivery_status', fieldtype: 'Select', options: '\nNot Delivered\nDelivered' },
    { fieldname: 'order_type', fieldtype: 'Select', options: 'Sales\nMaintenance', reqd: true },
    { fieldname: 'transaction_date', fieldtype: 'Date', reqd: true, default: 'Today' },
    { fieldname: 'delivered_at', fieldtype: 'Datetime' },
    { fieldname: 'is_paid', fieldtype: 'Check' },
    { fieldname: 'priority', fieldtype: 'Int' },
    { fieldname: 'conversion_rate', fieldtype: 'Float', precision: 9 },
    { fieldname: 'per_billed', fieldtype: 'Percent', permlevel: 1 },
    { fieldname: 'grand_total', fieldtype: 'Currency', read_only: true },
    { fieldname: 'terms', fieldtype: 'Long Text' },
    { fieldname: 'payload', fieldtype: 'JSON' },
    { fieldname: 'party_type', fieldtype: 'Data' },
    { fieldname: 'party', fieldtype: 'Dynamic Link', options: 'party_type' },
    { fieldname: 'items', fieldtype: 'Table', options: 'Sales Order Item', reqd: true },
  ],
  permissions: [{ role: 'Sales User', rights: ['read', 'write', 'create', 'submit'] }],
});

const SalesOrderItem = defineDocType({
  name: 'Sales Order Item',
  module: 'Selling',
  istable: true,
  fields: [
    { fieldname: 'item_code', fieldtype: 'Data', reqd: true },
    { fieldname: 'qty', fieldtype: 'Float', reqd: true },
    { fieldname: 'rate', fieldtype: 'Currency' },
    { fieldname: 'amount', fieldtype: 'Currency', read_only: true },
  ],
  permissions: [],
});

/** A child table no doctype holds: it gets no component. */
const Orphan = defineDocType({ name: 'Orphan Row', module: 'Selling', istable: true, fields: [{ fieldname: 'x', fieldtype: 'Data' }], permissions: [] });

const DEFS: DocTypeDef[] = [Customer, SalesOrder, SalesOrderItem, Orphan];
const registry = new MetaRegistry(DEFS);
const meta = (name: string) => registry.get(name)!;

const METHODS: MethodDef[] = [
  defineMethod({
    path: 'frappe.client.get_count',
    summary: 'Count documents',
    params: { doctype: { type: 'string', required: true }, filters: { type: 'object', description: 'filters' } },
    handler: async () => 0,
  }),
  defineMethod({
    path: 'frappe.client.insert',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Insert a document',
    params: { doc: { type: 'object', required: true } },
    handler: async () => ({}),
  }),
  defineMethod({
    path: 'frappe.integrations.oauth2.get_token',
    methods: ['POST'],
    allowGuest: true,
    write: true,
    raw: true,
    form: true,
    summary: 'OAuth token endpoint',
    params: { grant_type: { type: 'string', required: true } },
    handler: async () => ({}),
  }),
  defineMethod({ path: 'ping', allowGuest: true, summary: 'Answers pong', handler: async () => 'pong' }),
];

type Doc = {
  paths: Record<string, PathItemObject>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { content: Record<string, { schema: JsonSchema }> }> };
  security: unknown[];
  tags: { name: string }[];
} & Record<string, unknown>;

const build = (defs = DEFS, methods = METHODS) => buildOpenApi(new MetaRegistry(defs), methods, '1.2.3') as Doc;

function ajvs(): [string, Ajv][] {
  return [
    ['Ajv (draft-07 default)', new Ajv({ strict: false, logger: false })],
    ['Ajv2020', new Ajv2020({ strict: false, logger: false }) as unknown as Ajv],
  ];
}

describe('docJsonSchema, read mode', () => {
  const s = docJsonSchema(meta('Sales Order'), registry, 'read');
  const p = s.properties!;

  it('maps field types to JSON types', () => {
    expect(s.type).toBe('object');
    expect(p.name).toMatchObject({ type: 'string' });
    expect(p.docstatus).toMatchObject({ type: 'integer', enum: [0, 1, 2] });
    expect(p.idx).toMatchObject({ type: 'integer' });
    expect(p.priority).toMatchObject({ type: 'integer' });
    expect(p.is_paid).toMatchObject({ type: 'integer', enum: [0, 1] });
    expect(p.conversion_rate).toMatchObject({ type: 'number' });
    expect(p.conversion_rate.description).toContain('9 decimal places');
    expect(p.per_billed).toMatchObject({ type: 'number' });
    expect(p.per_billed.description).toContain('permlevel 1');
    expect(p.grand_total).toMatchObject({ type: 'number' });
    expect(p.terms).toMatchObject({ type: ['string', 'null'] });
    expect(p.payload.type).toBeUndefined();
    expect(p.doctype).toEqual({ type: 'string', const: 'Sales Order' });
  });

  it('describes dates, datetimes and links', () => {
    expect(p.transaction_date).toMatchObject({ type: ['string', 'null'], format: 'date' });
    expect(p.delivered_at).toMatchObject({ type: ['string', 'null'], pattern: DATETIME_PATTERN });
    expect(DATETIME_PATTERN).toBe('^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$');
    expect(p.creation).toMatchObject({ type: 'string', pattern: DATETIME_PATTERN });
    expect(p.customer.description).toBe('Link to Customer');
    expect(p.amended_from.description).toBe('Link to Sales Order');
    expect(p.party.description).toBe('Link to the doctype named in party_type');
  });

  it('lists Select options, with "" when the options start with a blank line', () => {
    expect(p.delivery_status.enum).toEqual(['', 'Not Delivered', 'Delivered', null]);
    expect(p.order_type).toMatchObject({ type: 'string', enum: ['Sales', 'Maintenance'] });
  });

  it('references the child component for tables and never shows passwords', () => {
    expect(p.items).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/SalesOrderItem' } });
    const customer = docJsonSchema(meta('Customer'), registry, 'read');
    expect(customer.properties!.portal_password).toBeUndefined();
    const row = docJsonSchema(meta('Sales Order Item'), registry, 'read').properties!;
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['parent', 'parentfield', 'parenttype', 'amount']));
  });

  it('keeps the wire order: standard columns, fields, doctype, tables', () => {
    const keys = Object.keys(p);
    expect(keys.slice(0, 7)).toEqual(['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx']);
    expect(keys.indexOf('doctype')).toBe(keys.indexOf('items') - 1);
  });
});

describe('docJsonSchema, write mode', () => {
  const update = docJsonSchema(meta('Sales Order'), registry, 'write');
  const create = docJsonSchema(meta('Sales Order'), registry, 'write', { create: true });

  it('leaves out standard and read-only fields', () => {
    for (const f of ['name', 'owner', 'creation', 'modified_by', 'idx', 'status', 'grand_total', 'amended_from']) {
      expect(update.properties![f]).toBeUndefined();
    }
    expect(Object.keys(update.properties!)).toEqual(expect.arrayContaining(['customer', 'items', 'payload']));
  });

  it('takes decimals as numbers or numeric strings, and passwords write-only', () => {
    expect(update.properties!.conversion_rate.type).toEqual(['number', 'string', 'null']);
    const customer = docJsonSchema(meta('Customer'), registry, 'write');
    expect(customer.properties!.portal_password).toMatchObject({ writeOnly: true });
  });

  it('requires mandatory fields without a default only in the create variant', () => {
    expect(update.required).toBeUndefined();
    // order_type defaults to its first option and transaction_date to today: neither must be sent
    expect(create.required).toEqual(['customer', 'items']);
    expect(create.properties!.items).toMatchObject({ minItems: 1, items: { $ref: '#/components/schemas/SalesOrderItemCreateInput' } });
    expect(update.properties!.items).toMatchObject({ items: { $ref: '#/components/schemas/SalesOrderItemInput' } });
    const customer = docJsonSchema(meta('Customer'), registry, 'write', { create: true });
    expect(customer.required).toEqual(['name', 'customer_name']);
  });

  it('carries docstatus changes and the modified check', () => {
    expect(create.properties!.docstatus.enum).toEqual([0, 1]);
    expect(update.properties!.docstatus.enum).toEqual([0, 1, 2]);
    expect(update.properties!.modified).toBeDefined();
    expect(create.properties!.modified).toBeUndefined();
  });

  it.each(ajvs())('validates REST bodies with %s', (_name, ajv) => {
    const validateCreate = ajv.compile(docValidationSchema(meta('Sales Order'), registry, true));
    const validateUpdate = ajv.compile(docValidationSchema(meta('Sales Order'), registry, false));
    const good = {
      customer: 'CUST-1',
      order_type: 'Sales',
      delivery_status: '',
      transaction_date: '2024-05-01',
      delivered_at: '2024-05-01 10:00:00',
      is_paid: 1,
      priority: 3,
      conversion_rate: '1.123456789',
      payload: { any: ['thing'] },
      docstatus: 1,
      items: [{ item_code: 'WIDGET', qty: 2, rate: '10.50' }],
      doctype: 'Sales Order',
    };
    expect(validateCreate(good)).toBe(true);
    expect(validateCreate({ ...good, items: [] })).toBe(false);
    expect(validateCreate({ ...good, items: [{ qty: 1 }] })).toBe(false);
    expect(validateCreate({ ...good, customer: undefined })).toBe(false);
    expect(validateCreate({ ...good, is_paid: 2 })).toBe(false);
    expect(validateCreate({ ...good, conversion_rate: 'abc' })).toBe(false);
    expect(validateCreate({ ...good, order_type: 'Gift' })).toBe(false);
    expect(validateCreate({ ...good, docstatus: 2 })).toBe(false);
    expect(validateUpdate({ docstatus: 2, modified: '2024-05-01 10:00:00.000000' })).toBe(true);
    expect(validateUpdate({ items: [{ name: 'abc', qty: 5 }] })).toBe(true);
    expect(validateUpdate({ delivered_at: '1 May 2024' })).toBe(false);
  });
});

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

function resolve(doc: Doc, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

function operations(doc: Doc): [string, string, OperationObject][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'delete'] as const).filter((v) => item[v]).map((v) => [path, v, item[v]!] as [string, string, OperationObject]),
  );
}

describe('buildOpenApi', () => {
  const doc = build();

  it('is OpenAPI 3.1 with the auth schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Docket', version: '1.2.3' });
    expect(doc.servers).toEqual([{ url: '/' }]);
    const schemes = (doc.components as unknown as { securitySchemes: Record<string, Record<string, string>> }).securitySchemes;
    expect(schemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization', description: expect.stringContaining('token <api_key>:<api_secret>') });
    expect(schemes.basic).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', description: expect.stringContaining('frappe.integrations.oauth2.get_token') });
    expect(schemes.sid).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sid' });
  });

  it('has the resource routes of non-child doctypes only', () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/resource/Sales Order', '/api/resource/Sales Order/{name}', '/api/resource/Customer', '/api/resource/Customer/{name}']),
    );
    expect(paths.some((p) => p.includes('Sales Order Item') || p.includes('Orphan'))).toBe(false);
    expect(Object.keys(doc.paths['/api/resource/Sales Order'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/resource/Sales Order/{name}'])).toEqual(['parameters', 'get', 'put', 'delete']);
    expect(doc.components.schemas.OrphanRow).toBeUndefined();
  });

  it('wraps documents in {data} and answers DELETE with 202 {"data":"ok"}', () => {
    const one = doc.paths['/api/resource/Sales Order/{name}'];
    expect(one.get!.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { properties: { data: { $ref: '#/components/schemas/SalesOrder' } } } } },
    });
    expect(one.put!.requestBody!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SalesOrderInput' });
    expect(doc.paths['/api/resource/Sales Order'].post!.requestBody!.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SalesOrderCreateInput',
    });
    expect(one.delete!.responses['202']).toMatchObject({ content: { 'application/json': { schema: { properties: { data: { const: 'ok' } } } } } });
  });

  it('documents the list parameters', () => {
    const list = doc.paths['/api/resource/Sales Order'].get!;
    const names = list.parameters!.map((p) => (resolve(doc, (p as { $ref: string }).$ref) as { name: string; description: string }).name);
    expect(names).toEqual(expect.arrayContaining(['fields', 'filters', 'or_filters', 'order_by', 'limit_start', 'limit_page_length', 'limit', 'as_dict']));
  });

  it('sends Idempotency-Key on writes and refers errors to FrappeError', () => {
    for (const [path, verb, op] of operations(doc).filter(([p]) => p.startsWith('/api/resource/'))) {
      const idem = (op.parameters ?? []).some((p) => '$ref' in p && p.$ref === '#/components/parameters/IdempotencyKey');
      expect([path, verb, idem]).toEqual([path, verb, verb !== 'get']);
      for (const status of ['401', '403', '404', '417', '429']) expect(op.responses[status]).toBeDefined();
      if (verb !== 'get') expect(op.responses['409']).toBeDefined();
    }
    for (const r of Object.values(doc.components.responses)) {
      expect(r.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/FrappeError' });
    }
    expect(Object.keys(doc.components.schemas.FrappeError.properties!)).toEqual(expect.arrayContaining(['exc_type', 'exception', '_server_messages']));
  });

  it('opens to Guest the operations the doctype grants Guest', () => {
    expect(doc.paths['/api/resource/Customer'].get!.security).toContainEqual({});
    expect(doc.paths['/api/resource/Customer'].post!.security).toBeUndefined();
    expect(doc.paths['/api/resource/Sales Order'].get!.security).toBeUndefined();
  });

  it('has a path per method with its verbs, parameters and reply', () => {
    const count = doc.paths['/api/method/frappe.client.get_count'];
    expect(Object.keys(count)).toEqual(['get', 'post', 'put', 'delete']);
    expect(count.get!.parameters).toEqual([
      { name: 'doctype', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'filters', in: 'query', description: 'filters; JSON-encoded object', schema: { type: 'string' } },
    ]);
    expect(count.post!.requestBody!.content['application/json'].schema).toMatchObject({
      required: ['doctype'],
      properties: { filters: { type: 'object' } },
    });
    expect(count.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { properties: { message: {} } } } } });

    const insert = doc.paths['/api/method/frappe.client.insert'];
    expect(Object.keys(insert)).toEqual(['post', 'put']);
    expect(insert.post!.parameters).toEqual([{ $ref: '#/components/parameters/IdempotencyKey' }]);

    const token = doc.paths['/api/method/frappe.integrations.oauth2.get_token'].post!;
    expect(Object.keys(token.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
    const raw = (token.responses['200'] as { content: Record<string, { schema: JsonSchema }> }).content['application/json'].schema;
    expect(raw.properties).toBeUndefined();
    expect(token.security).toContainEqual({});
    expect(doc.paths['/api/method/frappe.client.get_count'].get!.security).toBeUndefined();
  });

  it('has GraphQL, health and metrics routes', () => {
    expect(doc.paths['/graphql'].post).toBeDefined();
    expect(doc.paths['/api/health/live'].get!.security).toEqual([]);
    expect(doc.paths['/api/health/ready'].get!.responses['503']).toBeDefined();
    expect(doc.paths['/metrics'].get!.responses['200']).toMatchObject({ content: { 'text/plain': {} } });
  });

  it('gives unique operationIds and tags every operation with a declared tag', () => {
    const ops = operations(doc);
    const ids = ops.map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listSalesOrder', 'createSalesOrder', 'getSalesOrder', 'updateSalesOrder', 'deleteSalesOrder', 'getPing', 'postFrappeClientInsert']));
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const [, , op] of ops) for (const t of op.tags) expect(declared).toContain(t);
    expect(doc.paths['/api/resource/Sales Order'].get!.tags).toEqual(['Selling']);
  });

  it('resolves every $ref', () => {
    for (const ref of refsIn(doc)) expect([ref, resolve(doc, ref) !== undefined]).toEqual([ref, true]);
  });

  it('is deterministic: the order of the definitions does not matter', () => {
    const again = build([...DEFS].reverse(), [...METHODS].reverse());
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
    expect(Object.keys(doc.paths)).toEqual([...Object.keys(doc.paths)].sort());
    expect(Object.keys(doc.components.schemas)).toEqual([...Object.keys(doc.components.schemas)].sort());
  });

  it('refuses two operations with one operationId', () => {
    const clash = defineMethod({ path: 'frappe_client.insert', methods: ['POST'], summary: 'clash', handler: async () => null });
    expect(() => build(DEFS, [...METHODS, clash])).toThrow(/operationId postFrappeClientInsert/);
  });
});
