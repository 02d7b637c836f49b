import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { Money } from '../../kernel/money/decimal';
import { NumberSettings } from '../../kernel/money/precision';
import { ORDER_SQL } from './ledger-position';
import { scopeConditions, whereSql } from './reports/filters';
import { readStockPolicy, StockPolicy } from './stock-settings';
import { EMPTY_STATE, queueFromJson, queueToJson, queueValue, StockMove, StockState, ValuationMethod, ValuationOptions, valueMove } from './valuation';

/** Which ledgers to check: one item, one warehouse (a group: its descendants), or all. */
export interface IntegrityFilters {
  /** only this company's warehouses (a user restricted to some companies must name one) */
  company?: string;
  item_code?: string;
  warehouse?: string;
}

/** An (item, warehouse) whose revaluation is still to run: its values are not final yet, so only its quantities are checked. */
export interface PendingRepost {
  item_code: string;
  warehouse: string;
  status: string;
}

/** The outcome of a check: ok when no problem was found. */
export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  pending: PendingRepost[];
  /** (item, warehouse) ledgers checked */
  checked: number;
}

/** The columns of a Stock Ledger Entry the check reads (decimals as the driver returns them). */
interface SleRow {
  name: string;
  voucher_type: string;
  voucher_no: string;
  company: string | null;
  actual_qty: Decimal.Value;
  qty_after_transaction: Decimal.Value;
  incoming_rate: Decimal.Value;
  outgoing_rate: Decimal.Value;
  valuation_rate: Decimal.Value;
  stock_value: Decimal.Value;
  stock_value_difference: Decimal.Value;
  stock_queue: string | null;
}

/** The columns of a Bin the check reads. */
interface BinRow {
  actual_qty: Decimal.Value;
  ordered_qty: Decimal.Value;
  indented_qty: Decimal.Value;
  planned_qty: Decimal.Value;
  reserved_qty: Decimal.Value;
  projected_qty: Decimal.Value;
  valuation_rate: Decimal.Value;
  stock_value: Decimal.Value;
}

const RECONCILIATION = 'Stock Reconciliation';
const PENDING_STATUSES = ['Queued', 'In Progress'];

/** How an entry is replayed (ERPNext's rules): a reconciliation sets qty and rate, otherwise the sign of actual_qty says receipt or issue. */
function replayMove(sle: SleRow): StockMove | string {
  if (sle.voucher_type === RECONCILIATION) return { kind: 'reconcile', qty: new Money(sle.qty_after_transaction), rate: new Money(sle.valuation_rate) };
  const qty = new Money(sle.actual_qty);
  if (qty.gt(0)) return { kind: 'receipt', qty, incomingRate: new Money(sle.incoming_rate) };
  if (qty.lt(0)) {
    const outgoing = new Money(sle.outgoing_rate);
    return { kind: 'issue', qty: qty.neg(), ...(outgoing.gt(0) ? { outgoingRate: outgoing } : {}) };
  }
  return 'moves no quantity';
}

const text = (d: Decimal) => d.toFixed();

/** Collects the problems of one (item, warehouse) ledger, each naming it. */
class LedgerProblems {
  constructor(
    private readonly prefix: string,
    private readonly into: string[],
  ) {}

  add(message: string): void {
    this.into.push(`${this.prefix}: ${message}`);
  }

  /** stored == expected, else a problem "<what> is <stored>, expected <expected>" */
  same(what: string, stored: Decimal, expected: Decimal): void {
    if (!stored.eq(expected)) this.add(`${what} is ${text(stored)}, expected ${text(expected)}`);
  }
}

/** What the check needs to know once, for every ledger. */
interface CheckContext {
  policy: StockPolicy;
  numbers: NumberSettings;
  methods: Map<string, ValuationMethod | null>;
  precisions: Map<string, number>;
}

async function valuationMethod(ctx: Ctx, c: CheckContext, item: string): Promise<ValuationMethod> {
  if (!c.methods.has(item)) {
    const [row] = await ctx.db.query('SELECT valuation_method FROM `tabItem` WHERE name = ?', [item]);
    c.methods.set(item, (row?.valuation_method as ValuationMethod) || null);
  }
  return c.methods.get(item) ?? c.policy.valuationMethod;
}

async function valuationOptions(ctx: Ctx, c: CheckContext, company: string | null): Promise<ValuationOptions> {
  const key = company ?? '';
  if (!c.precisions.has(key)) {
    const [row] = company ? await ctx.db.query('SELECT default_currency FROM `tabCompany` WHERE name = ?', [company]) : [];
    c.precisions.set(key, c.numbers.currencyPrecision(row?.default_currency as string | undefined));
  }
  return { currencyPrecision: c.precisions.get(key)!, rounding: c.numbers.roundingMethod };
}

/** Quantities: each entry's balance follows from the one before; the Bin holds the last balance and ERPNext's projected quantity. */
function checkQuantities(p: LedgerProblems, sles: SleRow[], bin: BinRow | undefined): Money {
  let qty = new Money(0);
  let sum = new Money(0);
  for (const sle of sles) {
    const change = new Money(sle.actual_qty);
    sum = sum.add(change);
    p.same(`entry ${sle.name} (${sle.voucher_type} ${sle.voucher_no}) qty_after_transaction`, new Money(sle.qty_after_transaction), qty.add(change));
    qty = new Money(sle.qty_after_transaction);
  }
  if (!bin) {
    if (sles.length) p.add('has ledger entries but no Bin');
    return qty;
  }
  p.same('Bin actual_qty', new Money(bin.actual_qty), sum);
  if (!sum.eq(qty)) p.add(`the sum of actual_qty (${text(sum)}) differs from the last qty_after_transaction (${text(qty)})`);
  const projected = new Money(bin.actual_qty).add(bin.ordered_qty).add(bin.indented_qty).add(bin.planned_qty).sub(bin.reserved_qty);
  p.same('Bin projected_qty', new Money(bin.projected_qty), projected);
  return qty;
}

/** Values: every entry equals its replay in posting order; the Bin holds the last value and rate; FIFO's value is its queue's. */
function checkValues(p: LedgerProblems, sles: SleRow[], bin: BinRow | undefined, method: ValuationMethod, opts: ValuationOptions): void {
  let state: StockState = EMPTY_STATE;
  let valueSum = new Money(0);
  /** entries since the balance was last 0: how many roundings a FIFO stock_value may carry */
  let sinceZero = 0;
  for (const sle of sles) {
    const entry = `entry ${sle.name} (${sle.voucher_type} ${sle.voucher_no})`;
    const move = replayMove(sle);
    if (typeof move === 'string') {
      p.add(`${entry} ${move}`);
      return;
    }
    let valued;
    try {
      valued = valueMove(method, state, move, opts);
    } catch (err) {
      p.add(`${entry} cannot be replayed: ${(err as Error).message}`);
      return;
    }
    state = valued.state;
    p.same(`${entry} qty_after_transaction`, new Money(sle.qty_after_transaction), state.qty);
    p.same(`${entry} valuation_rate`, new Money(sle.valuation_rate), state.rate);
    p.same(`${entry} stock_value`, new Money(sle.stock_value), state.value);
    p.same(`${entry} stock_value_difference`, new Money(sle.stock_value_difference), valued.stockValueDifference);
    if (sle.voucher_type === RECONCILIATION) p.same(`${entry} actual_qty`, new Money(sle.actual_qty), valued.qtyChange);
    const storedQueue = queueToJson(queueFromJson(sle.stock_queue));
    const replayedQueue = queueToJson(state.queue);
    if (storedQueue !== replayedQueue) p.add(`${entry} stock_queue is ${storedQueue}, expected ${replayedQueue}`);
    valueSum = valueSum.add(sle.stock_value_difference);
    sinceZero = new Money(sle.qty_after_transaction).isZero() ? 0 : sinceZero + 1;
  }
  const last = sles[sles.length - 1];
  const lastValue = new Money(last?.stock_value ?? 0);
  if (!valueSum.eq(lastValue)) p.add(`the sum of stock_value_difference (${text(valueSum)}) differs from the last stock_value (${text(lastValue)})`);
  if (bin) {
    p.same('Bin stock_value', new Money(bin.stock_value), lastValue);
    p.same('Bin valuation_rate', new Money(bin.valuation_rate), new Money(last?.valuation_rate ?? 0));
  }
  if (method === 'FIFO' && last) {
    // ERPNext rounds stock_value at every entry: up to half a unit of the currency's last place each.
    const queue = queueValue(queueFromJson(last.stock_queue));
    const tolerance = new Money(10).pow(-opts.currencyPrecision).div(2).mul(sinceZero);
    if (lastValue.sub(queue).abs().gt(tolerance)) p.add(`FIFO stock_value ${text(lastValue)} is not its queue's value ${text(queue)} (within ${text(tolerance)})`);
  }
}

/**
 * The ledger-integrity check (DESIGN.md: balances are caches of the ledger): for every
 * (item, warehouse) with ledger entries or a Bin, replays its non-cancelled entries in posting
 * order with the item's valuation method (Item, else Stock Settings) at its company currency's
 * precision, and compares every entry's qty_after_transaction, valuation_rate, stock_value,
 * stock_value_difference and stock_queue with the replay; checks that the Bin's actual_qty is the
 * sum of actual_qty and the last balance, its stock_value the last stock_value and the sum of
 * stock_value_difference, its projected_qty ERPNext's actual + ordered + indented + planned −
 * reserved, and that a FIFO stock_value is its queue's value within one rounding per entry.
 * A ledger whose Repost Item Valuation is Queued or In Progress has its quantities checked only
 * and is listed in `pending`. Reads only; the caller decides who may run it.
 */
export async function checkStockIntegrity(ctx: Ctx, filters: IntegrityFilters, numbers: NumberSettings): Promise<IntegrityReport> {
  const scope = await scopeConditions(ctx, filters);
  const where = whereSql(scope.sql);
  const pairs = await ctx.db.query<{ item_code: string; warehouse: string }>(
    `SELECT t.item_code, t.warehouse FROM \`tabStock Ledger Entry\` t${where} UNION SELECT t.item_code, t.warehouse FROM \`tabBin\` t${where} ORDER BY item_code, warehouse`,
    [...scope.params, ...scope.params],
  );
  const reposts = await ctx.db.query<PendingRepost>(
    `SELECT item_code, warehouse, status FROM \`tabRepost Item Valuation\` WHERE status IN (${PENDING_STATUSES.map(() => '?').join(', ')})`,
    PENDING_STATUSES,
  );
  const pendingByKey = new Map(reposts.map((r) => [JSON.stringify([r.item_code, r.warehouse]), r]));
  const c: CheckContext = { policy: await readStockPolicy(ctx), numbers, methods: new Map(), precisions: new Map() };
  const problems: string[] = [];
  const pending: PendingRepost[] = [];
  for (const { item_code: item, warehouse } of pairs) {
    const sles = await ctx.db.query<SleRow>(`SELECT * FROM \`tabStock Ledger Entry\` WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 ORDER BY ${ORDER_SQL}`, [item, warehouse]);
    const [bin] = await ctx.db.query<BinRow>('SELECT * FROM `tabBin` WHERE item_code = ? AND warehouse = ?', [item, warehouse]);
    const p = new LedgerProblems(`${item} in ${warehouse}`, problems);
    checkQuantities(p, sles, bin);
    const repost = pendingByKey.get(JSON.stringify([item, warehouse]));
    if (repost) {
      pending.push({ item_code: item, warehouse, status: repost.status });
      continue;
    }
    const opts = await valuationOptions(ctx, c, sles[0]?.company ?? null);
    checkValues(p, sles, bin, await valuationMethod(ctx, c, item), opts);
  }
  return { ok: problems.length === 0, problems, pending, checked: pairs.length };
}
