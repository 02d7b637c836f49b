import Decimal from 'decimal.js';
import fc from 'fast-check';
import { parseExactJson } from '../../src/kernel/money/json';
import { today } from '../../src/kernel/time/clock';
import { bootApp, TestApp } from '../harness/app';

/**
 * Issue 8's property: random sequences of receipts (some without a rate), issues, transfers,
 * backdated entries, reconciliations and cancellations, on FIFO and Moving Average items, through
 * the REST API. A quantity model of its own replays the accepted vouchers in posting order
 * (posting date and time, then submission order) and says which operations must be refused for
 * negative stock; after every step the ledger's quantities, in posting order, and the Bins equal
 * the model's, nothing is below zero, a refused operation changed nothing, and the
 * ledger-integrity check (values, queues, Bins) finds no problem. A receipt without a rate must
 * be refused exactly when its warehouse has no valuation to fall back on. fast-check prints the
 * seed and the shrunk command list on failure; STOCK_PROP_SEED replays a seed.
 */
describe('stock ledger properties', () => {
  let t: TestApp;
  let admin: string;
  const CO = 'Docket Demo';
  const STORES = 'Stores - DD';
  const FG = 'Finished Goods - DD';
  const WAREHOUSES = [STORES, FG] as const;
  type Warehouse = (typeof WAREHOUSES)[number];
  /** runs per valuation method (STOCK_PROP_RUNS for a longer soak) */
  const NUM_RUNS = Number(process.env.STOCK_PROP_RUNS) || 40;
  /** the time limit: 40 runs take about 8 s a method on SQLite, 15 s on MariaDB */
  const TIME_LIMIT_MS = Math.max(150_000, NUM_RUNS * 2_500);
  let seq = 0;

  // ---- commands -------------------------------------------------------------------------------

  /** When an entry posts: `days` 0 is now (no set_posting_time); otherwise that many days ago at `time`. */
  interface At {
    days: number;
    time: string;
  }
  type Command =
    | { op: 'receipt'; wh: Warehouse; qty: string; rate: string | null; at: At }
    /** qty 'all': the warehouse's balance at the end of the ledger when the step runs (1 when it is 0) */
    | { op: 'issue'; wh: Warehouse; qty: string; at: At }
    | { op: 'transfer'; from: Warehouse; to: Warehouse; qty: string; at: At }
    | { op: 'reconcile'; wh: Warehouse; qty: string; rate: string; at: At }
    | { op: 'cancel'; pick: number };

  /** n / 10^places as an exact decimal string */
  const scaled = (min: number, max: number, places: number) => fc.integer({ min, max }).map((n) => new Decimal(n).div(10 ** places).toFixed());
  /** what receipts and reconciliations bring: 1 to 20 with up to 3 places */
  const qty = scaled(1_000, 20_000, 3);
  /** what issues and transfers take: 0.5 to 8 with up to 3 places, so that most of them are accepted */
  const outQty = scaled(500, 8_000, 3);
  /** 0.5 to 100 with 2 places */
  const rate = scaled(50, 10_000, 2);
  const warehouse = fc.constantFrom<Warehouse>(...WAREHOUSES);
  const at: fc.Arbitrary<At> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ days: 0, time: '' }) },
    { weight: 3, arbitrary: fc.record({ days: fc.integer({ min: 1, max: 5 }), time: fc.constantFrom('08:00:00', '12:30:00', '17:45:00') }) },
  );
  const receipt = (withRate: fc.Arbitrary<string | null>, when = at) => fc.record({ op: fc.constant('receipt' as const), wh: warehouse, qty, rate: withRate, at: when });
  const command: fc.Arbitrary<Command> = fc.oneof(
    { weight: 5, arbitrary: receipt(fc.oneof({ weight: 5, arbitrary: rate }, { weight: 1, arbitrary: fc.constant(null) })) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('issue' as const), wh: warehouse, qty: outQty, at }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('issue' as const), wh: warehouse, qty: fc.constant('all'), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('transfer' as const), from: warehouse, qty: outQty, at }).map((c) => ({ ...c, to: (c.from === STORES ? FG : STORES) as Warehouse })) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('reconcile' as const), wh: warehouse, qty: fc.oneof(qty, fc.constant('0')), rate, at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat(20) }) },
  );
  /**
   * A run: a receipt with a rate first (an item with no valuation refuses one without), most
   * often backdated so that later issues find stock, then 3 to 11 commands.
   */
  const commands = fc.tuple(receipt(rate, fc.oneof(at, fc.record({ days: fc.constant(5), time: fc.constant('08:00:00') }))), fc.array(command, { minLength: 3, maxLength: 11 })).map(([first, rest]) => [first, ...rest] as Command[]);

  // ---- the model ------------------------------------------------------------------------------

  /** One warehouse leg of a voucher: moves `delta`, or (a reconciliation) sets the balance to `set`. */
  type Leg = { wh: Warehouse; delta: Decimal } | { wh: Warehouse; set: Decimal };
  /** A submitted, not cancelled voucher; `step` orders entries of one posting time as creation does. */
  interface Voucher {
    doctype: 'Stock Entry' | 'Stock Reconciliation';
    name: string;
    at: At;
    step: number;
    legs: Leg[];
  }
  /** What a warehouse's ledger must hold, in posting order. */
  interface ExpectedEntry {
    voucher: string;
    actual_qty: string;
    qty_after_transaction: string;
  }

  const postingOrder = (a: Voucher, b: Voucher) => b.at.days - a.at.days || (a.at.time < b.at.time ? -1 : a.at.time > b.at.time ? 1 : 0) || a.step - b.step;

  /** Replays vouchers in posting order: each warehouse's entries and balance, and whether any balance goes below zero. */
  function replay(vouchers: Voucher[]): { ledgers: Record<Warehouse, ExpectedEntry[]>; balances: Record<Warehouse, Decimal>; negative: boolean } {
    const ledgers = { [STORES]: [], [FG]: [] } as Record<Warehouse, ExpectedEntry[]>;
    const balances = { [STORES]: new Decimal(0), [FG]: new Decimal(0) } as Record<Warehouse, Decimal>;
    let negative = false;
    for (const v of [...vouchers].sort(postingOrder)) {
      for (const leg of v.legs) {
        const before = balances[leg.wh];
        const after = 'set' in leg ? leg.set : before.plus(leg.delta);
        if (after.isNegative()) negative = true;
        balances[leg.wh] = after;
        ledgers[leg.wh].push({ voucher: v.name, actual_qty: after.minus(before).toFixed(), qty_after_transaction: after.toFixed() });
      }
    }
    return { ledgers, balances, negative };
  }

  /** The legs a command's voucher posts (a transfer: the source first, as the engine writes them). */
  function legsOf(c: Exclude<Command, { op: 'cancel' }>): Leg[] {
    const q = new Decimal(c.qty);
    switch (c.op) {
      case 'receipt':
        return [{ wh: c.wh, delta: q }];
      case 'issue':
        return [{ wh: c.wh, delta: q.neg() }];
      case 'transfer':
        return [
          { wh: c.from, delta: q.neg() },
          { wh: c.to, delta: q },
        ];
      case 'reconcile':
        return [{ wh: c.wh, set: q }];
    }
  }

  // ---- the API --------------------------------------------------------------------------------

  /** `At` as a voucher's fields; `base` is the run's first day, so a run that crosses midnight keeps its order. */
  const posting = (a: At, base: string) =>
    a.days === 0 ? {} : { set_posting_time: 1, posting_date: new Date(Date.parse(`${base}T00:00:00Z`) - a.days * 86_400_000).toISOString().slice(0, 10), posting_time: a.time };
  /** A number of a response as its exact digits. */
  const exact = (v: unknown) => new Decimal(String(v)).toFixed();

  function send(item: string, base: string, c: Command, target?: Voucher) {
    const post = (doctype: string, body: Record<string, unknown>) =>
      t.http.post(`/api/resource/${doctype}`).set('Authorization', admin).send({ company: CO, docstatus: 1, ...body });
    switch (c.op) {
      case 'receipt':
        return post('Stock Entry', { stock_entry_type: 'Material Receipt', ...posting(c.at, base), items: [{ item_code: item, qty: c.qty, t_warehouse: c.wh, ...(c.rate === null ? {} : { basic_rate: c.rate }) }] });
      case 'issue':
        return post('Stock Entry', { stock_entry_type: 'Material Issue', ...posting(c.at, base), items: [{ item_code: item, qty: c.qty, s_warehouse: c.wh }] });
      case 'transfer':
        return post('Stock Entry', { stock_entry_type: 'Material Transfer', ...posting(c.at, base), items: [{ item_code: item, qty: c.qty, s_warehouse: c.from, t_warehouse: c.to }] });
      case 'reconcile':
        return post('Stock Reconciliation', { ...posting(c.at, base), items: [{ item_code: item, warehouse: c.wh, qty: c.qty, valuation_rate: c.rate }] });
      case 'cancel':
        return t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: target!.doctype, name: target!.name });
    }
  }

  const list = async (doctype: string, filters: Record<string, unknown>, fields: string[], order_by: string) => {
    const res = await t.http
      .get(`/api/resource/${doctype}`)
      .query({ filters: JSON.stringify(filters), fields: JSON.stringify(fields), order_by, limit_page_length: 1000 })
      .set('Authorization', admin)
      .expect(200);
    return (parseExactJson(res.text) as { data: Record<string, unknown>[] }).data;
  };

  const SLE_FIELDS = ['name', 'warehouse', 'voucher_type', 'voucher_no', 'posting_datetime', 'creation', 'is_cancelled', 'actual_qty', 'qty_after_transaction', 'incoming_rate', 'valuation_rate', 'stock_value', 'stock_value_difference', 'stock_queue'];
  const NUMERIC = new Set(['actual_qty', 'qty_after_transaction', 'incoming_rate', 'valuation_rate', 'stock_value', 'stock_value_difference', 'projected_qty']);
  const normalise = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, NUMERIC.has(k) ? exact(v) : v]));

  /** Every ledger entry of the item (cancelled too) in posting order, and its Bins: what a refused operation must leave as it was. */
  async function snapshot(item: string) {
    const sles = (await list('Stock Ledger Entry', { item_code: item }, SLE_FIELDS, 'posting_datetime asc, creation asc')).map(normalise);
    const bins = (await list('Bin', { item_code: item }, ['warehouse', 'actual_qty', 'projected_qty', 'valuation_rate', 'stock_value'], 'warehouse asc')).map(normalise);
    return { sles, bins };
  }
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;

  /** What the engine values a receipt without a rate at: the warehouse's latest entry's rate (the Item has none). */
  const currentRate = (s: Snapshot, wh: Warehouse) => new Decimal((s.sles.filter((r) => r.warehouse === wh && r.is_cancelled === 0).at(-1)?.valuation_rate as string) ?? 0);

  /** The ledger and Bins equal the model; nothing is below zero; every live entry's balance follows from the one before. */
  function expectModel(s: Snapshot, live: Voucher[]): void {
    const { ledgers, balances } = replay(live);
    for (const wh of WAREHOUSES) {
      const rows = s.sles.filter((r) => r.warehouse === wh && r.is_cancelled === 0);
      expect({ wh, entries: rows.map((r) => ({ voucher: r.voucher_no, actual_qty: r.actual_qty, qty_after_transaction: r.qty_after_transaction })) }).toEqual({ wh, entries: ledgers[wh] });
      let running = new Decimal(0);
      for (const r of rows) {
        running = running.plus(r.actual_qty as string);
        expect({ wh, entry: r.name, qty_after_transaction: r.qty_after_transaction }).toEqual({ wh, entry: r.name, qty_after_transaction: running.toFixed() });
      }
      const bin = s.bins.find((b) => b.warehouse === wh);
      expect({ wh, actual_qty: bin?.actual_qty ?? '0' }).toEqual({ wh, actual_qty: balances[wh].toFixed() });
    }
    for (const b of s.bins) expect({ bin: b.warehouse, negative: new Decimal(b.actual_qty as string).isNegative() }).toEqual({ bin: b.warehouse, negative: false });
  }

  async function expectIntegrity(item: string, s: Snapshot): Promise<void> {
    const res = await t.http.get('/api/method/docket.stock.check_ledger_integrity').query({ item_code: item }).set('Authorization', admin).expect(200);
    expect(res.body.message).toEqual({ ok: true, problems: [], pending: [], checked: s.bins.length });
  }

  /** Plays one command list on a fresh item; throws (a Jest assertion) at the first step that breaks a property. */
  async function run(method: 'FIFO' | 'Moving Average', cmds: Command[]): Promise<void> {
    const item = `PROP-${process.pid}-${++seq}`;
    await t.http.post('/api/resource/Item').set('Authorization', admin).send({ item_code: item, item_group: 'Products', stock_uom: 'Nos', valuation_method: method }).expect(200);
    const base = today();
    const live: Voucher[] = [];
    for (const [step, drawn] of cmds.entries()) {
      const balance = drawn.op === 'issue' && drawn.qty === 'all' ? replay(live).balances[drawn.wh] : undefined;
      const c: Command = balance ? { ...(drawn as Extract<Command, { op: 'issue' }>), qty: balance.gt(0) ? balance.toFixed() : '1' } : drawn;
      const before = await snapshot(item);
      const target = c.op === 'cancel' ? live[c.pick % Math.max(live.length, 1)] : undefined;
      if (c.op === 'cancel' && !target) continue;
      const voucher: Voucher | undefined = c.op === 'cancel' ? undefined : { doctype: c.op === 'reconcile' ? 'Stock Reconciliation' : 'Stock Entry', name: '', at: c.at, step, legs: legsOf(c) };
      // what must happen: refused when stock would go below zero anywhere, or a receipt has no rate to fall back on
      const after = c.op === 'cancel' ? live.filter((v) => v !== target) : [...live, voucher!];
      const rateless = c.op === 'receipt' && c.rate === null && !currentRate(before, c.wh).gt(0);
      const expected = rateless ? { status: 417, exc_type: 'ValidationError' } : replay(after).negative ? { status: 417, exc_type: 'NegativeStockError' } : { status: 200 };

      const res = await send(item, base, c, target);
      const what = { step, command: c, ...(target ? { cancels: target.name } : {}) };
      // only 200 or 417, and the one the model says
      if (res.status !== expected.status || (res.status !== 200 && res.body.exc_type !== expected.exc_type)) {
        throw new Error(`${JSON.stringify(what)}: expected ${JSON.stringify(expected)}, got ${res.status} ${res.text.slice(0, 500)}`);
      }

      const now = await snapshot(item);
      if (res.status !== 200) {
        expect({ what, ...now }).toEqual({ what, ...before });
        if (target) expect((await t.http.get(`/api/resource/${target.doctype}/${target.name}`).set('Authorization', admin).expect(200)).body.data.docstatus).toBe(1);
      } else if (target) {
        live.splice(live.indexOf(target), 1);
        expect(now.sles.length).toBe(before.sles.length);
        expect(now.sles.filter((r) => r.voucher_no === target.name).map((r) => r.is_cancelled)).toEqual(target.legs.map(() => 1));
        expect(now.sles.filter((r) => r.voucher_no !== target.name).map((r) => [r.name, r.is_cancelled])).toEqual(before.sles.filter((r) => r.voucher_no !== target.name).map((r) => [r.name, r.is_cancelled]));
      } else {
        expect(res.body.data.docstatus).toBe(1);
        voucher!.name = res.body.data.name;
        live.push(voucher!);
        expect(now.sles.length).toBe(before.sles.length + voucher!.legs.length);
        expect(now.sles.filter((r) => r.voucher_no === voucher!.name).map((r) => [r.warehouse, r.is_cancelled])).toEqual(expect.arrayContaining(voucher!.legs.map((l) => [l.wh, 0])));
      }
      expectModel(now, live);
      await expectIntegrity(item, now);
    }
  }

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    for (const wh of WAREHOUSES) {
      const res = await t.http.get(`/api/resource/Warehouse/${wh}`).set('Authorization', admin).expect(200);
      expect(res.body.data).toMatchObject({ company: CO, is_group: 0 });
    }
  });
  afterAll(() => t.close());

  it.each(['FIFO', 'Moving Average'] as const)(
    '%s: after every step the ledger equals its replay, the Bins the model, and the integrity check holds',
    async (method) => {
      const seed = process.env.STOCK_PROP_SEED;
      // the time limit also stops a long shrink, so that fast-check (not Jest's timeout) reports the counterexample;
      // runs cut short by it fail rather than pass unseen
      await fc.assert(
        fc.asyncProperty(commands, (cmds) => run(method, cmds)),
        { numRuns: NUM_RUNS, ...(seed ? { seed: Number(seed) } : {}), interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true },
      );
    },
    TIME_LIMIT_MS + 60_000,
  );
});
