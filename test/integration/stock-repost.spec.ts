import Decimal from 'decimal.js';
import { RepostJob } from '../../src/domain/stock/repost-job';
import { StockLedger } from '../../src/domain/stock/stock-ledger';
import { today } from '../../src/kernel/time/clock';
import { bootApp, onMariaDb, TestApp } from '../harness/app';

/**
 * Bounded reposting: a backdated entry with more later entries than Stock Settings'
 * repost_in_transaction_limit leaves them to one coalesced, resumable background job per
 * (item, warehouse) on MariaDB (quantities exact at commit), and the ledger it leaves equals the
 * one the inline path gives. SQLite revalues inline whatever the limit.
 */
describe('stock repost', () => {
  let t: TestApp;
  let admin: string;
  let job: RepostJob;
  let ledger: StockLedger;
  const CO = 'Docket Demo';
  const STORES = 'Stores - DD';
  let seq = 0;
  const maria = onMariaDb();
  const mariaIt = maria ? it : it.skip;

  const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const at = (days: number) => ({ set_posting_time: 1, posting_date: daysAgo(days), posting_time: '10:00:00' });
  const entry = (body: Record<string, unknown>) => t.http.post('/api/resource/Stock Entry').set('Authorization', admin).send({ company: CO, docstatus: 1, ...body });
  const receipt = (item: string, qty: number, rate: number, days: number) =>
    entry({ stock_entry_type: 'Material Receipt', items: [{ item_code: item, qty, basic_rate: rate, t_warehouse: STORES }], ...at(days) }).expect(200);
  const issue = (item: string, qty: number, days: number) => entry({ stock_entry_type: 'Material Issue', items: [{ item_code: item, qty, s_warehouse: STORES }], ...at(days) });
  const reconcile = (item: string, qty: number, rate: number, days: number) =>
    t.http
      .post('/api/resource/Stock Reconciliation')
      .set('Authorization', admin)
      .send({ company: CO, docstatus: 1, items: [{ item_code: item, warehouse: STORES, qty, valuation_rate: rate }], ...at(days) })
      .expect(200);
  const cancel = (name: string) => t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Stock Entry', name });
  const setLimit = (n: number) => t.http.put('/api/resource/Stock Settings/Stock Settings').set('Authorization', admin).send({ repost_in_transaction_limit: n }).expect(200);
  const newItem = async () => {
    const code = `RPST-${process.pid}-${++seq}`;
    await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: code, item_group: 'Products', stock_uom: 'Nos', valuation_method: 'FIFO' }).expect(200);
    return code;
  };
  const list = async (doctype: string, filters: Record<string, unknown>, order_by = 'creation asc') =>
    (
      await t.http
        .get(`/api/resource/${doctype}`)
        .query({ filters: JSON.stringify(filters), fields: JSON.stringify(['*']), order_by, limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data;
  /** The ledger in posting order (SQL order by posting_datetime, then creation). */
  const ledgerOf = async (item: string) =>
    (await list('Stock Ledger Entry', { item_code: item, warehouse: STORES, is_cancelled: 0 }, 'posting_datetime asc')).sort((a: any, b: any) =>
      a.posting_datetime === b.posting_datetime ? (a.creation < b.creation ? -1 : 1) : a.posting_datetime < b.posting_datetime ? -1 : 1,
    );
  /** What must equal between two items posted identically. */
  const values = async (item: string) =>
    (await ledgerOf(item)).map((s: any) => [s.posting_datetime, s.actual_qty, s.qty_after_transaction, s.incoming_rate, s.valuation_rate, s.stock_value, s.stock_value_difference, s.stock_queue]);
  const quantities = async (item: string) => (await ledgerOf(item)).map((s: any) => [s.actual_qty, s.qty_after_transaction]);
  const bin = async (item: string) => {
    const [b] = await list('Bin', { item_code: item, warehouse: STORES });
    return { actual_qty: b.actual_qty, projected_qty: b.projected_qty, valuation_rate: b.valuation_rate, stock_value: b.stock_value };
  };
  const reposts = (item: string) => list('Repost Item Valuation', { item_code: item });
  const completed = async (item: string) => {
    for (let i = 0; i < 600; i++) {
      const rows = await reposts(item);
      if (rows.length && rows.every((r: any) => r.status === 'Completed')) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the repost of ${item} did not complete: ${JSON.stringify(await reposts(item))}`);
  };
  /** Gates still closed (opened after each test, so a failed test leaves no job waiting). */
  const held: (() => void)[] = [];
  /** Holds every repost job before it starts, until released. */
  const holdJobs = () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const run = job.run.bind(job);
    const spy = jest.spyOn(job, 'run').mockImplementation(async (...args) => {
      await gate;
      return run(...args);
    });
    const release = () => {
      open();
      spy.mockRestore();
    };
    held.push(release);
    return release;
  };

  /** Ten later entries (one of them a reconciliation), dated 20 to 11 days ago, on 20 received 30 days ago. */
  const history = async (item: string) => {
    await receipt(item, 20, 10, 30);
    for (let d = 20; d > 10; d--) {
      if (d === 15) await reconcile(item, 12, 11, d);
      else if (d % 2) await issue(item, 3, d).expect(200);
      else await receipt(item, 2, 6 + d, d);
    }
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    job = t.app.get(RepostJob);
    ledger = t.app.get(StockLedger);
  });
  afterEach(() => {
    held.splice(0).forEach((release) => release());
    jest.restoreAllMocks();
    job.batchSize = 500;
  });
  afterAll(() => t.close());

  it('a backdated receipt before more later entries than the limit ends with the ledger the inline path gives; so does its cancel', async () => {
    const inline = await newItem();
    const bounded = await newItem();
    await setLimit(500);
    await history(inline);
    const inlineReceipt = (await receipt(inline, 5, 4, 25)).body.data.name;
    expect(await reposts(inline)).toEqual([]);

    await setLimit(3);
    await history(bounded);
    const release = holdJobs();
    const boundedReceipt = (await receipt(bounded, 5, 4, 25)).body.data.name;
    // at commit: quantities and the Bin's quantities exact; on MariaDB the valuation waits in one Queued row
    expect(await quantities(bounded)).toEqual(await quantities(inline));
    expect((await bin(bounded)).actual_qty).toBe((await bin(inline)).actual_qty);
    expect((await bin(bounded)).projected_qty).toBe((await bin(inline)).projected_qty);
    const queued = await reposts(bounded);
    if (maria) {
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ status: 'Queued', warehouse: STORES, posting_datetime: `${daysAgo(25)} 10:00:00.000000` });
      expect(await values(bounded)).not.toEqual(await values(inline));
    } else {
      expect(queued).toEqual([]);
    }
    release();
    if (maria) expect((await completed(bounded))[0].entries_reposted).toBe(11);
    expect(await values(bounded)).toEqual(await values(inline));
    expect(await bin(bounded)).toEqual(await bin(inline));

    await setLimit(500);
    await cancel(inlineReceipt).expect(200);
    await setLimit(3);
    await cancel(boundedReceipt).expect(200);
    expect(await quantities(bounded)).toEqual(await quantities(inline));
    if (maria) await completed(bounded);
    expect(await values(bounded)).toEqual(await values(inline));
    expect(await bin(bounded)).toEqual(await bin(inline));
  });

  it('refuses a backdated issue that takes a later balance below zero, counting only entries before the next reconciliation', async () => {
    await setLimit(3);
    const item = await newItem();
    await receipt(item, 5, 2, 30);
    await issue(item, 4, 20).expect(200);
    for (let d = 19; d > 14; d--) await receipt(item, 1, 2, d);
    await reconcile(item, 1, 2, 14);
    await issue(item, 1, 13).expect(200);
    // 5 - 2 = 3 then -4 at day 20 = -1: refused, nothing written
    const before = await quantities(item);
    const refused = await issue(item, 2, 25);
    expect(refused.status).toBe(417);
    expect(refused.body.exc_type).toBe('NegativeStockError');
    expect(refused.body.exception).toContain(`Item ${item} needed in Warehouse ${STORES}`);
    expect(await quantities(item)).toEqual(before);
    expect(await reposts(item)).toEqual([]);
    // 1 less until the reconciliation (0 at day 20 at the lowest); the issue after it still leaves 0
    await issue(item, 1, 25).expect(200);
    const after = await quantities(item);
    expect(after.map(([, q]: number[]) => q)).toEqual([5, 4, 0, 1, 2, 3, 4, 5, 1, 0]);
    expect(after[8]).toEqual([-4, 1]);
    if (maria) await completed(item);
    expect(await quantities(item)).toEqual(after);
  });

  mariaIt('two backdated entries coalesce into one row and one revaluing pass from the earlier one', async () => {
    await setLimit(3);
    const item = await newItem();
    await history(item);
    const batches = jest.spyOn(ledger, 'revalueBatch');
    const release = holdJobs();
    await receipt(item, 5, 4, 25);
    await receipt(item, 1, 3, 28);
    const rows = await reposts(item);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'Queued', posting_datetime: `${daysAgo(28)} 10:00:00.000000` });
    release();
    const [done] = await completed(item);
    // the 10 later entries, the two backdated receipts: revalued once each, in one batch
    expect(done.entries_reposted).toBe(12);
    const passes = await Promise.all(batches.mock.results.map((r) => r.value));
    expect(passes.filter((p: any) => p.revalued > 0)).toHaveLength(1);
  });

  mariaIt('a job that fails after a batch resumes from the last entry it revalued', async () => {
    const control = await newItem();
    const item = await newItem();
    await setLimit(500);
    await history(control);
    await receipt(control, 5, 4, 25);
    await setLimit(3);
    await history(item);
    job.batchSize = 4;
    const revalue = ledger.revalueBatch.bind(ledger);
    const batches = jest
      .spyOn(ledger, 'revalueBatch')
      .mockImplementationOnce(revalue)
      .mockImplementationOnce(async () => {
        throw new Error('worker killed');
      });
    await receipt(item, 5, 4, 25);
    const [done] = await completed(item);
    // 11 entries from day 25 on, in batches of 4 (one of them tried twice): none revalued twice
    expect(done.entries_reposted).toBe(11);
    const range = (await ledgerOf(item)).slice(1);
    expect(batches.mock.calls[0][3]).toEqual({ fromDatetime: `${daysAgo(25)} 10:00:00.000000` });
    expect(batches.mock.calls[2][3]).toEqual({ afterEntry: range[3].name });
    expect(await values(item)).toEqual(await values(control));
    expect(await bin(item)).toEqual(await bin(control));
  });

  mariaIt("the background repost adjusts the stock GL of each voucher it revalues: stock in hand's GL equals the stock ledger's value, after the receipt and after its cancel", async () => {
    await setLimit(3);
    const item = await newItem();
    await history(item);
    const company = (await list('Company', { name: CO }))[0];
    const [wh] = await list('Warehouse', { name: STORES });
    const stockAccount = wh.account || company.default_inventory_account;
    const vouchers = async () => [...new Set((await list('Stock Ledger Entry', { item_code: item })).map((s: any) => s.voucher_no))];
    const stockGl = async () =>
      (await list('GL Entry', { voucher_no: ['in', await vouchers()], account: stockAccount, is_cancelled: 0 })).reduce((s: Decimal, r: any) => s.plus(r.debit).minus(r.credit), new Decimal(0)).toString();
    const stockValue = async () => (await ledgerOf(item)).reduce((s: Decimal, r: any) => s.plus(r.stock_value_difference), new Decimal(0)).toString();
    const reconciliation = (await list('Stock Ledger Entry', { item_code: item, voucher_type: 'Stock Reconciliation' }))[0].voucher_no;
    const adjusted = async () => (await list('GL Entry', { voucher_no: reconciliation })).filter((r: any) => String(r.remarks).startsWith('Repost adjustment'));
    expect(await stockGl()).toBe(await stockValue());

    const release = holdJobs();
    const back = (await receipt(item, 5, 4, 25)).body.data.name;
    expect((await reposts(item))[0].status).toBe('Queued');
    // the reconciliation 15 days ago now finds 5 more at 4 before it: its difference shrinks by 20, once the job has run
    expect(await adjusted()).toEqual([]);
    release();
    await completed(item);
    const rows = await adjusted();
    expect(rows.length).toBe(2);
    expect(rows.find((r: any) => r.account === stockAccount)).toMatchObject({ debit: 0, credit: 20 });
    expect(rows[0].remarks).toContain('background repost');
    expect(await stockGl()).toBe(await stockValue());

    await cancel(back).expect(200);
    await completed(item);
    expect((await adjusted()).length).toBe(4);
    expect(await stockGl()).toBe(await stockValue());
    const integrity = (await t.http.get('/api/method/docket.accounts.check_ledger_integrity').query({ company: CO }).set('Authorization', admin).expect(200)).body.message;
    expect(integrity).toEqual({ ok: true, problems: [] });
  });

  mariaIt('refuses a backdated entry left to the background repost when a closed Accounting Period holds a later entry it would revalue, naming the period', async () => {
    await setLimit(3);
    const item = await newItem();
    await history(item);
    const period = `RP Closed ${process.pid}`;
    await t.http
      .post('/api/resource/Accounting Period')
      .set('Authorization', admin)
      .send({ period_name: period, company: CO, start_date: daysAgo(18), end_date: daysAgo(16), closed_documents: [{ document_type: 'Stock Entry', closed: 1 }] })
      .expect(200);
    const before = await values(item);
    const refused = await entry({ stock_entry_type: 'Material Receipt', items: [{ item_code: item, qty: 5, basic_rate: 4, t_warehouse: STORES }], ...at(25) });
    expect(refused.status).toBe(417);
    expect(refused.body.exception).toContain(`closed Accounting Period ${period}`);
    expect(await values(item)).toEqual(before);
    expect(await reposts(item)).toEqual([]);
    // a backdated entry after the period, with more later entries than the limit, is queued as before
    await receipt(item, 1, 4, 15);
    expect((await reposts(item)).length).toBe(1);
    await completed(item);
  });
});
