import request from 'supertest';
import { ADMIN_PASSWORD, bootApp, TestApp } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';

/**
 * The stock ledger under concurrent checkouts on MariaDB (row locks on the Bins, in one order):
 * no oversell across two OS processes, no deadlock surfacing for opposite row orders, one Bin
 * for many first receipts at once.
 */
(/^(mariadb|mysql):/.test(process.env.DB_URL ?? '') ? describe : describe.skip)('stock ledger concurrency (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let second: ServerProcess | undefined;
  const CO = 'Docket Demo';
  const STORES = 'Stores - DD';
  const FG = 'Finished Goods - DD';
  let seq = 0;

  const post = (http: ReturnType<typeof request>, body: Record<string, unknown>) => http.post('/api/resource/Stock Entry').set('Authorization', admin).send({ company: CO, docstatus: 1, ...body });
  const line = (item: string, qty: number, extra: Record<string, unknown>) => ({ item_code: item, qty, ...extra });
  const newItem = async () => {
    const code = `CC-${process.pid}-${++seq}`;
    await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: code, item_group: 'Products', stock_uom: 'Nos' }).expect(200);
    return code;
  };
  const bins = async (item: string) =>
    (await t.http.get('/api/resource/Bin').query({ filters: JSON.stringify({ item_code: item }), fields: JSON.stringify(['warehouse', 'actual_qty', 'stock_value']) }).set('Authorization', admin).expect(200)).body.data;

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(async () => {
    await second?.stop();
    await t.close();
  });

  it('two server processes: 200 concurrent issues of 1 against 50 give exactly 50 successes', async () => {
    second = await startServerProcess({ DB_URL: t.config.dbUrl, REDIS_URL: process.env.REDIS_URL ?? '', ADMIN_PASSWORD, DOCKET_DEMO: '0' });
    const other = request(second.url);
    const item = await newItem();
    await post(t.http, { stock_entry_type: 'Material Receipt', items: [line(item, 50, { t_warehouse: STORES, basic_rate: 3 })] }).expect(200);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(i % 2 ? other : t.http, { stock_entry_type: 'Material Issue', items: [line(item, 1, { s_warehouse: STORES })] })),
    ).catch((err: Error) => {
      // once seen in CI: ECONNREFUSED from the second process partway through; say what became of it
      throw new Error(`${err.message}; ${second!.describe()}`);
    });
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(50);
    expect(results.filter((r) => r.status === 417 && r.body.exc_type === 'NegativeStockError')).toHaveLength(150);
    expect(await bins(item)).toEqual([{ warehouse: STORES, actual_qty: 0, stock_value: 0 }]);
    const issues = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Stock Ledger Entry', filters: JSON.stringify({ item_code: item, actual_qty: ['<', 0] }) }).set('Authorization', admin);
    expect(issues.body.message).toBe(50);
  }, 180_000);

  it('vouchers touching the same two Bins in opposite row order all succeed (no deadlock surfaces)', async () => {
    const [a, b] = [await newItem(), await newItem()];
    await post(t.http, { stock_entry_type: 'Material Receipt', items: [line(a, 100, { t_warehouse: STORES, basic_rate: 1 }), line(b, 100, { t_warehouse: STORES, basic_rate: 2 })] }).expect(200);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const rows = [line(a, 1, { s_warehouse: STORES, t_warehouse: FG }), line(b, 1, { s_warehouse: STORES, t_warehouse: FG })];
        return post(t.http, { stock_entry_type: 'Material Transfer', items: i % 2 ? rows.reverse() : rows });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    const byWh = async (item: string) => Object.fromEntries((await bins(item)).map((r: { warehouse: string; actual_qty: number }) => [r.warehouse, r.actual_qty]));
    expect(await byWh(a)).toEqual({ [STORES]: 60, [FG]: 40 });
    expect(await byWh(b)).toEqual({ [STORES]: 60, [FG]: 40 });
  }, 120_000);

  it('50 concurrent first receipts of a new item give one Bin holding all of them', async () => {
    const item = await newItem();
    const results = await Promise.all(Array.from({ length: 50 }, () => post(t.http, { stock_entry_type: 'Material Receipt', items: [line(item, 2, { t_warehouse: STORES, basic_rate: 5 })] })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await bins(item)).toEqual([{ warehouse: STORES, actual_qty: 100, stock_value: 500 }]);
  }, 120_000);
});
