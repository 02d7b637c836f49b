import { buildSchema, getIntrospectionQuery, GraphQLObjectType, GraphQLSchema, parse, printType, validate } from 'graphql';
import { buildSdl } from '../../src/api/graphql/sdl';
import { decodeCursor, encodeCursor, pageWindow } from '../../src/api/graphql/pagination';
import { fieldNameOf, pluralOf, typeNameOf } from '../../src/api/graphql/schema-model';
import { documentLimitRules } from '../../src/api/graphql/validation-rules';
import { defineMethod, MethodDef, MethodRegistry } from '../../src/api/rest/method-registry';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { defineDocType } from '../../src/kernel/metadata/types';

const Customer = defineDocType({
  name: 'Customer',
  module: 'Selling',
  fields: [
    { fieldname: 'customer_name', fieldtype: 'Data', reqd: true },
    { fieldname: 'disabled', fieldtype: 'Check' },
    { fieldname: 'portal_password', fieldtype: 'Password' },
  ],
  permissions: [],
});

const SalesOrder = defineDocType({
  name: 'Sales Order',
  module: 'Selling',
  is_submittable: true,
  description: 'An order from a customer',
  fields: [
    { fieldname: 'customer', fieldtype: 'Link', options: 'Customer', label: 'Customer' },
    { fieldname: 'order_type', fieldtype: 'Select', options: 'Sales\nMaintenance' },
    { fieldname: 'transaction_date', fieldtype: 'Date' },
    { fieldname: 'items', fieldtype: 'Table', options: 'Sales Order Item' },
    { fieldname: 'total_qty', fieldtype: 'Float' },
    { fieldname: 'grand_total', fieldtype: 'Currency' },
    { fieldname: 'per_billed', fieldtype: 'Percent' },
    { fieldname: 'payload', fieldtype: 'JSON' },
    { fieldname: 'party_type', fieldtype: 'Data' },
    { fieldname: 'party', fieldtype: 'Dynamic Link', options: 'party_type' },
  ],
  permissions: [],
});

const SalesOrderItem = defineDocType({
  name: 'Sales Order Item',
  module: 'Selling',
  istable: true,
  fields: [
    { fieldname: 'item_name', fieldtype: 'Data' },
    { fieldname: 'qty', fieldtype: 'Float' },
    { fieldname: 'idx_hint', fieldtype: 'Int' },
    { fieldname: 'ordered_by', fieldtype: 'Link', options: 'Customer' },
  ],
  permissions: [],
});

const Unused = defineDocType({ name: 'Orphan Row', module: 'Selling', istable: true, fields: [], permissions: [] });

const registry = () => new MetaRegistry([SalesOrderItem, Customer, Unused, SalesOrder]);
const NO_METHODS = new MethodRegistry([]);

const handler = async () => ({ rows: [] });
const report = defineMethod({
  path: 'docket.test.report',
  methods: ['GET'],
  summary: 'A test report',
  graphql: { field: 'testReport' },
  params: {
    company: { type: 'string', required: true },
    limit_start: { type: 'integer', minimum: 0 },
    min_qty: { type: 'number' },
    detailed: { type: 'boolean' },
    filters: { type: ['array', 'object'] },
    options: { type: 'object' },
    names: { type: ['array'] },
  },
  handler,
});
const restOnly = defineMethod({ path: 'docket.test.rest_only', summary: 'Not a query', handler });

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType {
  const t = schema.getType(name);
  if (!(t instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
  return t;
}

function fieldTypes(schema: GraphQLSchema, name: string): Record<string, string> {
  return Object.fromEntries(Object.values(objectType(schema, name).getFields()).map((f) => [f.name, String(f.type)]));
}

describe('buildSdl', () => {
  const sdl = buildSdl(registry(), NO_METHODS);
  const schema = buildSchema(sdl);

  it('is valid SDL and deterministic whatever the registry order', () => {
    expect(sdl).toBe(buildSdl(new MetaRegistry([SalesOrder, Unused, Customer, SalesOrderItem]), NO_METHODS));
    const typeOrder = [...sdl.matchAll(/^(?:type|scalar) (\w+)/gm)].map((m) => m[1]);
    expect(typeOrder).toEqual([...typeOrder].sort());
  });

  it('names a type per non-child doctype in PascalCase and keeps snake_case fields with their scalars', () => {
    const so = fieldTypes(schema, 'SalesOrder');
    expect(so).toMatchObject({
      name: 'String!',
      owner: 'String',
      creation: 'String',
      docstatus: 'Int',
      idx: 'Int',
      customer: 'String',
      order_type: 'String',
      transaction_date: 'String',
      total_qty: 'Decimal',
      grand_total: 'Decimal',
      per_billed: 'Decimal',
      payload: 'JSON',
      party: 'String',
      amended_from: 'String',
    });
    expect(fieldTypes(schema, 'Customer')).toMatchObject({ customer_name: 'String', disabled: 'Boolean' });
    expect(objectType(schema, 'SalesOrder').description).toBe('DocType Sales Order. An order from a customer');
  });

  it('nests child doctypes under their Table field and leaves unreferenced child doctypes out', () => {
    expect(fieldTypes(schema, 'SalesOrder').items).toBe('[SalesOrderItem!]');
    expect(fieldTypes(schema, 'SalesOrderItem')).toMatchObject({ parent: 'String', parentfield: 'String', qty: 'Decimal', idx_hint: 'Int' });
    expect(schema.getType('OrphanRow')).toBeUndefined();
    expect(schema.getQueryType()!.getFields().salesOrderItem).toBeUndefined();
  });

  it('adds a _doc field for each Link to a doctype with a type, not for Dynamic Links', () => {
    expect(fieldTypes(schema, 'SalesOrder')).toMatchObject({ customer_doc: 'Customer', amended_from_doc: 'SalesOrder' });
    expect(fieldTypes(schema, 'SalesOrderItem').ordered_by_doc).toBe('Customer');
    expect(fieldTypes(schema, 'SalesOrder').party_doc).toBeUndefined();
  });

  it('never exposes Password fields', () => {
    expect(fieldTypes(schema, 'Customer').portal_password).toBeUndefined();
    expect(sdl).not.toContain('portal_password');
  });

  it('has get and list queries per doctype, me, and the generic mutations', () => {
    const q = schema.getQueryType()!.getFields();
    expect(String(q.salesOrder.type)).toBe('SalesOrder');
    expect(q.salesOrder.args.map((a) => `${a.name}: ${a.type}`)).toEqual(['name: String!']);
    expect(String(q.salesOrders.type)).toBe('SalesOrderConnection');
    expect(q.salesOrders.args.map((a) => `${a.name}: ${a.type}`)).toEqual([
      'filters: JSON',
      'or_filters: JSON',
      'order_by: String',
      'limit: Int',
      'offset: Int',
      'after: String',
    ]);
    expect(String(q.customers.type)).toBe('CustomerConnection');
    expect(String(q.me.type)).toBe('Me');
    expect(printType(schema.getType('SalesOrderConnection')!)).toContain('items: [SalesOrder!]!');
    expect(fieldTypes(schema, 'PageInfo')).toEqual({ has_next_page: 'Boolean!', end_cursor: 'String' });
    expect(fieldTypes(schema, 'Me')).toEqual({ name: 'String!', full_name: 'String', user_type: 'String!', roles: '[String!]!' });
    const m = schema.getMutationType()!.getFields();
    expect(Object.keys(m).sort()).toEqual(['cancelDoc', 'deleteDoc', 'insertDoc', 'submitDoc', 'updateDoc']);
    expect(String(m.deleteDoc.type)).toBe('Boolean');
    expect(String(m.insertDoc.type)).toBe('JSON');
  });

  it('refuses doctypes whose GraphQL names would collide', () => {
    const clash = defineDocType({ name: 'Sales-Order', module: 'X', fields: [], permissions: [] });
    expect(() => buildSdl(new MetaRegistry([...registry().all().map((m) => m.def), clash]), NO_METHODS)).toThrow(/share the type name "SalesOrder"/);
  });
});

describe('method queries', () => {
  const schema = buildSchema(buildSdl(registry(), new MethodRegistry([restOnly, report])));

  it('adds a JSON query per method that names one, arguments typed from its params, its summary as description', () => {
    const q = schema.getQueryType()!.getFields();
    expect(String(q.testReport.type)).toBe('JSON');
    expect(q.testReport.description).toBe('A test report (the method docket.test.report)');
    expect(q.testReport.args.map((a) => `${a.name}: ${a.type}`)).toEqual([
      'company: String!',
      'limit_start: Int',
      'min_qty: Decimal',
      'detailed: Boolean',
      'filters: JSON',
      'options: JSON',
      'names: JSON',
    ]);
    expect(Object.keys(q).filter((f) => /rest/i.test(f))).toEqual([]);
  });

  it('keeps the root fields sorted with the method queries among them', () => {
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).toEqual([...fields].sort());
    expect(buildSdl(registry(), new MethodRegistry([report, restOnly]))).toBe(buildSdl(registry(), new MethodRegistry([restOnly, report])));
  });

  it('refuses a query that could write, a bad or taken field name', () => {
    const as = (over: Partial<MethodDef>) => ({ ...report, path: 'docket.test.other', ...over }) as MethodDef;
    expect(() => new MethodRegistry([as({ write: true })])).toThrow(/only a read-only method may be a GraphQL query/);
    expect(() => new MethodRegistry([as({ raw: true })])).toThrow(/only a read-only method/);
    expect(() => new MethodRegistry([as({ graphql: { field: 'test-report' } })])).toThrow(/not a GraphQL field name/);
    expect(() => new MethodRegistry([report, as({})])).toThrow(/GraphQL query testReport is defined twice/);
    expect(() => buildSdl(registry(), new MethodRegistry([as({ graphql: { field: 'salesOrders' } })]))).toThrow(/query salesOrders of method docket.test.other is taken/);
  });
});

describe('GraphQL names', () => {
  it.each([
    ['Sales Order', 'SalesOrder', 'salesOrder', 'salesOrders'],
    ['Company', 'Company', 'company', 'companies'],
    ['Address', 'Address', 'address', 'addresses'],
    ['OAuth Bearer Token', 'OAuthBearerToken', 'oauthBearerToken', 'oauthBearerTokens'],
    ['Stock Ledger Entry', 'StockLedgerEntry', 'stockLedgerEntry', 'stockLedgerEntries'],
    ['Sales Taxes and Charges Template', 'SalesTaxesAndChargesTemplate', 'salesTaxesAndChargesTemplate', 'salesTaxesAndChargesTemplates'],
  ])('%s → %s, %s, %s', (doctype, type, one, many) => {
    expect(typeNameOf(doctype)).toBe(type);
    expect(fieldNameOf(doctype)).toBe(one);
    expect(pluralOf(fieldNameOf(doctype))).toBe(many);
  });
});

describe('pagination cursors', () => {
  it('round-trips offsets and rejects foreign cursors', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(() => decodeCursor('bm9wZQ==')).toThrow(/Invalid cursor/);
    expect(() => decodeCursor('not a cursor')).toThrow(/Invalid cursor/);
  });

  it('starts after the cursor, caps limit, and refuses offset together with after', () => {
    expect(pageWindow({ after: encodeCursor(9), limit: 5 }, 500)).toEqual({ start: 10, limit: 5 });
    expect(pageWindow({}, 500)).toEqual({ start: 0, limit: 20 });
    expect(pageWindow({ limit: 10_000, offset: 3 }, 500)).toEqual({ start: 3, limit: 500 });
    expect(() => pageWindow({ offset: 1, after: encodeCursor(0) }, 500)).toThrow(/either offset or after/);
    expect(() => pageWindow({ limit: 0 }, 500)).toThrow(/limit/);
  });
});

describe('validation rules', () => {
  const schema = buildSchema(buildSdl(registry(), NO_METHODS));
  const rules = documentLimitRules({
    depth: 8,
    aliases: 30,
    directives: 50,
    selections: 5000,
    operations: 20,
    cost: { max: 5000, defaultLimit: 20, maxLimit: 500, tableRows: 10 },
  });
  const check = (query: string) => validate(schema, parse(query), rules).map((e) => e.message);
  const repeat = (n: number, part: (i: number) => string) => Array.from({ length: n }, (_, i) => part(i)).join(' ');
  /** F0 spreads F1 twice, F1 spreads F2 twice…: 2^levels copies of `leaf` once expanded */
  const fanOut = (levels: number, leaf: string) =>
    `query { ...F0 } ${repeat(levels, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)} fragment F${levels} on Query { ${leaf} }`;

  it('accepts ordinary queries and introspection', () => {
    expect(check('{ salesOrders(limit: 50) { items { name customer_doc { customer_name } items { qty } } page_info { end_cursor } } }')).toEqual([]);
    expect(check('{ __schema { types { name fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }')).toEqual([]);
    expect(check(getIntrospectionQuery())).toEqual([]);
    expect(check(`{ ${repeat(30, (i) => `a${i}: __typename`)} }`)).toEqual([]);
  });

  it('rejects selections nested deeper than 8, through fragments too', () => {
    const deep = '{ salesOrder(name: "x") { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { name } } } } } } } } } }';
    expect(check(deep)).toEqual(['Query depth limit of 8 exceeded, found 10.']);
    const viaFragment = `{ salesOrder(name: "x") { ...A } } fragment A on SalesOrder { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { name } } } } } } } }`;
    expect(check(viaFragment)).toEqual(['Query depth limit of 8 exceeded, found 9.']);
  });

  it('rejects lists whose size times nesting exceeds the cost limit', () => {
    // 1 connection + 500 orders + 500 customers + 5000 item rows
    const [msg] = check('{ salesOrders(limit: 500) { items { customer_doc { name } items { qty } } } }');
    expect(msg).toMatch(/about 6001 objects; at most 5000/);
    // a variable limit counts as the page-size cap unless it has a default
    expect(check('query ($n: Int = 10) { salesOrders(limit: $n) { items { customer_doc { name } items { ordered_by_doc { name } } } } }')).toEqual([]);
    expect(check('query ($n: Int) { salesOrders(limit: $n) { items { customer_doc { name } items { ordered_by_doc { name } } } } }')).toHaveLength(1);
  });

  it('costs a fragment as if it were written out at each spread, per page size around it', () => {
    const viaFragments = `{ a: salesOrders(limit: 500) { items { ...Order } } b: salesOrders(limit: 1) { ...Page } }
      fragment Page on SalesOrderConnection { items { ...Order } }
      fragment Order on SalesOrder { customer_doc { name } items { qty } }`;
    // 6001 for a, 1 + 1 + 1 + 10 for b
    expect(check(viaFragments)).toEqual([expect.stringMatching(/about 6014 objects; at most 5000/)]);
    expect(check('{ salesOrders(limit: 100) { ...Page } } fragment Page on SalesOrderConnection { items { customer_doc { name } } }')).toEqual([]);
  });

  it('measures fragment fan-out once per fragment: refused quickly, whatever the expansion', () => {
    const started = performance.now();
    const [msg, ...rest] = check(fanOut(24, '__typename'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(msg).toBe('The operation selects more than 5000 fields once its fragments are expanded');
    expect(rest).toEqual([]);
    // with objects at the leaves the cost estimate multiplies too (2^20 × 21 objects)
    expect(check(fanOut(20, 'salesOrders(limit: 20) { items { name } }'))).toEqual([
      expect.stringMatching(/more than 5000 fields/),
      `The query could resolve about ${2 ** 20 * 21} objects; at most 5000 are allowed (lower list limits or select fewer nested objects)`,
    ]);
    expect(check(fanOut(8, '__typename'))).toEqual([]);
  });

  it('limits aliases (`__typename` ones too), directives and operations', () => {
    expect(check(`{ ${repeat(31, (i) => `a${i}: __typename`)} }`)).toEqual(['Aliases limit of 30 exceeded, found 31.']);
    const aliasedFragment = `{ ...A ...B } fragment A on Query { ...B ...B ...B } fragment B on Query { ${repeat(8, (i) => `b${i}: __typename`)} }`;
    expect(check(aliasedFragment)).toEqual(['Aliases limit of 30 exceeded, found 32.']);
    expect(check(`query ($t: Boolean!) { ${repeat(51, () => '__typename @include(if: $t)')} }`)).toEqual(['Directives limit of 50 exceeded, found 51.']);
    expect(check(repeat(20, (i) => `query Q${i} { __typename }`))).toEqual([]);
    expect(check(repeat(21, (i) => `query Q${i} { __typename }`))).toEqual(['The document holds 21 operations; at most 20 are allowed']);
  });
});
