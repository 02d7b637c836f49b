import { demoMasters, order } from '../fixtures/builders';
import { bootApp, bootWithFixtures, TestApp } from '../harness/app';

interface GqlBody {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const repeat = (n: number, part: (i: number) => string) => Array.from({ length: n }, (_, i) => part(i)).join(' ');
const PORTAL_USER = 'customer1@demo.docket';

/** GraphQL over HTTP against one app: the response and its round-trip time */
function client(t: TestApp) {
  return async (query: string, auth?: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: GqlBody; ms: number }> => {
    const req = t.http.post('/graphql').send({ query, variables });
    const started = performance.now();
    const res = await (auth ? req.set('Authorization', auth) : req);
    return { status: res.status, body: res.body as GqlBody, ms: performance.now() - started };
  };
}

describe('GraphQL document limits', () => {
  let t: TestApp;
  let gql: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await bootWithFixtures({ NODE_ENV: 'production' });
    gql = client(t);
  });
  afterAll(() => t.close());

  /**
   * Sends a hostile document as Guest a few times: each answer must be a GraphQL error, and the
   * fastest under 100 ms (the best of five absorbs a busy CI machine; the documents these limits
   * refuse took seconds to minutes before).
   */
  const refusedQuickly = async (query: string): Promise<GqlBody> => {
    const times: number[] = [];
    let last: GqlBody = {};
    for (let i = 0; i < 5; i++) {
      const { status, body, ms } = await gql(`${query}\n# try ${i}`);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.length).toBeGreaterThan(0);
      times.push(ms);
      last = body;
    }
    expect(Math.min(...times)).toBeLessThan(100);
    return last;
  };

  it('refuses fragment fan-out 30 levels deep (2^30 copies of __typename once expanded)', async () => {
    const fanOut = `query { ...F0 } ${repeat(30, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)} fragment F30 on Query { __typename }`;
    expect(fanOut.length).toBeLessThan(2000);
    const body = await refusedQuickly(fanOut);
    expect(body.errors![0]).toMatchObject({
      message: 'The operation selects more than 5000 fields once its fragments are expanded',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'selections', max: 5000 },
    });
  });

  it('refuses 3,000 aliases and 2,000 operations while parsing, and smaller excesses at validation', async () => {
    const aliases = await refusedQuickly(`{ ${repeat(3000, (i) => `a${i}: __typename`)} }`);
    expect(aliases.errors![0]).toMatchObject({ message: expect.stringMatching(/Document contains more tha[nt] 1000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const operations = await refusedQuickly(repeat(2000, (i) => `query Q${i} { __typename }`));
    expect(operations.errors![0]).toMatchObject({ message: expect.stringMatching(/Document contains more tha[nt] 1000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });

    const fewAliases = await refusedQuickly(`{ ${repeat(31, (i) => `a${i}: __typename`)} }`);
    expect(fewAliases.errors![0]).toMatchObject({ message: 'Aliases limit of 30 exceeded, found 31.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' } });
    const fewOperations = await refusedQuickly(repeat(21, (i) => `query Q${i} { __typename }`));
    expect(fewOperations.errors![0]).toMatchObject({
      message: 'The document holds 21 operations; at most 20 are allowed',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'operations', max: 20 },
    });
  });

  it('still answers an ordinary storefront session: me, items with links and child tables, own orders, a mutation', async () => {
    const admin = await t.token('Administrator');
    const m = await demoMasters(t);
    const portal = await t.token(PORTAL_USER);
    const own = (await gql('{ customers { items { name } } }', portal)).body.data!.customers.items[0].name as string;
    const created = await gql('mutation ($doc: JSON!) { insertDoc(doctype: "Test Order", doc: $doc) }', admin, { doc: order(own, m.items.slice(0, 2)) });
    expect(created.body.errors).toBeUndefined();
    const orderName = created.body.data!.insertDoc.name as string;

    const storefront = `query Storefront {
      me { name full_name roles }
      products(first: 50) {
        items { ...Card variants { item_code attributes price { rate } in_stock } }
        total_count
        page_info { has_next_page end_cursor }
      }
      productFacets { brands { value count } item_groups { value count } }
      testOrders(limit: 20) { items { name grand_total customer_doc { name customer_name } items { item_code qty } } }
    }
    fragment Card on Product { item_code web_item_name route item_group price { min { rate price_list_rate } max_rate } in_stock attributes { attribute values } }`;
    const { status, body } = await gql(storefront, portal);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data!.me.name).toBe(PORTAL_USER);
    const products = body.data!.products.items as Record<string, any>[];
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect(p.variants.length).toBeGreaterThan(0);
    expect(body.data!.products.total_count).toBeGreaterThanOrEqual(products.length);
    const orders = body.data!.testOrders.items as Record<string, any>[];
    const mine = orders.find((o) => o.name === orderName);
    expect(mine).toMatchObject({ customer_doc: { name: own } });
    expect(mine!.items.map((r: { item_code: string }) => r.item_code)).toEqual(m.items.slice(0, 2));
    // The Item master stays closed to a website user, also through a Link's _doc companion.
    const closed = await gql('{ testOrders(limit: 1) { items { items { item_code_doc { name } } } } }', portal);
    expect(closed.body.errors?.[0]).toMatchObject({ message: 'No permission to read Item' });
  });
});

describe('GraphQL introspection in production', () => {
  const SCHEMA = '{ __schema { queryType { name } } }';
  const TYPE = 'query { ...T } fragment T on Query { __type(name: "Item") { name } }';

  describe('by default', () => {
    let t: TestApp;
    let gql: ReturnType<typeof client>;

    beforeAll(async () => {
      t = await bootApp({ NODE_ENV: 'production' });
      gql = client(t);
    });
    afterAll(() => t.close());

    it('runs with Guest introspection off', () => {
      expect(t.config.env).toBe('production');
      expect(t.config.security.guestIntrospection).toBe(false);
    });

    it('refuses __schema and __type to Guest with a GraphQL error, but answers __typename', async () => {
      for (const [query, field] of [
        [SCHEMA, '__schema'],
        [TYPE, '__type'],
      ]) {
        const { status, body } = await gql(query);
        expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: `Schema introspection (${field}) is not available to Guest; log in to introspect`,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ]);
      }
      const typename = await gql('{ __typename me { __typename name } }');
      expect(typename.body).toEqual({ data: { __typename: 'Query', me: { __typename: 'Me', name: 'Guest' } } });
    });

    it('lets any logged-in caller introspect, a website user too', async () => {
      for (const user of ['Administrator', PORTAL_USER]) {
        const auth = await t.token(user);
        const schema = await gql(SCHEMA, auth);
        expect(schema.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
        const type = await gql(TYPE, auth);
        expect(type.body).toEqual({ data: { __type: { name: 'Item' } } });
      }
    });

    it('hides field-name suggestions from Guest only', async () => {
      const typo = '{ itmes { items { name } } }';
      const guest = await gql(typo);
      expect(guest.status).toBe(400);
      expect(guest.body.errors![0].message).toBe('Cannot query field "itmes" on type "Query". [Suggestion hidden]?');
      const admin = await gql(typo, await t.token('Administrator'));
      expect(admin.body.errors![0].message).toMatch(/Cannot query field "itmes" on type "Query"\. Did you mean "items"/);
    });
  });

  describe('with GRAPHQL_INTROSPECTION=1', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '1' });
    });
    afterAll(() => t.close());

    it('lets Guest introspect', async () => {
      expect(t.config.env).toBe('production');
      const { body } = await client(t)(`${SCHEMA.slice(0, -1)} __type(name: "Item") { name } }`);
      expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } }, __type: { name: 'Item' } } });
    });
  });
});
