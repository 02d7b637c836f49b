import { Database } from '../../src/kernel/db/database';
import { demoMasters, order } from '../fixtures/builders';
import { bootWithFixtures, TestApp } from '../harness/app';

interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; http_status?: number };
}
interface GqlBody {
  data?: Record<string, any> | null;
  errors?: GqlError[];
}
type Row = Record<string, any>;

describe('GraphQL API (/graphql)', () => {
  let t: TestApp;
  let admin: string;
  let m: Awaited<ReturnType<typeof demoMasters>>;
  /** Test Orders of the first demo customer, in creation order */
  const firstOrders: string[] = [];
  let otherOrder: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}, auth?: string, status = 200): Promise<GqlBody> => {
    const req = t.http.post('/graphql').send({ query, variables });
    const res = await (auth ? req.set('Authorization', auth) : req).expect('Content-Type', /json/);
    expect(res.status).toBe(status);
    return res.body as GqlBody;
  };

  const restDoc = async (doctype: string, name: string): Promise<Row> =>
    (await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).expect(200)).body.data;

  const insert = async (customer: string, items: string[]): Promise<string> =>
    (await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(customer, items)).expect(200)).body.data.name;

  beforeAll(async () => {
    t = await bootWithFixtures();
    admin = await t.token('Administrator');
    m = await demoMasters(t);
    for (let i = 0; i < 5; i++) firstOrders.push(await insert(m.customers[0], m.items.slice(0, 2)));
    otherOrder = await insert(m.customers[1], [m.items[0]]);
  });
  afterAll(() => t.close());

  it('answers `me` for a token user and for Guest', async () => {
    const mine = await gql('{ me { name full_name user_type roles } }', {}, admin);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me).toMatchObject({ name: 'Administrator', user_type: 'System User' });
    expect(mine.data!.me.roles).toContain('System Manager');
    const guest = await gql('{ me { name user_type roles } }');
    expect(guest.data!.me).toEqual({ name: 'Guest', user_type: 'Website User', roles: ['Guest'] });
  });

  it('lists with Frappe filters, order_by and cursor pagination', async () => {
    const query = `query ($filters: JSON, $after: String) {
      testOrders(filters: $filters, order_by: "name asc", limit: 2, after: $after) {
        items { name customer docstatus grand_total }
        page_info { has_next_page end_cursor }
      }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const body = await gql(query, { filters: [['customer', '=', m.customers[0]]], after }, admin);
      expect(body.errors).toBeUndefined();
      const conn = body.data!.testOrders;
      expect(conn.items.length).toBeLessThanOrEqual(2);
      for (const row of conn.items) expect(row).toMatchObject({ customer: m.customers[0], docstatus: 0 });
      seen.push(...conn.items.map((r: Row) => r.name));
      if (!conn.page_info.has_next_page) break;
      after = conn.page_info.end_cursor;
    }
    const rest = await t.http
      .get('/api/resource/Test Order')
      .query({ filters: JSON.stringify({ customer: m.customers[0] }), order_by: 'name asc', limit_page_length: 100 })
      .set('Authorization', admin)
      .expect(200);
    expect(seen).toEqual(rest.body.data.map((r: Row) => r.name));
    expect(seen).toEqual(expect.arrayContaining(firstOrders));
    expect(seen).not.toContain(otherOrder);

    // dict filters inline, offset, and a validation error from the kernel
    const dict = await gql(`{ testOrders(filters: { customer: "${m.customers[1]}" }, offset: 0) { items { name } } }`, {}, admin);
    expect(dict.data!.testOrders.items.map((r: Row) => r.name)).toEqual([otherOrder]);
    const bad = await gql('{ testOrders(filters: [["no_such_field", "=", 1]]) { items { name } } }', {}, admin);
    expect(bad.data!.testOrders).toBeNull();
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'DataError', http_status: 417 } });
    expect(bad.errors![0].message).toMatch(/no_such_field/);
    const both = await gql(`{ testOrders(offset: 1, after: "b2Zmc2V0OjA=") { items { name } } }`, {}, admin);
    expect(both.errors![0].message).toMatch(/either offset or after/);
  });

  it('gets one document by name with its child table, numbers at field precision', async () => {
    const name = firstOrders[0];
    const body = await gql(
      `query ($name: String!) { testOrder(name: $name) { name customer grand_total total_qty items { idx item_code qty rate amount parent } } }`,
      { name },
      admin,
    );
    expect(body.errors).toBeUndefined();
    const rest = await restDoc('Test Order', name);
    const doc = body.data!.testOrder;
    expect(doc).toMatchObject({ name, customer: rest.customer, grand_total: rest.grand_total, total_qty: rest.total_qty });
    expect(doc.items).toEqual(
      rest.items.map((r: Row) => ({ idx: r.idx, item_code: r.item_code, qty: r.qty, rate: r.rate, amount: r.amount, parent: name })),
    );
    expect(doc.items[0].rate).toBe(10.25);
    const missing = await gql('{ testOrder(name: "TST-NOPE") { name } }', {}, admin);
    expect(missing.data!.testOrder).toBeNull();
    expect(missing.errors![0].extensions).toEqual({ code: 'DoesNotExistError', http_status: 404 });
  });

  it('resolves Link `_doc` fields (batched) and child tables of listed documents', async () => {
    const body = await gql(
      `{ testOrders(order_by: "name asc", limit: 50) {
          items { name customer customer_doc { name customer_name } items { item_code item_code_doc { name } } }
        } }`,
      {},
      admin,
    );
    expect(body.errors).toBeUndefined();
    const items: Row[] = body.data!.testOrders.items;
    expect(items.length).toBe(firstOrders.length + 1);
    const names = new Map<string, string>();
    for (const c of m.customers.slice(0, 2)) names.set(c, (await restDoc('Customer', c)).customer_name);
    for (const row of items) {
      expect(row.customer_doc).toEqual({ name: row.customer, customer_name: names.get(row.customer) });
      expect(row.items.length).toBeGreaterThan(0);
      for (const line of row.items) expect(line.item_code_doc).toEqual({ name: line.item_code });
    }
  });

  describe('a Customer (website) user', () => {
    let token: string;
    let own: string;
    let mine: string;
    let theirs: string;

    beforeAll(async () => {
      const portal = 'customer1@demo.docket';
      own = (await t.app.get(Database).pool.query('SELECT parent FROM `tabPortal User` WHERE user = ?', [portal]))[0].parent as string;
      const other = m.customers.find((c) => c !== own)!;
      mine = await insert(own, [m.items[0]]);
      theirs = await insert(other, [m.items[0]]);
      token = await t.token(portal);
    });

    it('lists only its own Customer and its documents', async () => {
      const body = await gql('{ testOrders(limit: 500) { items { name customer } } customers { items { name } } }', {}, token);
      expect(body.errors).toBeUndefined();
      const orders: Row[] = body.data!.testOrders.items;
      expect(orders.map((r) => r.name)).toContain(mine);
      expect(orders.every((r) => r.customer === own)).toBe(true);
      expect(body.data!.customers.items).toEqual([{ name: own }]);
    });

    it("gets its own document, and is refused another customer's", async () => {
      const ok = await gql('query ($n: String!) { testOrder(name: $n) { name customer_doc { name } } }', { n: mine }, token);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.testOrder).toEqual({ name: mine, customer_doc: { name: own } });
      const denied = await gql('query ($n: String!) { testOrder(name: $n) { name } }', { n: theirs }, token);
      expect(denied.data!.testOrder).toBeNull();
      expect(['PermissionError', 'DoesNotExistError']).toContain(denied.errors![0].extensions!.code);
    });

    it('may not create documents through the generic mutations', async () => {
      const body = await gql('mutation ($doc: JSON!) { insertDoc(doctype: "Test Order", doc: $doc) }', { doc: order(own, [m.items[0]]) }, token);
      expect(body.data!.insertDoc).toBeNull();
      expect(body.errors![0].extensions).toEqual({ code: 'PermissionError', http_status: 403 });
    });
  });

  it('runs the document lifecycle through the generic mutations', async () => {
    const created = await gql('mutation ($doc: JSON!) { insertDoc(doctype: "Test Order", doc: $doc) }', { doc: order(m.customers[0], [m.items[0]]) }, admin);
    expect(created.errors).toBeUndefined();
    const name: string = created.data!.insertDoc.name;
    expect(created.data!.insertDoc).toMatchObject({ doctype: 'Test Order', docstatus: 0, grand_total: 10.25 });
    const updated = await gql('mutation ($n: String!) { updateDoc(doctype: "Test Order", name: $n, doc: { remarks: "via graphql" }) }', { n: name }, admin);
    expect(updated.data!.updateDoc.remarks).toBe('via graphql');
    const submitted = await gql('mutation ($n: String!) { submitDoc(doctype: "Test Order", name: $n) }', { n: name }, admin);
    expect(submitted.data!.submitDoc).toMatchObject({ docstatus: 1, status: 'Open' });
    const deleteSubmitted = await gql('mutation ($n: String!) { deleteDoc(doctype: "Test Order", name: $n) }', { n: name }, admin);
    expect(deleteSubmitted.data!.deleteDoc).toBeNull();
    expect(deleteSubmitted.errors![0].extensions!.http_status).toBeGreaterThanOrEqual(400);
    const cancelled = await gql('mutation ($n: String!) { cancelDoc(doctype: "Test Order", name: $n) }', { n: name }, admin);
    expect(cancelled.data!.cancelDoc).toMatchObject({ docstatus: 2 });
    const deleted = await gql('mutation ($n: String!) { deleteDoc(doctype: "Test Order", name: $n) }', { n: name }, admin);
    expect(deleted).toEqual({ data: { deleteDoc: true } });
    await t.http.get(`/api/resource/Test Order/${name}`).set('Authorization', admin).expect(404);
    const notObject = await gql('mutation { insertDoc(doctype: "Test Order", doc: [1, 2]) }', {}, admin);
    expect(notObject.errors![0].extensions!.code).toBe('DataError');
  });

  it('rejects queries nested deeper than the depth limit', async () => {
    let nested = 'name';
    for (let i = 0; i < 9; i++) nested = `customer_doc { name } amended_from_doc { ${nested} }`;
    const body = await gql(`{ testOrder(name: "${firstOrders[0]}") { ${nested} } }`, {}, admin, 400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0].message).toMatch(/^Query depth limit of 8 exceeded, found 11\.$/);
    expect(body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an unauthenticated query on a non-public doctype', async () => {
    const body = await gql('{ testOrders { items { name } } }');
    expect(body.data!.testOrders).toBeNull();
    expect(body.errors![0].extensions).toEqual({ code: 'PermissionError', http_status: 403 });
    const one = await gql(`{ testOrder(name: "${firstOrders[0]}") { name } }`);
    expect(one.data!.testOrder).toBeNull();
    expect(one.errors![0].extensions!.code).toBe('PermissionError');
  });

  it('serves introspection', async () => {
    const body = await gql('{ __schema { queryType { name } mutationType { name } } __type(name: "TestOrder") { fields { name } } }');
    expect(body.data!.__schema).toEqual({ queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } });
    expect(body.data!.__type.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['customer', 'customer_doc', 'items']));
  });
});
