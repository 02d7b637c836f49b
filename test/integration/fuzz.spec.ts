import fc from 'fast-check';
import type { Response } from 'supertest';
import { CLIENT_METHODS } from '../../src/api/rest/methods/client.methods';
import { LIST_PARAMS } from '../../src/api/rest/list-params';
import { Database } from '../../src/kernel/db/database';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';

/**
 * Property-based: whatever a client sends as list parameters, document names or frappe.client
 * arguments, the answer is below 500, in Frappe's error shape when it is an error, and a refused
 * write leaves the database as it was. fast-check prints the seed and the shrunk input on failure.
 */

/** Text a client sends by mistake or malice: numbers JS cannot hold, JSON, SQL, odd unicode. */
const NASTY = [
  '1e20', '-1e20', '-0', 'NaN', 'Infinity', '-1', '0.5', '1.0', '0x10', ' 7 ', '99999999999999999999', '9007199254740993',
  '18446744073709551616', '-9223372036854775809', '', 'null', 'true', 'undefined', '[]', '{}', '[[]]', '[{}]', '["*"]', '[1]',
  '{"name":{"$ne":1}}', '[["name","=",{"a":1}]]', '[["name","in",[[1]]]]', '[["name","between",[1]]]', '{"__proto__":{"x":1}}',
  "' OR '1'='1", '1; DROP TABLE `tabCustomer`; --', '`tabUser`.`name`', 'name desc, (select sleep(1))', 'count(*)',
  '%', '_', '\\', '\u0000', '\u0000\u0001', '😀', '\u202e', '\ud800', '../..', 'Administrator', '__proto__', 'constructor',
  'x'.repeat(5000),
];
const text = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const jsonValue = fc.oneof(
  text,
  fc.jsonValue({ maxDepth: 4 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 4 }),
  fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
/** One query-string value: text, JSON text, or a repeated key. */
const queryValue = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) },
);

/** Mostly plausible values, hostile ones often enough. */
function mostly<T>(plausible: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
}

/**
 * Arguments: plausible values for any of the names `plausible` knows, and up to two of the
 * names (often none) hostile, so that the hostile one is what the server has to judge.
 */
function argsOf(names: string[], plausible: Record<string, fc.Arbitrary<unknown>>, hostile: fc.Arbitrary<unknown>) {
  const known = names.filter((n) => plausible[n]);
  const base = fc.record(Object.fromEntries(known.map((n) => [n, plausible[n]])), { requiredKeys: [] });
  const bad = fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 0, maxLength: 2 })
    .chain((keys) => fc.array(hostile, { minLength: keys.length, maxLength: keys.length }).map((vals) => Object.fromEntries(keys.map((k, i) => [k, vals[i]]))));
  return fc.tuple(base, bad).map(([a, b]) => ({ ...a, ...b }) as Record<string, unknown>);
}

/** A path segment; lone surrogates become U+FFFD, as any UTF-8 client would send them. */
const segment = (s: string) => encodeURIComponent(Buffer.from(s).toString());

function queryString(args: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) for (const one of Array.isArray(v) ? v : [v]) q.append(k, typeof one === 'string' ? one : JSON.stringify(one) ?? '');
  return q.toString();
}

/** Tables a write through these calls may touch. */
const TABLES = ['tabTest Order', 'tabTest Order Item', 'tabCustomer', 'tabPortal User', 'tabContact', 'tabAddress', 'tabDynamic Link', 'tabVersion'];
/** Runs per property (FUZZ_RUNS=1000 for a longer hunt); each call takes a few milliseconds. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

describe('fuzz: no 5xx and no partial write on arbitrary input', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];
  let tokens: Record<'admin' | 'portal', string>;
  const names: string[] = [];
  let snapshot = '';

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    tokens = { admin, portal: await t.token('customer1@demo.docket') };
    for (const submit of [0, 1]) {
      const res = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send({ ...order(m.customers[0], [m.items[0]]), docstatus: submit }).expect(200);
      names.push(res.body.data.name);
    }
    names.push(...m.customers.slice(0, 2));
    snapshot = await state();
  });
  afterAll(() => t.close());

  async function state(): Promise<string> {
    const pool = t.app.get(Database).pool;
    const rows: unknown[] = [];
    for (const table of TABLES) {
      const [r] = await pool.query(`SELECT COUNT(*) AS n, MAX(modified) AS m FROM \`${table}\``);
      rows.push([table, Number(r.n), String(r.m)]);
    }
    return JSON.stringify(rows);
  }

  /** The answer is a 4xx in Frappe's shape or a success; a refused call changed nothing. */
  async function judge(res: Response, what: unknown): Promise<void> {
    const where = `${res.status} for ${JSON.stringify(what).slice(0, 500)}: ${JSON.stringify(res.body).slice(0, 300)}`;
    expect({ where, server: res.status >= 500 }).toEqual({ where, server: false });
    const now = await state();
    if (res.status >= 400) {
      expect({ where, exc_type: typeof res.body?.exc_type }).toEqual({ where, exc_type: 'string' });
      expect({ where, state: now }).toEqual({ where, state: snapshot });
    }
    snapshot = now;
  }

  const user = fc.constantFrom<'admin' | 'portal'>('admin', 'portal');
  const doctype = mostly(fc.constantFrom('Test Order', 'Customer', 'Contact', 'Address'), text);
  const docName = mostly(fc.nat(3).map((i) => names[i]), fc.oneof(fc.constantFrom('', 'x', '0'), text));
  const count = fc.oneof(fc.nat(50), fc.constant(0));
  // valid on every doctype used here (Test Order, Customer, Contact, Address)
  const filters = fc.constantFrom<unknown>([['name', 'like', '%']], { docstatus: 0 }, [], [['modified', '>', '2000-01-01']], { name: ['in', ['a', 'b']] });
  const itemRow = fc.record({ item_code: mostly(fc.constant(0).map(() => m.items[0]), jsonValue), qty: mostly(fc.nat(5), jsonValue), rate: mostly(fc.nat(99), jsonValue) });
  /** A Test Order as a client would send it, some fields (often none) hostile. */
  const testOrder = fc.record(
    {
      doctype: fc.constant('Test Order'),
      name: docName,
      customer: mostly(fc.nat(1).map((i) => m.customers[i]), jsonValue),
      items: mostly(fc.array(itemRow, { minLength: 1, maxLength: 2 }), jsonValue),
      docstatus: mostly(fc.constantFrom(0, 1), jsonValue),
      transaction_date: mostly(fc.constant('2024-05-01'), jsonValue),
      discount_percentage: mostly(fc.nat(100), jsonValue),
      remarks: jsonValue,
    },
    { requiredKeys: ['doctype'] },
  );
  /** Plausible values by argument name, as a JSON body carries them. */
  const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
    doctype,
    name: docName,
    fields: fc.constantFrom<unknown>(['name'], ['name', 'owner'], ['*'], 'name', ['count(name) as n']),
    filters,
    or_filters: filters,
    order_by: fc.constantFrom('name asc', 'modified desc', 'creation'),
    group_by: fc.constantFrom('name', 'owner'),
    limit_start: count,
    start: count,
    limit_page_length: count,
    limit: count,
    page_length: count,
    as_dict: fc.boolean(),
    fieldname: fc.constantFrom<unknown>('remarks', ['name', 'modified'], { remarks: 'fuzzed' }),
    value: text,
    doc: testOrder,
  };
  /** The same, as a query string carries them (JSON text). */
  const PLAUSIBLE_QUERY = Object.fromEntries(Object.entries(PLAUSIBLE).map(([k, a]) => [k, a.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))]));

  it('list parameters on GET /api/resource/<doctype>', async () => {
    await fc.assert(
      fc.asyncProperty(user, fc.constantFrom('Test Order', 'Customer', 'Contact'), argsOf(Object.keys(LIST_PARAMS), PLAUSIBLE_QUERY, queryValue), async (who, dt, args) => {
        const res = await t.http.get(`/api/resource/${segment(dt)}?${queryString(args)}`).set('Authorization', tokens[who]);
        await judge(res, { who, dt, args });
      }),
      { numRuns: RUNS },
    );
  });

  it('document names on GET, PUT and DELETE /api/resource/<doctype>/<name>', async () => {
    const verb = fc.constantFrom<'get' | 'put' | 'delete'>('get', 'put', 'delete');
    const body = mostly(testOrder, jsonValue);
    await fc.assert(
      fc.asyncProperty(user, verb, doctype, docName, body, async (who, how, dt, name, doc) => {
        const req = t.http[how](`/api/resource/${segment(dt as string)}/${segment(name as string)}`).set('Authorization', tokens[who]);
        const res = how === 'put' ? await req.set('Content-Type', 'application/json').send(JSON.stringify(doc)) : await req;
        await judge(res, { who, how, dt, name, doc });
      }),
      { numRuns: RUNS },
    );
  });

  const METHODS = ['get_list', 'get_count', 'get', 'get_value', 'insert', 'save', 'set_value', 'submit', 'cancel', 'delete'];
  const declared = new Map(CLIENT_METHODS.map((d) => [d.path, Object.keys(d.params ?? {})]));
  /** A method and arguments for its declared parameters. */
  const call = (plausible: Record<string, fc.Arbitrary<unknown>>, hostile: fc.Arbitrary<unknown>) =>
    fc.constantFrom(...METHODS.map((m) => `frappe.client.${m}`)).chain((path) => fc.tuple(fc.constant(path), argsOf(declared.get(path)!, plausible, hostile)));

  it('frappe.client.* arguments as GET query strings', async () => {
    await fc.assert(
      fc.asyncProperty(user, call(PLAUSIBLE_QUERY, queryValue), async (who, [path, args]) => {
        const res = await t.http.get(`/api/method/${path}?${queryString(args)}`).set('Authorization', tokens[who]);
        await judge(res, { who, path, args });
      }),
      { numRuns: RUNS },
    );
  });

  it('frappe.client.* arguments as POST JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(user, call(PLAUSIBLE, jsonValue), async (who, [path, args]) => {
        const res = await t.http.post(`/api/method/${path}`).set('Authorization', tokens[who]).send(args);
        await judge(res, { who, path, args });
      }),
      { numRuns: RUNS },
    );
  });
});
