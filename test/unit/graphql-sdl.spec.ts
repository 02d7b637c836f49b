import { buildSchema, GraphQLObjectType, GraphQLSchema, parse, printType, validate } from 'graphql';
import { buildSdl } from '../../src/api/graphql/sdl';
import { decodeCursor, encodeCursor, pageWindow } from '../../src/api/graphql/pagination';
import { fieldNameOf, pluralOf, typeNameOf } from '../../src/api/graphql/schema-model';
import { costLimitRule, depthLimitRule } from '../../src/api/graphql/validation-rules';
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

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType {
  const t = schema.getType(name);
  if (!(t instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
  return t;
}

function fieldTypes(schema: GraphQLSchema, name: string): Record<string, string> {
  return Object.fromEntries(Object.values(objectType(schema, name).getFields()).map((f) => [f.name, String(f.type)]));
}

describe('buildSdl', () => {
  const sdl = buildSdl(registry());
  const schema = buildSchema(sdl);

  it('is valid SDL and deterministic whatever the registry order', () => {
    expect(sdl).toBe(buildSdl(new MetaRegistry([SalesOrder, Unused, Customer, SalesOrderItem])));
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
      total_qty: 'Float',
      grand_total: 'Float',
      per_billed: 'Float',
      payload: 'JSON',
      party: 'String',
      amended_from: 'String',
    });
    expect(fieldTypes(schema, 'Customer')).toMatchObject({ customer_name: 'String', disabled: 'Boolean' });
    expect(objectType(schema, 'SalesOrder').description).toBe('DocType Sales Order. An order from a customer');
  });

  it('nests child doctypes under their Table field and leaves unreferenced child doctypes out', () => {
    expect(fieldTypes(schema, 'SalesOrder').items).toBe('[SalesOrderItem!]');
    expect(fieldTypes(schema, 'SalesOrderItem')).toMatchObject({ parent: 'String', parentfield: 'String', qty: 'Float', idx_hint: 'Int' });
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
    expect(() => buildSdl(new MetaRegistry([...registry().all().map((m) => m.def), clash]))).toThrow(/share the type name "SalesOrder"/);
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
  const schema = buildSchema(buildSdl(registry()));
  const rules = [depthLimitRule(8), costLimitRule({ max: 5000, defaultLimit: 20, maxLimit: 500, tableRows: 10 })];
  const check = (query: string) => validate(schema, parse(query), rules).map((e) => e.message);

  it('accepts ordinary queries and introspection', () => {
    expect(check('{ salesOrders(limit: 50) { items { name customer_doc { customer_name } items { qty } } page_info { end_cursor } } }')).toEqual([]);
    expect(check('{ __schema { types { name fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }')).toEqual([]);
  });

  it('rejects selections nested deeper than 8, through fragments too', () => {
    const deep = '{ salesOrder(name: "x") { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { name } } } } } } } } } }';
    expect(check(deep)).toEqual(['The query nests 10 levels deep; at most 8 are allowed']);
    const viaFragment = `{ salesOrder(name: "x") { ...A } } fragment A on SalesOrder { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { amended_from_doc { name } } } } } } } }`;
    expect(check(viaFragment)).toEqual(['The query nests 9 levels deep; at most 8 are allowed']);
  });

  it('rejects lists whose size times nesting exceeds the cost limit', () => {
    // 1 connection + 500 orders + 500 customers + 5000 item rows
    const [msg] = check('{ salesOrders(limit: 500) { items { customer_doc { name } items { qty } } } }');
    expect(msg).toMatch(/about 6001 objects; at most 5000/);
    // a variable limit counts as the page-size cap unless it has a default
    expect(check('query ($n: Int = 10) { salesOrders(limit: $n) { items { customer_doc { name } items { ordered_by_doc { name } } } } }')).toEqual([]);
    expect(check('query ($n: Int) { salesOrders(limit: $n) { items { customer_doc { name } items { ordered_by_doc { name } } } } }')).toHaveLength(1);
  });
});
