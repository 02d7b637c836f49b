import Decimal from 'decimal.js';
import { bootApp, demoUserEmail, onMariaDb, TestApp } from '../harness/app';
import { today } from '../../src/kernel/time/clock';

/** The stock ledger through Stock Entry and Stock Reconciliation: valuation, Bins, negative stock, backdating, cancel. */
describe('stock ledger', () => {
  let t: TestApp;
  let admin: string;
  const CO = 'Docket Demo';
  const STORES = 'Stores - DD';
  const FG = 'Finished Goods - DD';
  let seq = 0;

  const entry = (auth: string, body: Record<string, unknown>) => t.http.post('/api/resource/Stock Entry').set('Authorization', auth).send({ company: CO, docstatus: 1, ...body });
  const receipt = (item: string, qty: number | string, rate: number | string | null, extra: Record<string, unknown> = {}, auth = admin) =>
    entry(auth, { stock_entry_type: 'Material Receipt', items: [{ item_code: item, qty, t_warehouse: STORES, ...(rate === null ? {} : { basic_rate: rate }) }], ...extra });
  const issue = (item: string, qty: number | string, extra: Record<string, unknown> = {}, auth = admin) =>
    entry(auth, { stock_entry_type: 'Material Issue', items: [{ item_code: item, qty, s_warehouse: STORES }], ...extra });
  const bin = async (item: string, warehouse = STORES) => {
    const res = await t.http.get('/api/resource/Bin').query({ filters: JSON.stringify({ item_code: item, warehouse }), fields: JSON.stringify(['*']) }).set('Authorization', admin).expect(200);
    return res.body.data[0];
  };
  const sles = async (item: string, warehouse = STORES) =>
    (
      await t.http
        .get('/api/resource/Stock Ledger Entry')
        .query({ filters: JSON.stringify({ item_code: item, warehouse, is_cancelled: 0 }), fields: JSON.stringify(['*']), order_by: 'posting_datetime asc', limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data;
  /** A new stock item (no valuation yet) with the given valuation method. */
  const newItem = async (method: 'FIFO' | 'Moving Average' = 'FIFO', extra: Record<string, unknown> = {}) => {
    const code = `STK-${process.pid}-${++seq}`;
    await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: code, item_group: 'Products', stock_uom: 'Nos', valuation_method: method, ...extra }).expect(200);
    return code;
  };
  const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('a receipt writes one submitted SLE and the Bin (FIFO queue, value, projected qty)', async () => {
    const item = await newItem();
    const res = await receipt(item, 10, '12.5');
    expect(res.status).toBe(200);
    expect(res.body.data.docstatus).toBe(1);
    expect(res.body.data.name).toMatch(/^MAT-STE-\d{4}-\d{5}$/);
    expect(res.body.data.total_incoming_value).toBe(125);
    const [sle] = await sles(item);
    expect(sle).toMatchObject({ docstatus: 1, actual_qty: 10, qty_after_transaction: 10, incoming_rate: 12.5, valuation_rate: 12.5, stock_value: 125, stock_value_difference: 125, voucher_type: 'Stock Entry', voucher_no: res.body.data.name, company: CO, is_cancelled: 0 });
    expect(JSON.parse(sle.stock_queue)).toEqual([[10, 12.5]]);
    expect(await bin(item)).toMatchObject({ actual_qty: 10, projected_qty: 10, valuation_rate: 12.5, stock_value: 125, stock_uom: 'Nos' });
  });

  it('FIFO: an issue consumes the oldest layers first (follows erpnext test_stock_entry.py test_fifo)', async () => {
    const item = await newItem('FIFO');
    await receipt(item, 10, 10).expect(200);
    await receipt(item, 10, 20).expect(200);
    const out = await issue(item, 15);
    expect(out.status).toBe(200);
    // 10 x 10 + 5 x 20 = 200 out, at 13.333333333 a unit
    expect(out.body.data.items[0].basic_rate).toBe(13.333333333);
    expect(out.body.data.total_outgoing_value).toBe(200);
    const last = (await sles(item)).pop();
    expect(last).toMatchObject({ actual_qty: -15, qty_after_transaction: 5, stock_value: 100, stock_value_difference: -200, valuation_rate: 20 });
    expect(JSON.parse(last.stock_queue)).toEqual([[5, 20]]);
  });

  it('Moving Average: receipts average the rate, issues leave at it', async () => {
    const item = await newItem('Moving Average');
    await receipt(item, 10, 10).expect(200);
    await receipt(item, 5, 16).expect(200);
    await issue(item, 3).expect(200);
    expect(await bin(item)).toMatchObject({ actual_qty: 12, valuation_rate: 12, stock_value: 144 });
  });

  it('a transfer moves qty and value between warehouses at the issue rate', async () => {
    const item = await newItem();
    await receipt(item, 4, 7.25).expect(200);
    const res = await entry(admin, { stock_entry_type: 'Material Transfer', items: [{ item_code: item, qty: 3, s_warehouse: STORES, t_warehouse: FG }] });
    expect(res.status).toBe(200);
    expect(await bin(item)).toMatchObject({ actual_qty: 1, stock_value: 7.25 });
    expect(await bin(item, FG)).toMatchObject({ actual_qty: 3, stock_value: 21.75, valuation_rate: 7.25 });
  });

  it('refuses to oversell with 417, naming item, warehouse, needed and available, and writes nothing', async () => {
    const item = await newItem();
    await receipt(item, 2, 5).expect(200);
    const before = (await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Stock Entry' }).set('Authorization', admin)).body.message;
    const res = await issue(item, 3);
    expect(res.status).toBe(417);
    expect(res.body.exc_type).toBe('NegativeStockError');
    expect(res.body.exception).toContain(`3 units of Item ${item} needed in Warehouse ${STORES}`);
    expect(res.body.exception).toContain('2 available');
    expect((await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Stock Entry' }).set('Authorization', admin)).body.message).toBe(before);
    expect(await sles(item)).toHaveLength(1);
    expect((await bin(item)).actual_qty).toBe(2);
  });

  it('a backdated receipt revalues later issues in posting order (FIFO)', async () => {
    const item = await newItem('FIFO');
    await receipt(item, 5, 10, { set_posting_time: 1, posting_date: daysAgo(3), posting_time: '10:00:00' }).expect(200);
    await issue(item, 5, { set_posting_time: 1, posting_date: daysAgo(1), posting_time: '10:00:00' }).expect(200);
    // a cheaper receipt before both: FIFO now issues it... no, FIFO issues the oldest layer, which is now the backdated one
    await receipt(item, 5, 4, { set_posting_time: 1, posting_date: daysAgo(5), posting_time: '10:00:00' }).expect(200);
    const rows = await sles(item);
    expect(rows.map((r: any) => [r.actual_qty, r.qty_after_transaction, r.stock_value])).toEqual([
      [5, 5, 20],
      [5, 10, 70],
      [-5, 5, 50],
    ]);
    expect(await bin(item)).toMatchObject({ actual_qty: 5, stock_value: 50, valuation_rate: 10 });
  });

  it('refuses a backdated issue that would make a later balance negative', async () => {
    const item = await newItem();
    await receipt(item, 3, 2, { set_posting_time: 1, posting_date: daysAgo(4), posting_time: '09:00:00' }).expect(200);
    await issue(item, 3, { set_posting_time: 1, posting_date: daysAgo(1), posting_time: '09:00:00' }).expect(200);
    const res = await issue(item, 1, { set_posting_time: 1, posting_date: daysAgo(2), posting_time: '09:00:00' });
    expect(res.status).toBe(417);
    expect(res.body.exc_type).toBe('NegativeStockError');
  });

  it('cancel marks the SLEs cancelled and reverses the Bin; a cancel that would go negative is refused', async () => {
    const item = await newItem();
    const r1 = (await receipt(item, 6, 3).expect(200)).body.data.name;
    const r2 = (await receipt(item, 4, 5).expect(200)).body.data.name;
    await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Stock Entry', name: r2 }).expect(200);
    expect(await bin(item)).toMatchObject({ actual_qty: 6, stock_value: 18 });
    const all = (await t.http.get('/api/resource/Stock Ledger Entry').query({ filters: JSON.stringify({ voucher_no: r2 }), fields: JSON.stringify(['is_cancelled']) }).set('Authorization', admin)).body.data;
    expect(all).toEqual([{ is_cancelled: 1 }]);
    await issue(item, 5).expect(200);
    const res = await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Stock Entry', name: r1 });
    expect(res.status).toBe(417);
    expect(res.body.exc_type).toBe('NegativeStockError');
    expect(await bin(item)).toMatchObject({ actual_qty: 1 });
  });

  it('a Stock Reconciliation sets qty and rate; only a Stock Manager submits it', async () => {
    const item = await newItem();
    await receipt(item, 2, 3).expect(200);
    const body = { company: CO, docstatus: 1, items: [{ item_code: item, warehouse: STORES, qty: 5, valuation_rate: 7 }] };
    const denied = await t.http.post('/api/resource/Stock Reconciliation').set('Authorization', await t.token(demoUserEmail('Stock User'))).send(body);
    expect(denied.status).toBe(403);
    const res = await t.http.post('/api/resource/Stock Reconciliation').set('Authorization', await t.token(demoUserEmail('Stock Manager'))).send(body);
    expect(res.status).toBe(200);
    expect(res.body.data.items[0]).toMatchObject({ current_qty: 2, current_valuation_rate: 3, quantity_difference: 3, amount_difference: 29 });
    expect(await bin(item)).toMatchObject({ actual_qty: 5, valuation_rate: 7, stock_value: 35 });
    await issue(item, 1).expect(200);
    expect(await bin(item)).toMatchObject({ actual_qty: 4, stock_value: 28 });
  });

  it('a Stock User posts for today but not backdated', async () => {
    const item = await newItem();
    const user = await t.token(demoUserEmail('Stock User'));
    await receipt(item, 1, 1, {}, user).expect(200);
    const res = await receipt(item, 1, 1, { set_posting_time: 1, posting_date: daysAgo(2) }, user);
    expect(res.status).toBe(403);
    expect(res.body.exception).toContain('Backdated entries require approval.');
    expect((await receipt(item, 1, 1, { set_posting_time: 1, posting_date: daysAgo(2) }, await t.token(demoUserEmail('Stock Manager')))).status).toBe(200);
  });

  it.each([
    ['a zero quantity', async () => receipt(await newItem(), 0, 1), 'Quantity must be greater than 0'],
    ['a negative quantity', async () => receipt(await newItem(), -1, 1), 'Quantity must be greater than 0'],
    ['a non-stock item', async () => receipt('GIFT-WRAP', 1, 1), 'is not a stock Item'],
    ['a disabled item', async () => receipt(await newItem('FIFO', { disabled: 1 }), 1, 1), 'is disabled'],
    ['a group warehouse', async () => entry(admin, { stock_entry_type: 'Material Receipt', items: [{ item_code: 'MUG-CER', qty: 1, basic_rate: 1, t_warehouse: 'All Warehouses - DD' }] }), 'Group node warehouse'],
    ['the same source and target', async () => entry(admin, { stock_entry_type: 'Material Transfer', items: [{ item_code: 'MUG-CER', qty: 1, s_warehouse: STORES, t_warehouse: STORES }] }), 'Source and target warehouse cannot be same'],
    ['a receipt without a rate for an item with no valuation', async () => receipt(await newItem(), 1, null), 'Valuation Rate for the Item'],
    ['a future posting date', async () => receipt(await newItem(), 1, 1, { set_posting_time: 1, posting_date: '2999-01-01' }), 'Posting future stock transactions'],
  ])('refuses %s with 417 and writes nothing', async (_what, send, message) => {
    const res = await send();
    expect(res.status).toBe(417);
    expect(res.body.exception).toContain(message);
  });

  it('refuses a warehouse of another company', async () => {
    await t.http.post('/api/resource/Company').set('Authorization', admin).send({ company_name: 'Other Co', abbr: 'OC', default_currency: 'USD', country: 'United States' }).expect(200);
    await t.http.post('/api/resource/Warehouse').set('Authorization', admin).send({ warehouse_name: 'Other Stores', company: 'Other Co' }).expect(200);
    const res = await entry(admin, { stock_entry_type: 'Material Receipt', items: [{ item_code: 'MUG-CER', qty: 1, basic_rate: 1, t_warehouse: 'Other Stores - OC' }] });
    expect(res.status).toBe(417);
  });

  it('Bins and SLEs cannot be edited or deleted through the API, and a Customer cannot read them', async () => {
    const item = await newItem();
    await receipt(item, 1, 1).expect(200);
    const b = await bin(item);
    const [sle] = await sles(item);
    for (const [doctype, name] of [['Bin', b.name], ['Stock Ledger Entry', sle.name]]) {
      const url = `/api/resource/${encodeURIComponent(doctype)}/${name}`;
      expect((await t.http.put(url).set('Authorization', admin).send({ actual_qty: 99 })).status).toBeGreaterThanOrEqual(400);
      expect((await t.http.delete(url).set('Authorization', admin)).status).toBeGreaterThanOrEqual(400);
      expect((await t.http.post(`/api/resource/${encodeURIComponent(doctype)}`).set('Authorization', admin).send({ item_code: item, warehouse: STORES })).status).toBeGreaterThanOrEqual(400);
      const customer = await t.token('customer1@demo.docket');
      expect((await t.http.get(`/api/resource/${encodeURIComponent(doctype)}`).set('Authorization', customer)).status).toBe(403);
    }
    expect((await bin(item)).actual_qty).toBe(1);
  });

  (onMariaDb() ? it : it.skip)('200 concurrent issues of 1 against 50 units: exactly 50 succeed, 150 clean 417s', async () => {
    const item = await newItem();
    await receipt(item, 50, 2).expect(200);
    const results = await Promise.all(Array.from({ length: 200 }, () => issue(item, 1)));
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(50);
    expect(codes.filter((c) => c === 417)).toHaveLength(150);
    expect(results.filter((r) => r.status === 417).every((r) => r.body.exc_type === 'NegativeStockError')).toBe(true);
    expect(await bin(item)).toMatchObject({ actual_qty: 0, stock_value: 0 });
    expect((await sles(item)).filter((s: any) => new Decimal(s.actual_qty).isNegative())).toHaveLength(50);
  }, 120_000);
});
