import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { DocumentService } from '../../src/kernel/document/document.service';
import { today } from '../../src/kernel/time/clock';

/**
 * Stock Balance, Stock Ledger and Stock Projected Qty (REST and GraphQL) and the ledger-integrity
 * check, over a ledger built through Stock Entry and Stock Reconciliation. Expected numbers are
 * worked out by hand below.
 */
describe('stock reports', () => {
  let t: TestApp;
  let admin: string;
  const CO = 'Docket Demo';
  const ROOT = 'All Warehouses - DD';
  const STORES = 'Stores - DD';
  const FG = 'Finished Goods - DD';
  const tag = `${process.pid}`;
  const GROUP = `Report Group ${tag}`;
  const SUB = `Report Sub ${tag}`;
  /** FIFO, in SUB */
  const A = `RPA-${tag}`;
  /** Moving Average, in GROUP */
  const B = `RPB-${tag}`;

  const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const at = (days: number) => ({ set_posting_time: 1, posting_date: daysAgo(days), posting_time: '10:00:00' });
  const entry = (body: Record<string, unknown>) => t.http.post('/api/resource/Stock Entry').set('Authorization', admin).send({ company: CO, docstatus: 1, ...body }).expect(200);
  const call = (path: string, query: Record<string, unknown>, auth = admin) => t.http.get(`/api/method/docket.stock.${path}`).query(query).set('Authorization', auth);
  const gql = (query: string, auth = admin) => t.http.post('/graphql').set('Authorization', auth).send({ query });
  const project = (rows: Record<string, unknown>[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));
  const BALANCE = ['item_code', 'warehouse', 'opening_qty', 'opening_val', 'in_qty', 'in_val', 'out_qty', 'out_val', 'bal_qty', 'bal_val', 'val_rate'];

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    const post = (doctype: string, body: Record<string, unknown>) => t.http.post(`/api/resource/${doctype}`).set('Authorization', admin).send(body).expect(200);
    await post('Item Group', { item_group_name: GROUP, parent_item_group: 'Products', is_group: 1 });
    await post('Item Group', { item_group_name: SUB, parent_item_group: GROUP });
    await post('Item', { item_code: A, item_name: 'Report FIFO item', item_group: SUB, stock_uom: 'Nos', valuation_method: 'FIFO' });
    await post('Item', { item_code: B, item_name: 'Report MA item', item_group: GROUP, stock_uom: 'Nos', valuation_method: 'Moving Average' });
    // In posting order (each later than the one before, so nothing is revalued):
    await entry({ stock_entry_type: 'Material Receipt', ...at(10), items: [{ item_code: A, qty: 10, t_warehouse: STORES, basic_rate: 10 }] });
    await entry({ stock_entry_type: 'Material Receipt', ...at(8), items: [{ item_code: A, qty: 5, t_warehouse: STORES, basic_rate: 16 }] });
    // FIFO: 10 x 10 + 2 x 16 = 132 out; 3 x 16 = 48 left
    await entry({ stock_entry_type: 'Material Issue', ...at(6), items: [{ item_code: A, qty: 12, s_warehouse: STORES }] });
    // 2 x 16 = 32 moves; Stores keeps 1 x 16
    await entry({ stock_entry_type: 'Material Transfer', ...at(4), items: [{ item_code: A, qty: 2, s_warehouse: STORES, t_warehouse: FG }] });
    // Finished Goods: 2 @ 16 (32) set to 5 @ 20 (100): +3 qty, +68 value
    await post('Stock Reconciliation', { company: CO, docstatus: 1, ...at(3), items: [{ item_code: A, warehouse: FG, qty: 5, valuation_rate: 20 }] });
    await entry({ stock_entry_type: 'Material Receipt', ...at(2), items: [{ item_code: B, qty: 4, t_warehouse: FG, basic_rate: '2.5' }] });
    // Moving Average: leaves at 2.5; 3 x 2.5 = 7.5 left
    await entry({ stock_entry_type: 'Material Issue', ...at(1), items: [{ item_code: B, qty: 1, s_warehouse: FG }] });
  });
  afterAll(() => t.close());

  describe('Stock Balance', () => {
    it('gives opening, in, out and balance per item and warehouse', async () => {
      const res = await call('stock_balance', { item_group: GROUP, from_date: daysAgo(7), to_date: today() }).expect(200);
      expect(res.body.message.total).toBe(3);
      expect(project(res.body.message.rows, BALANCE)).toEqual([
        [A, FG, 0, 0, 5, 100, 0, 0, 5, 100, 20],
        [A, STORES, 15, 180, 0, 0, 14, 164, 1, 16, 16],
        [B, FG, 0, 0, 4, 10, 1, 2.5, 3, 7.5, 2.5],
      ]);
      expect(res.body.message.rows[0]).toMatchObject({ item_name: 'Report FIFO item', item_group: SUB, stock_uom: 'Nos', company: CO });
    });

    it('stops at to_date: balance and valuation rate as they were then', async () => {
      const res = await call('stock_balance', { item_group: GROUP, to_date: daysAgo(8) }).expect(200);
      // 10 x 10 + 5 x 16 = 180 for 15: 12 a unit
      expect(project(res.body.message.rows, BALANCE)).toEqual([[A, STORES, 0, 0, 15, 180, 0, 0, 15, 180, 12]]);
    });

    it('filters by item group (with descendants), item, warehouse (a group: its descendants), company', async () => {
      const keys = async (q: Record<string, unknown>) => project((await call('stock_balance', q).expect(200)).body.message.rows, ['item_code', 'warehouse']);
      expect(await keys({ item_group: SUB })).toEqual([[A, FG], [A, STORES]]);
      expect(await keys({ item_code: B })).toEqual([[B, FG]]);
      expect(await keys({ item_group: GROUP, warehouse: STORES })).toEqual([[A, STORES]]);
      expect(await keys({ item_group: GROUP, warehouse: ROOT })).toEqual([[A, FG], [A, STORES], [B, FG]]);
      expect(await keys({ item_group: GROUP, company: CO })).toHaveLength(3);
    });

    it('pages with limit_start and limit_page_length, total counting every row', async () => {
      const first = await call('stock_balance', { item_group: GROUP, limit_page_length: 2 }).expect(200);
      expect(project(first.body.message.rows, ['item_code', 'warehouse'])).toEqual([[A, FG], [A, STORES]]);
      expect(first.body.message.total).toBe(3);
      const last = await call('stock_balance', { item_group: GROUP, limit_start: 2, limit_page_length: 2 }).expect(200);
      expect(project(last.body.message.rows, ['item_code', 'warehouse'])).toEqual([[B, FG]]);
      const capped = await call('stock_balance', { item_group: GROUP, limit_page_length: 0 }).expect(200);
      expect(capped.body.message.rows).toHaveLength(3);
    });

    it('leaves out rows with nothing left unless include_zero_stock_items', async () => {
      const item = `RPZ-${tag}`;
      await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: item, item_group: 'Products', stock_uom: 'Nos' }).expect(200);
      await entry({ stock_entry_type: 'Material Receipt', items: [{ item_code: item, qty: 2, t_warehouse: STORES, basic_rate: 3 }] });
      await entry({ stock_entry_type: 'Material Issue', items: [{ item_code: item, qty: 2, s_warehouse: STORES }] });
      expect((await call('stock_balance', { item_code: item }).expect(200)).body.message).toEqual({ rows: [], total: 0 });
      const kept = await call('stock_balance', { item_code: item, include_zero_stock_items: 1 }).expect(200);
      expect(project(kept.body.message.rows, BALANCE)).toEqual([[item, STORES, 0, 0, 2, 6, 2, 6, 0, 0, 3]]);
    });
  });

  describe('Stock Ledger', () => {
    const LEDGER = ['item_code', 'warehouse', 'voucher_type', 'actual_qty', 'qty_after_transaction', 'valuation_rate', 'stock_value', 'stock_value_difference', 'in_out_rate'];

    it('lists the entries in posting order with balances, rates and values', async () => {
      const res = await call('stock_ledger', { item_group: GROUP }).expect(200);
      expect(res.body.message.total).toBe(8);
      expect(project(res.body.message.rows, LEDGER)).toEqual([
        [A, STORES, 'Stock Entry', 10, 10, 10, 100, 100, 10],
        [A, STORES, 'Stock Entry', 5, 15, 12, 180, 80, 16],
        [A, STORES, 'Stock Entry', -12, 3, 16, 48, -132, 11],
        [A, STORES, 'Stock Entry', -2, 1, 16, 16, -32, 16],
        [A, FG, 'Stock Entry', 2, 2, 16, 32, 32, 16],
        [A, FG, 'Stock Reconciliation', 3, 5, 20, 100, 68, 22.666666667],
        [B, FG, 'Stock Entry', 4, 4, 2.5, 10, 10, 2.5],
        [B, FG, 'Stock Entry', -1, 3, 2.5, 7.5, -2.5, 2.5],
      ]);
      expect(res.body.message.rows[2]).toMatchObject({ in_qty: 0, out_qty: -12, item_name: 'Report FIFO item', posting_date: daysAgo(6), company: CO });
      expect(res.body.message.rows[0]).toMatchObject({ in_qty: 10, out_qty: 0, incoming_rate: 10 });
      expect(res.body.message.rows[0].voucher_no).toMatch(/^MAT-STE-/);
    });

    it('filters by dates (inclusive) and warehouse, and pages', async () => {
      const range = await call('stock_ledger', { item_group: GROUP, from_date: daysAgo(6), to_date: daysAgo(4) }).expect(200);
      expect(project(range.body.message.rows, ['warehouse', 'actual_qty'])).toEqual([[STORES, -12], [STORES, -2], [FG, 2]]);
      expect(range.body.message.total).toBe(3);
      const fg = await call('stock_ledger', { item_group: GROUP, warehouse: FG, limit_start: 1, limit_page_length: 2 }).expect(200);
      expect(project(fg.body.message.rows, ['item_code', 'actual_qty'])).toEqual([[A, 3], [B, 4]]);
      expect(fg.body.message.total).toBe(4);
    });
  });

  describe('Stock Projected Qty', () => {
    const PROJECTED = ['item_code', 'warehouse', 'actual_qty', 'planned_qty', 'indented_qty', 'ordered_qty', 'reserved_qty', 'projected_qty'];

    it('lists the Bins with their quantities', async () => {
      const res = await call('stock_projected_qty', { item_group: GROUP, warehouse: ROOT }).expect(200);
      expect(res.body.message.total).toBe(3);
      expect(project(res.body.message.rows, PROJECTED)).toEqual([
        [A, FG, 5, 0, 0, 0, 0, 5],
        [A, STORES, 1, 0, 0, 0, 0, 1],
        [B, FG, 3, 0, 0, 0, 0, 3],
      ]);
      const fg = await call('stock_projected_qty', { item_group: GROUP, warehouse: FG, company: CO }).expect(200);
      expect(project(fg.body.message.rows, ['item_code', 'warehouse'])).toEqual([[A, FG], [B, FG]]);
      const page = await call('stock_projected_qty', { item_group: SUB, limit_start: 1, limit_page_length: 1 }).expect(200);
      expect(page.body.message.rows).toHaveLength(1);
      expect(page.body.message.total).toBe(2);
    });
  });

  describe('bad input and permissions', () => {
    it.each([
      ['stock_balance', { from_date: '2024-02-30' }, /from_date must be a date written YYYY-MM-DD/],
      ['stock_balance', { to_date: '31/01/2024' }, /to_date must be a date/],
      ['stock_balance', { from_date: '2024-02-02', to_date: '2024-02-01' }, /from_date 2024-02-02 is after to_date 2024-02-01/],
      ['stock_ledger', { limit_start: -1 }, /limit_start must be a whole number/],
      ['stock_ledger', { limit_page_length: 'ten' }, /limit_page_length must be a whole number/],
      ['stock_ledger', { warehouse: 'No Such Warehouse' }, /Could not find Warehouse: No Such Warehouse/],
      ['stock_projected_qty', { item_group: 'No Such Group' }, /Could not find Item Group: No Such Group/],
      ['stock_projected_qty', { company: 'No Such Company' }, /Could not find Company: No Such Company/],
      ['stock_balance', { item_code: "x' OR '1'='1" }, /Could not find Item/],
    ])('%s with %j is a 417', async (path, query, message) => {
      const res = await call(path, query);
      expect(res.status).toBe(417);
      expect(res.body.exception).toMatch(message);
    });

    it('refuses website users (403) and guests, and answers Stock Users', async () => {
      const customer = await t.token('customer1@demo.docket');
      for (const path of ['stock_balance', 'stock_ledger', 'stock_projected_qty', 'check_ledger_integrity']) {
        expect((await call(path, {}, customer)).status).toBe(403);
        expect((await t.http.get(`/api/method/docket.stock.${path}`)).status).toBe(403);
      }
      const stockUser = await t.token(demoUserEmail('Stock User'));
      expect((await call('stock_balance', { item_code: B }, stockUser).expect(200)).body.message.total).toBe(1);
      expect((await call('stock_projected_qty', { item_code: B }, stockUser).expect(200)).body.message.total).toBe(1);
      const gqlDenied = await gql('{ stockLedger(item_code: "x") }', customer);
      expect(gqlDenied.body.errors[0].extensions).toMatchObject({ http_status: 403 });
    });

    it('takes only GET', async () => {
      expect((await t.http.post('/api/method/docket.stock.stock_balance').set('Authorization', admin).send({})).status).toBe(403);
    });
  });

  describe('GraphQL', () => {
    it('answers the same rows as REST for the three reports', async () => {
      const from = daysAgo(7);
      const res = await gql(`{
        balance: stockBalance(item_group: "${GROUP}", from_date: "${from}", limit_page_length: 2)
        ledger: stockLedger(item_group: "${GROUP}", from_date: "${from}")
        projected: stockProjectedQty(item_group: "${GROUP}")
      }`).expect(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.balance).toEqual((await call('stock_balance', { item_group: GROUP, from_date: from, limit_page_length: 2 })).body.message);
      expect(res.body.data.ledger).toEqual((await call('stock_ledger', { item_group: GROUP, from_date: from })).body.message);
      expect(res.body.data.projected).toEqual((await call('stock_projected_qty', { item_group: GROUP })).body.message);
      expect(res.body.data.balance.total).toBe(3);
    });

    it('checks arguments as REST does', async () => {
      const res = await gql('{ stockBalance(from_date: "2024-13-01") }').expect(200);
      expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/from_date must be a date/), extensions: { http_status: 417 } });
      const typed = await gql('{ stockBalance(limit_start: "x") }');
      expect(typed.body.errors[0].message).toMatch(/Int cannot represent/);
    });
  });

  describe('ledger-integrity check', () => {
    const check = (query: Record<string, unknown> = {}, auth = admin) => call('check_ledger_integrity', query, auth);
    const db = () => t.app.get(Database);
    const raw = (sql: string, params: unknown[]) => db().dataSource.query(sql, params);

    it('holds over the whole ledger, and only System or Stock Managers may run it', async () => {
      const res = await check().expect(200);
      expect(res.body.message).toMatchObject({ ok: true, problems: [], pending: [] });
      expect(res.body.message.checked).toBeGreaterThanOrEqual(4);
      expect((await check({ item_code: A })).body.message).toMatchObject({ ok: true, checked: 2 });
      expect((await check({ warehouse: FG, item_code: B })).body.message).toMatchObject({ ok: true, checked: 1 });
      expect((await check({}, await t.token(demoUserEmail('Stock Manager')))).status).toBe(200);
      expect((await check({}, await t.token(demoUserEmail('Stock User')))).status).toBe(403);
    });

    it('reports a corrupted Bin and a corrupted entry; a pending repost leaves values unchecked', async () => {
      const item = `RPC-${tag}`;
      await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: item, item_group: 'Products', stock_uom: 'Nos' }).expect(200);
      await entry({ stock_entry_type: 'Material Receipt', items: [{ item_code: item, qty: 3, t_warehouse: STORES, basic_rate: 5 }] });
      await entry({ stock_entry_type: 'Material Issue', items: [{ item_code: item, qty: 1, s_warehouse: STORES }] });
      expect((await check({ item_code: item })).body.message.ok).toBe(true);

      await raw('UPDATE `tabBin` SET actual_qty = actual_qty + 1 WHERE item_code = ?', [item]);
      const bin = (await check({ item_code: item })).body.message;
      expect(bin.ok).toBe(false);
      expect(bin.problems).toEqual([`${item} in ${STORES}: Bin actual_qty is 3, expected 2`, `${item} in ${STORES}: Bin projected_qty is 2, expected 3`]);
      await raw('UPDATE `tabBin` SET actual_qty = actual_qty - 1 WHERE item_code = ?', [item]);

      await raw('UPDATE `tabStock Ledger Entry` SET stock_value = 11 WHERE item_code = ? AND actual_qty < 0', [item]);
      const sle = (await check({ item_code: item })).body.message;
      expect(sle.ok).toBe(false);
      expect(sle.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^${item} in ${STORES}: entry \\w+ \\(Stock Entry MAT-STE-[\\d-]+\\) stock_value is 11, expected 10$`)),
          `${item} in ${STORES}: the sum of stock_value_difference (10) differs from the last stock_value (11)`,
          `${item} in ${STORES}: Bin stock_value is 10, expected 11`,
        ]),
      );

      await db().run(SYSTEM, {}, { write: true }, (ctx) =>
        t.app.get(DocumentService).insertRecord(ctx, 'Repost Item Valuation', { name: `rpc-${tag}`, item_code: item, warehouse: STORES, status: 'Queued', posting_datetime: `${today()} 00:00:00` }),
      );
      const queued = (await check({ item_code: item })).body.message;
      expect(queued).toMatchObject({ ok: true, problems: [], pending: [{ item_code: item, warehouse: STORES, status: 'Queued' }] });
      await raw('UPDATE `tabBin` SET reserved_qty = 1 WHERE item_code = ?', [item]);
      expect((await check({ item_code: item })).body.message.problems).toEqual([`${item} in ${STORES}: Bin projected_qty is 2, expected 1`]);
    });
  });
});
