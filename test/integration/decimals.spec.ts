import fc from 'fast-check';
import { isLosslessNumber } from 'lossless-json';
import { Money } from '../../src/kernel/money/decimal';
import { parseExactJson } from '../../src/kernel/money/json';
import { flt, RoundingMethod } from '../../src/kernel/money/rounding';
import { bootFixtureSuite, FixtureSuite, order } from '../fixtures/builders';
import { TestApp } from '../harness/app';

/**
 * Exact decimals end to end, on the engine of DB_URL: request numbers keep their digits, values
 * are rounded to their precision with the System Settings method before they are stored,
 * aggregates, filters and ordering are exact, out-of-range amounts answer 417, and System
 * Settings' time zone dates what the server writes. Values are ones binary floats get wrong.
 */
describe('decimals over REST and GraphQL', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
  });
  afterAll(() => t.close());

  /** Sends JSON text as written (supertest would re-serialise an object through doubles). */
  const postText = (doctype: string, json: string) =>
    t.http.post(`/api/resource/${doctype}`).set('Authorization', admin).set('Content-Type', 'application/json').send(json);
  /** The response body with every number as its exact digits. */
  const exactBody = (text: string) => parseExactJson(text) as { data: Record<string, unknown> };
  const digits = (v: unknown) => new Money(isLosslessNumber(v) ? v.toString() : String(v)).toFixed();

  const settings = (values: Record<string, unknown>) =>
    t.http.put('/api/resource/System Settings/System Settings').set('Authorization', admin).send(values);
  const rate = async (value: string | number) => {
    const res = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[0], [m.items[0]], { items: [{ item_code: m.items[0], qty: 1, rate: value }] })).expect(200);
    return res.body.data.items[0].rate as number;
  };

  it('rounds with Frappe\'s "Banker\'s Rounding (legacy)" by default before storing', async () => {
    expect(await rate(2.675)).toBe(2.68);
    expect(await rate('2.665')).toBe(2.67);
    expect(await rate(1.005)).toBe(1.01);
    expect(await rate(-2.345)).toBe(-2.34);
    const res = await t.http
      .post('/api/resource/Test Order')
      .set('Authorization', admin)
      .send(order(m.customers[0], [m.items[0]], { items: [{ item_code: m.items[0], qty: '0.0005', rate: '19.99' }] }))
      .expect(200);
    expect(res.body.data.items[0].qty).toBe(0.001); // Float: System Settings float_precision 3
  });

  it("follows System Settings' rounding method and precision", async () => {
    try {
      for (const [method, want] of [
        ["Banker's Rounding", [2.66, -2.34]],
        ['Commercial Rounding', [2.67, -2.35]],
      ] as [RoundingMethod, number[]][]) {
        await settings({ rounding_method: method }).expect(200);
        expect([await rate('2.665'), await rate('-2.345')]).toEqual(want);
      }
      await settings({ currency_precision: '3' }).expect(200);
      expect(await rate('2.6655')).toBe(2.666);
      const bad = await settings({ rounding_method: 'Round Half Down' }).expect(417);
      expect(bad.body.exc_type).toBe('ValidationError');
    } finally {
      await settings({ rounding_method: "Banker's Rounding (legacy)", currency_precision: '' }).expect(200);
    }
    expect(await rate('2.665')).toBe(2.67);
  });

  it('keeps every digit of a JSON number, in and out (a precision-9 Currency field)', async () => {
    const res = await postText('Currency', '{"currency_name": "XD1", "smallest_currency_fraction_value": 123456789012.123456789}').expect(200);
    expect(res.text).toContain('"smallest_currency_fraction_value":123456789012.123456789');
    const got = await t.http.get('/api/resource/Currency/XD1').set('Authorization', admin).expect(200);
    expect(digits(exactBody(got.text).data.smallest_currency_fraction_value)).toBe('123456789012.123456789');
    const gql = await t.http.post('/graphql').set('Authorization', admin).send({ query: '{ currency(name: "XD1") { smallest_currency_fraction_value } }' }).expect(200);
    expect(gql.text).toContain('"smallest_currency_fraction_value":123456789012.123456789');
  });

  it('refuses an amount beyond DECIMAL(21,9) with 417 and stores nothing', async () => {
    for (const value of ['1e15', '1000000000000', '-1000000000000']) {
      const res = await postText('Currency', `{"currency_name": "XBIG", "smallest_currency_fraction_value": ${value}}`).expect(417);
      expect(res.body.exc_type).toBe('DataError');
    }
    await t.http.get('/api/resource/Currency/XBIG').set('Authorization', admin).expect(404);
    const order1e15 = await postText('Test Order', JSON.stringify(order(m.customers[0], [m.items[0]])).replace('"10.25"', '1e15')).expect(417);
    expect(order1e15.body.exc_type).toBe('DataError');
  });

  it('sums, averages, filters and orders exactly (0.1 + 0.2 = 0.3; digits a double cannot tell apart)', async () => {
    const a = '234567890.123456789';
    const b = '234567890.123456788';
    for (const [name, v] of [['XA', a], ['XB', b], ['XC', '0.1'], ['XE', '0.2']]) {
      await postText('Currency', `{"currency_name": "${name}", "smallest_currency_fraction_value": ${v}}`).expect(200);
    }
    expect(Number(a)).toBe(Number(b)); // a double holds the two as one
    const list = (params: Record<string, unknown>) =>
      t.http
        .get('/api/resource/Currency')
        .set('Authorization', admin)
        .query(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
    const small = await list({ fields: ['sum(smallest_currency_fraction_value) as total', 'max(smallest_currency_fraction_value) as top'], filters: [['name', 'in', ['XC', 'XE']]] }).expect(200);
    expect(small.body.data[0]).toEqual({ total: 0.3, top: 0.2 });

    const pair = exactBody((await list({ fields: ['sum(smallest_currency_fraction_value) as total', 'avg(smallest_currency_fraction_value) as mean', 'min(smallest_currency_fraction_value) as low'], filters: [['name', 'in', ['XA', 'XB']]] }).expect(200)).text);
    const row = (pair.data as unknown as Record<string, unknown>[])[0];
    expect(digits(row.total)).toBe('469135780.246913577');
    expect(digits(row.mean)).toBe('234567890.1234567885');
    expect(digits(row.low)).toBe(b);

    const eq = await t.http.get('/api/resource/Currency').set('Authorization', admin).query({ fields: '["name"]', filters: `[["smallest_currency_fraction_value", "=", "${a}"]]` }).expect(200);
    expect(eq.body.data).toEqual([{ name: 'XA' }]);
    const gt = await t.http
      .get('/api/resource/Currency')
      .set('Authorization', admin)
      .query({ fields: '["name"]', filters: `[["smallest_currency_fraction_value", ">", ${b}], ["name", "like", "X_"]]` })
      .expect(200);
    expect(gt.body.data).toEqual([{ name: 'XA' }]);
    const inList = await t.http.get('/api/resource/Currency').set('Authorization', admin).query({ fields: '["name"]', filters: `[["smallest_currency_fraction_value", "in", [${b}, "0.3", "0.2"]]]` }).expect(200);
    expect(inList.body.data.map((r: { name: string }) => r.name).sort()).toEqual(['XB', 'XE']);
    const between = await t.http.get('/api/resource/Currency').set('Authorization', admin).query({ fields: '["name"]', filters: `[["smallest_currency_fraction_value", "between", ["0.1", "0.15"]]]` }).expect(200);
    expect(between.body.data).toEqual([{ name: 'XC' }]);

    const ordered = await list({ fields: ['name'], filters: [['name', 'in', ['XA', 'XB', 'XC', 'XE']]], order_by: 'smallest_currency_fraction_value desc' }).expect(200);
    expect(ordered.body.data.map((r: { name: string }) => r.name)).toEqual(['XA', 'XB', 'XE', 'XC']);
    const asc = await list({ fields: ['name'], filters: [['name', 'in', ['XA', 'XB', 'XC', 'XE']]], order_by: 'smallest_currency_fraction_value asc' }).expect(200);
    expect(asc.body.data.map((r: { name: string }) => r.name)).toEqual(['XC', 'XE', 'XB', 'XA']);
  });

  it('never changes a decimal at its precision from request to storage to response (property)', async () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.bigInt({ min: 0n, max: 999_999_999n }), fc.integer({ min: 0, max: 9 }))
      .map(([neg, whole, fraction, places]) => `${neg ? '-' : ''}${whole}.${fraction.toString().padStart(9, '0').slice(0, places) || '0'}`);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(decimal, fc.boolean(), async (text, asString) => {
        const name = `XP${n++}`;
        const value = asString ? JSON.stringify(text) : text;
        const post = await postText('Currency', `{"currency_name": "${name}", "smallest_currency_fraction_value": ${value}}`);
        const expected = flt(text, 9).toFixed();
        if (new Money(expected).abs().gte('1e12')) return post.status === 417;
        const got = await t.http.get(`/api/resource/Currency/${name}`).set('Authorization', admin).expect(200);
        return post.status === 200 && digits(exactBody(post.text).data.smallest_currency_fraction_value) === expected && digits(exactBody(got.text).data.smallest_currency_fraction_value) === expected;
      }),
      { numRuns: 40 },
    );
    // and at a Currency field's default precision (2), through a child row
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: -99_999_999_999_999n, max: 99_999_999_999_999n }), async (cents) => {
        const text = new Money(cents.toString()).div(1000).toFixed();
        const got = exactBody((await postText('Test Order', JSON.stringify(order(m.customers[0], [m.items[0]])).replace('"10.25"', text)).expect(200)).text);
        const row = (got.data.items as Record<string, unknown>[])[0];
        return digits(row.rate) === flt(text, 2).toFixed();
      }),
      { numRuns: 25 },
    );
  });

  it("dates what the server writes in System Settings' time zone", async () => {
    try {
      await settings({ time_zone: 'Asia/Kolkata' }).expect(200);
      const kolkata = () => new Date(Date.now() + 5.5 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
      const before = kolkata();
      const res = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[0], [m.items[0]])).expect(200);
      const after = kolkata();
      const created = String(res.body.data.creation).slice(0, 19);
      expect(created >= before && created <= after).toBe(true);
      expect(res.body.data.transaction_date).toBe(after.slice(0, 10)); // default "Today"
      const bad = await settings({ time_zone: 'Mars/Olympus' }).expect(417);
      expect(bad.body.exc_type).toBe('ValidationError');
    } finally {
      await settings({ time_zone: 'UTC' }).expect(200);
    }
    const utc = new Date().toISOString().slice(0, 10);
    const res = await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[0], [m.items[0]])).expect(200);
    expect(res.body.data.transaction_date).toBe(utc);
  });

  it('keeps one System Settings record: no second one, no delete', async () => {
    const again = await t.http.post('/api/resource/System Settings').set('Authorization', admin).send({ time_zone: 'UTC' }).expect(409);
    expect(again.body.exc_type).toBe('DuplicateEntryError');
    const del = await t.http.delete('/api/resource/System Settings/System Settings').set('Authorization', admin).expect(417);
    expect(del.body.exc_type).toBe('ValidationError');
  });
});
