import Decimal from 'decimal.js';
import { today } from '../../src/kernel/time/clock';
import { bootApp, TestApp } from '../harness/app';
import { StockMasters } from './stock-fixtures';

/** Perpetual inventory: stock vouchers post stock-in-hand against the difference account at the ledger's valuation. */
describe('perpetual inventory', () => {
  let t: TestApp;
  let admin: string;
  let m: StockMasters;
  let a: string;
  let b: string;
  const tag = `${process.pid}`.slice(-5);
  const ABBR = `PI${tag}`;
  const CO = `Perpetual Co ${tag}`;
  const STOCK = `Stock In Hand - ${ABBR}`;
  const ADJ = `Stock Adjustment - ${ABBR}`;
  const COGS = `Cost of Goods Sold - ${ABBR}`;
  let seq = 0;

  const gl = async (voucher_no: string, cancelled?: 0 | 1) =>
    (
      await t.http
        .get('/api/resource/GL Entry')
        .query({ filters: JSON.stringify({ voucher_no, ...(cancelled === undefined ? {} : { is_cancelled: cancelled }) }), fields: JSON.stringify(['*']), limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data as Record<string, any>[];
  /** Σ debit − Σ credit per account of the voucher's entries, as strings. */
  const net = (rows: Record<string, any>[]) => {
    const out: Record<string, string> = {};
    for (const r of rows) out[r.account] = new Decimal(out[r.account] ?? 0).plus(r.debit).minus(r.credit).toString();
    return out;
  };
  const entry = (company: string, body: Record<string, unknown>) => m.post('Stock Entry', { company, docstatus: 1, ...body });
  const item = (extra: Record<string, unknown> = {}) => m.item(`PI-${tag}-${++seq}`, extra);
  const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const at = (days: number) => ({ set_posting_time: 1, posting_date: daysAgo(days), posting_time: '10:00:00' });
  const receipt = (code: string, qty: number, rate: string, days: number) =>
    entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty, t_warehouse: a, basic_rate: rate }], ...at(days) });
  const cancel = (doctype: string, name: string) => t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype, name });
  const report = async (path: string, query: Record<string, string>) =>
    (await t.http.get(`/api/method/docket.accounts.${path}`).query(query).set('Authorization', admin).expect(200)).body.message;
  /** The company's books after a repost: every voucher balanced, the trial balance nets to zero, stock in hand's GL equals the stock ledger's value. */
  const sum = async (doctype: string, filters: Record<string, unknown>, field: (r: any) => Decimal.Value) =>
    (
      await t.http
        .get(`/api/resource/${doctype}`)
        .query({ filters: JSON.stringify(filters), fields: JSON.stringify(['*']), limit_page_length: 5000 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data.reduce((s: Decimal, r: any) => s.plus(field(r)), new Decimal(0));
  const booksHold = async () => {
    const integrity = await report('check_ledger_integrity', { company: CO });
    expect(integrity.problems).toEqual([]);
    // and exactly, from the entries themselves: stock in hand's GL = Σ stock_value_difference
    const stockGl = await sum('GL Entry', { company: CO, account: STOCK, is_cancelled: 0 }, (r) => new Decimal(r.debit).minus(r.credit));
    const stockValue = await sum('Stock Ledger Entry', { company: CO, is_cancelled: 0 }, (r) => r.stock_value_difference);
    expect(stockGl.toString()).toBe(stockValue.toString());
    const tb = await report('trial_balance', { company: CO, from_date: `${today().slice(0, 4)}-01-01`, to_date: today() });
    expect(new Decimal(tb.totals.closing_debit).eq(tb.totals.closing_credit)).toBe(true);
    expect(new Decimal(tb.totals.debit).eq(tb.totals.credit)).toBe(true);
  };
  const adjustments = (rows: Record<string, any>[]) => rows.filter((r) => String(r.remarks ?? '').startsWith('Repost adjustment'));
  const svd = async (voucher_no: string) =>
    (
      await t.http
        .get('/api/resource/Stock Ledger Entry')
        .query({ filters: JSON.stringify({ voucher_no }), fields: JSON.stringify(['stock_value_difference']), limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data.reduce((s: Decimal, r: any) => s.plus(r.stock_value_difference), new Decimal(0));

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    m = await StockMasters.create(t, admin, CO, ABBR);
    a = await m.warehouse('PI A');
    b = await m.warehouse('PI B');
  });
  afterAll(() => t.close());

  it('a receipt debits stock in hand and credits stock adjustment at the valuation, with the company cost center', async () => {
    const code = await item();
    const se = await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 5, t_warehouse: a, basic_rate: '10.5' }] });
    const rows = await gl(se.name);
    expect(net(rows)).toEqual({ [STOCK]: '52.5', [ADJ]: '-52.5' });
    expect(new Decimal(net(rows)[STOCK]).eq(await svd(se.name))).toBe(true);
    const co = (await t.http.get(`/api/resource/Company/${CO}`).set('Authorization', admin).expect(200)).body.data;
    for (const r of rows) {
      expect(r.company).toBe(CO);
      expect(r.cost_center).toBe(co.cost_center);
      expect(r.voucher_type).toBe('Stock Entry');
    }
  });

  it('an issue credits stock in hand and debits the row difference account; a transfer within one account posts nothing', async () => {
    const code = await item();
    await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 10, t_warehouse: a, basic_rate: '4' }] });
    const iss = await entry(CO, { stock_entry_type: 'Material Issue', items: [{ item_code: code, qty: 3, s_warehouse: a, expense_account: COGS }] });
    expect(net(await gl(iss.name))).toEqual({ [STOCK]: '-12', [COGS]: '12' });
    const tr = await entry(CO, { stock_entry_type: 'Material Transfer', items: [{ item_code: code, qty: 2, s_warehouse: a, t_warehouse: b }] });
    expect(await gl(tr.name)).toEqual([]);
  });

  it('a reconciliation posts its difference amount; cancel marks the entries cancelled and reverses them', async () => {
    const code = await item();
    await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 4, t_warehouse: a, basic_rate: '10' }] });
    const sr = await m.post('Stock Reconciliation', { company: CO, docstatus: 1, items: [{ item_code: code, warehouse: a, qty: 6, valuation_rate: '12' }] });
    expect(sr.difference_amount).toBeDefined();
    expect(net(await gl(sr.name))).toEqual({ [STOCK]: '32', [ADJ]: '-32' });
    await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Stock Reconciliation', name: sr.name }).expect(200);
    const all = await gl(sr.name);
    expect(all.length).toBe(4);
    expect(all.every((r) => Number(r.is_cancelled) === 1)).toBe(true);
    expect(Object.values(net(all)).every((v) => new Decimal(v).isZero())).toBe(true);
  });

  it('a company with perpetual inventory off posts no GL', async () => {
    const abbr = `PO${tag}`;
    const off = `Periodic Co ${tag}`;
    await t.http.post('/api/resource/Company').set('Authorization', admin).send({ company_name: off, abbr, default_currency: 'USD', country: 'United States', enable_perpetual_inventory: 0 }).expect(200);
    await m.post('Warehouse', { warehouse_name: 'All Warehouses', company: off, is_group: 1 });
    const wh = (await m.post('Warehouse', { warehouse_name: 'PO A', company: off, parent_warehouse: `All Warehouses - ${abbr}` })).name;
    const code = await item();
    const se = await entry(off, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 2, t_warehouse: wh, basic_rate: '3' }] });
    expect(await svd(se.name)).toEqual(new Decimal(6));
    expect(await gl(se.name)).toEqual([]);
  });

  it("stock in hand's GL balance equals the stock ledger's value after a mixed sequence", async () => {
    const code = await item();
    await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 3, t_warehouse: a, basic_rate: '3.333' }] });
    await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 7, t_warehouse: b, basic_rate: '1.17' }] });
    await entry(CO, { stock_entry_type: 'Material Issue', items: [{ item_code: code, qty: 1, s_warehouse: a }] });
    await entry(CO, { stock_entry_type: 'Material Transfer', items: [{ item_code: code, qty: 2, s_warehouse: b, t_warehouse: a }] });
    await m.post('Stock Reconciliation', { company: CO, docstatus: 1, items: [{ item_code: code, warehouse: b, qty: 9, valuation_rate: '2.01' }] });
    const gle = (
      await t.http
        .get('/api/resource/GL Entry')
        .query({ filters: JSON.stringify({ account: STOCK }), fields: JSON.stringify(['debit', 'credit']), limit_page_length: 5000 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data.reduce((s: Decimal, r: any) => s.plus(r.debit).minus(r.credit), new Decimal(0));
    const sle = (
      await t.http
        .get('/api/resource/Stock Ledger Entry')
        .query({ filters: JSON.stringify({ warehouse: ['in', [a, b]], is_cancelled: 0 }), fields: JSON.stringify(['stock_value_difference']), limit_page_length: 5000 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data.reduce((s: Decimal, r: any) => s.plus(r.stock_value_difference), new Decimal(0));
    expect(gle.toFixed(2)).toBe(sle.toFixed(2));
    expect(gle.gt(0)).toBe(true);
  });

  it("a backdated receipt at another rate adjusts the later issue's stock GL by exactly the revaluation; its cancel restores it", async () => {
    const code = await item({ valuation_method: 'Moving Average' });
    await receipt(code, 10, '10', 10);
    const iss = await entry(CO, { stock_entry_type: 'Material Issue', items: [{ item_code: code, qty: 5, s_warehouse: a, expense_account: COGS }], ...at(5) });
    expect(net(await gl(iss.name, 0))).toEqual({ [STOCK]: '-50', [COGS]: '50' });
    // 10 at 10 and 10 at 20 before the issue: it now takes 5 at 15
    const back = await receipt(code, 10, '20', 8);
    expect((await svd(iss.name)).toString()).toBe('-75');
    const rows = await gl(iss.name, 0);
    expect(net(rows)).toEqual({ [STOCK]: '-75', [COGS]: '75' });
    const adjusted = adjustments(rows);
    expect(net(adjusted)).toEqual({ [STOCK]: '-25', [COGS]: '25' });
    for (const r of adjusted) {
      expect(r).toMatchObject({ voucher_type: 'Stock Entry', voucher_no: iss.name, posting_date: daysAgo(5), company: CO });
      expect(r.remarks).toContain(back.name);
    }
    expect(net(await gl(back.name, 0))).toEqual({ [STOCK]: '200', [ADJ]: '-200' });
    await booksHold();

    await cancel('Stock Entry', back.name).expect(200);
    expect((await svd(iss.name)).toString()).toBe('-50');
    expect(net(await gl(iss.name, 0))).toEqual({ [STOCK]: '-50', [COGS]: '50' });
    expect(adjustments(await gl(iss.name, 0))).toHaveLength(4);
    await booksHold();
  });

  it("a backdated receipt adjusts a later Sales Invoice's cost of goods sold (update_stock), not its receivable or income; its cancel restores it", async () => {
    const code = await item({ valuation_method: 'Moving Average' });
    const customer = (await m.post('Customer', { customer_name: `PI Customer ${tag}-${seq}` })).name;
    await receipt(code, 10, '10', 10);
    const si = await m.post('Sales Invoice', { customer, company: CO, update_stock: 1, set_warehouse: a, items: [{ item_code: code, qty: 4, rate: 25 }], docstatus: 1, ...at(5) });
    const before = net(await gl(si.name, 0));
    expect(before[COGS]).toBe('40');
    expect(before[STOCK]).toBe('-40');
    const back = await receipt(code, 10, '20', 8);
    const after = net(await gl(si.name, 0));
    expect(after).toEqual({ ...before, [COGS]: '60', [STOCK]: '-60' });
    const adjusted = adjustments(await gl(si.name, 0));
    expect(net(adjusted)).toEqual({ [COGS]: '20', [STOCK]: '-20' });
    expect(adjusted.every((r) => r.voucher_type === 'Sales Invoice' && r.posting_date === daysAgo(5))).toBe(true);
    await booksHold();

    await cancel('Stock Entry', back.name).expect(200);
    expect(net(await gl(si.name, 0))).toEqual(before);
    await booksHold();
  });

  it('refuses a backdated entry whose repost would adjust a voucher in a closed Accounting Period, naming it; one that changes no later value passes', async () => {
    const code = await item({ valuation_method: 'Moving Average' });
    await receipt(code, 10, '10', 10);
    const iss = await entry(CO, { stock_entry_type: 'Material Issue', items: [{ item_code: code, qty: 5, s_warehouse: a, expense_account: COGS }], ...at(3) });
    const period = `PI Closed ${tag}`;
    await m.post('Accounting Period', { period_name: period, company: CO, start_date: daysAgo(4), end_date: daysAgo(2), closed_documents: [{ document_type: 'Stock Entry', closed: 1 }] });
    const sles = await svd(iss.name);
    const refused = await entry(CO, { stock_entry_type: 'Material Receipt', items: [{ item_code: code, qty: 10, t_warehouse: a, basic_rate: '20' }], ...at(8) }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain('417');
    expect(message).toContain(iss.name);
    expect(message).toContain(period);
    expect(await svd(iss.name)).toEqual(sles);
    expect(net(await gl(iss.name, 0))).toEqual({ [STOCK]: '-50', [COGS]: '50' });
    // at the same rate the issue keeps its value: nothing to post in the closed period
    await receipt(code, 10, '10', 8);
    expect(adjustments(await gl(iss.name))).toEqual([]);
    await booksHold();
  });
});
