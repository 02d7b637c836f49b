import { Injectable } from '@nestjs/common';
import { Ctx } from '../../kernel/db/context';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { hashName } from '../../kernel/document/naming';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { Money } from '../../kernel/money/decimal';
import { timestamp } from '../../kernel/time/clock';
import { StockRepostGl, StockVoucherRef } from '../accounting/stock-repost-gl';
import { NegativeStockError } from './errors';
import { afterParams, AFTER_SQL, comparePositions, LedgerPosition, NOT_AFTER_SQL, ORDER_DESC_SQL, ORDER_SQL } from './ledger-position';
import { queueRepost, refuseClosedPeriodAhead } from './repost-queue';
import { countLaterEntries, negativeLaterBalance, shiftLaterQuantities } from './repost-quantities';
import { readStockPolicy, StockPolicy } from './stock-settings';
import { EMPTY_STATE, queueFromJson, queueToJson, StockMove, StockState, ValuationMethod, ValuationOptions, valueMove } from './valuation';

const SLE = 'Stock Ledger Entry';
const SLE_TABLE = '`tabStock Ledger Entry`';
/** The voucher type whose entries set a quantity and rate instead of moving them (ERPNext's rule). */
const RECONCILIATION = 'Stock Reconciliation';

/** The voucher a set of moves belongs to. */
export interface StockVoucher {
  voucher_type: string;
  voucher_no: string;
  company: string;
  posting_date: string;
  /** HH:MM:SS.ffffff */
  posting_time: string;
}

/** One move of one item in one warehouse, in the stock UOM. */
export interface LedgerMove {
  item_code: string;
  warehouse: string;
  /** the voucher row it comes from */
  voucher_detail_no: string;
  /** signed: > 0 receives, < 0 issues (ignored for a reconcile) */
  qty?: Money;
  /** a receipt's rate per stock UOM */
  incoming_rate?: Money;
  /** a receipt valued at what the issue of the same voucher row just took out (a transfer's target leg) */
  rate_from_issue?: boolean;
  /** a Stock Reconciliation row: the quantity and rate the item is set to */
  reconcile?: { qty: Money; rate: Money };
}

/** What posting a move wrote: its SLE and the rate it was valued at (ERPNext writes it back onto the row). */
export interface PostedMove {
  move: LedgerMove;
  sle: string;
  actualQty: Money;
  /** value in or out per unit (|stock_value_difference| / |qty|) */
  rate: Money;
  stockValueDifference: Money;
  /** state before the move (a reconciliation row shows it as current_qty / current_valuation_rate) */
  before: StockState;
}

type Row = Record<string, any>;

interface ItemRules {
  method: ValuationMethod;
  allowNegative: boolean;
  stockUom: string | null;
}

let lastStampMs = 0;
let stampSeq = 0;
/** A creation stamp that increases within this process: entries of one voucher keep their order. */
function ledgerStamp(): string {
  const ms = Date.now();
  stampSeq = ms === lastStampMs ? Math.min(stampSeq + 1, 999) : 0;
  lastStampMs = ms;
  return `${timestamp(ms).slice(0, 23)}${String(stampSeq).padStart(3, '0')}`;
}

function stateOf(row: Row | undefined): StockState {
  if (!row) return EMPTY_STATE;
  return { qty: new Money(row.qty_after_transaction), rate: new Money(row.valuation_rate), value: new Money(row.stock_value), queue: queueFromJson(row.stock_queue) };
}

const keyOf = (item: string, warehouse: string) => JSON.stringify([item, warehouse]);

/**
 * A backdated move's later entries: revalued before commit (`inline`), or, when more than Stock
 * Settings' repost_in_transaction_limit, left to the background repost with their quantities
 * already shifted (`queued`, MariaDB only: SQLite's transactions are serial and its decimals text,
 * so it always revalues inline).
 */
interface LaterEntries {
  item: string;
  warehouse: string;
  from: LedgerPosition;
  queued: boolean;
}

/** Where the background repost starts a batch: after an entry it revalued, or at a posting_datetime. */
export type RepostCursor = { afterEntry: string } | { fromDatetime: string };

/**
 * The stock ledger: every stock move passes through `post` (and `cancel`), whatever the voucher.
 * It locks the Bins of the moves in one sorted order, values each move from the entry before it
 * in posting order (FIFO or Moving Average, src/domain/stock/valuation), refuses negative stock,
 * appends the Stock Ledger Entries, revalues later entries of a backdated move, and sets each Bin
 * to its ledger's last entry. Runs in the caller's transaction, as the system.
 */
@Injectable()
export class StockLedger {
  constructor(
    private readonly docs: DocumentService,
    private readonly registry: MetaRegistry,
    private readonly db: Database,
    /** adjusts the stock GL of the vouchers a repost revalued (perpetual inventory), in the repost's transaction */
    private readonly repostGl: StockRepostGl,
  ) {}

  /**
   * Reads of the ledger once its Bins are locked: a locking read on MariaDB, because a plain one
   * would see the transaction's snapshot, taken before the lock, and miss entries committed since.
   */
  private get latest(): string {
    return this.db.forUpdate;
  }

  async post(ctx: Ctx, voucher: StockVoucher, moves: LedgerMove[]): Promise<PostedMove[]> {
    if (!moves.length) return [];
    return ctx.asSystem(async (sys) => {
      const policy = await readStockPolicy(sys);
      const opts = await this.valuationOptions(sys, voucher.company);
      const items = await this.itemRules(sys, policy, moves.map((m) => m.item_code));
      const bins = await this.lockBins(sys, moves);
      const postingDatetime = `${voucher.posting_date} ${voucher.posting_time}`;
      const posted: PostedMove[] = [];
      /** per (item, warehouse): the first new entry that has later entries after it */
      const backdated = new Map<string, LaterEntries>();
      /** per (item, warehouse) with nothing after its new entries: the last one's state, what its Bin is set to */
      const ends = new Map<string, { state: StockState; stockUom: string | null }>();
      for (const move of moves) {
        const rules = items.get(move.item_code)!;
        const at: LedgerPosition = { posting_datetime: postingDatetime, creation: ledgerStamp(), name: hashName() };
        const { prev, hasLater } = await this.previous(sys, move.item_code, move.warehouse, at);
        const before = stateOf(prev);
        const valued = valueMove(rules.method, before, this.stockMove(move, posted), opts);
        if (!rules.allowNegative && valued.state.qty.isNegative()) throw this.negative(move.item_code, move.warehouse, valued.state.qty, before.qty);
        const actualQty = move.reconcile ? valued.qtyChange : valued.actualQty;
        await this.docs.insertRecord(sys, SLE, {
          name: at.name,
          creation: at.creation,
          modified: at.creation,
          docstatus: 1,
          item_code: move.item_code,
          warehouse: move.warehouse,
          posting_date: voucher.posting_date,
          posting_time: voucher.posting_time,
          posting_datetime: postingDatetime,
          voucher_type: voucher.voucher_type,
          voucher_no: voucher.voucher_no,
          voucher_detail_no: move.voucher_detail_no,
          actual_qty: actualQty,
          qty_after_transaction: valued.state.qty,
          incoming_rate: valued.incomingRate,
          outgoing_rate: valued.outgoingRate,
          valuation_rate: valued.state.rate,
          stock_value: valued.state.value,
          stock_value_difference: valued.stockValueDifference,
          stock_queue: queueToJson(valued.state.queue),
          stock_uom: rules.stockUom,
          company: voucher.company,
          is_cancelled: 0,
          recalculate_rate: move.rate_from_issue ? 1 : 0,
        });
        posted.push({ move, sle: at.name, actualQty, rate: valued.rowRate, stockValueDifference: valued.stockValueDifference, before });
        const key = keyOf(move.item_code, move.warehouse);
        if (!hasLater && !backdated.has(key)) {
          ends.set(key, { state: valued.state, stockUom: rules.stockUom });
          continue;
        }
        ends.delete(key);
        if (!hasLater) continue;
        const later = backdated.get(key) ?? (await this.laterEntries(sys, policy, move.item_code, move.warehouse, at));
        backdated.set(key, later);
        if (later.queued) await shiftLaterQuantities(sys, move.item_code, move.warehouse, at, actualQty, this.latest);
      }
      const revalued: StockVoucherRef[] = [];
      for (const later of backdated.values()) revalued.push(...(await this.settleLater(sys, voucher.company, later, items.get(later.item)!, opts)));
      await this.repostGl.adjust(sys, revalued, `the backdated ${voucher.voucher_type} ${voucher.voucher_no}`, voucher);
      await this.syncBins(sys, bins, ends);
      return posted;
    });
  }

  /**
   * Reverses a voucher: its entries are marked is_cancelled (never deleted), later entries of the
   * same items and warehouses are revalued without them, and the Bins follow. Refused, with
   * nothing written, when the reversal would take stock below zero at any point after it.
   */
  async cancel(ctx: Ctx, voucher: Pick<StockVoucher, 'voucher_type' | 'voucher_no' | 'company'>): Promise<void> {
    await ctx.asSystem(async (sys) => {
      const rows = await sys.db.query(
        `SELECT name, item_code, warehouse, posting_datetime, creation, actual_qty FROM ${SLE_TABLE} WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0 ORDER BY ${ORDER_SQL}${this.latest}`,
        [voucher.voucher_type, voucher.voucher_no],
      );
      if (!rows.length) return;
      const policy = await readStockPolicy(sys);
      const opts = await this.valuationOptions(sys, voucher.company);
      const items = await this.itemRules(sys, policy, rows.map((r) => String(r.item_code)));
      const bins = await this.lockBins(sys, rows.map((r) => ({ item_code: String(r.item_code), warehouse: String(r.warehouse) })));
      await sys.db.write('tabStock Ledger Entry', `UPDATE ${SLE_TABLE} SET is_cancelled = 1 WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0`, [
        voucher.voucher_type,
        voucher.voucher_no,
      ]);
      const firsts = new Map<string, LaterEntries>();
      for (const r of rows) {
        const key = keyOf(r.item_code, r.warehouse);
        const at: LedgerPosition = { posting_datetime: r.posting_datetime, creation: r.creation, name: r.name };
        const later = firsts.get(key) ?? (await this.laterEntries(sys, policy, String(r.item_code), String(r.warehouse), at));
        firsts.set(key, later);
        if (later.queued) await shiftLaterQuantities(sys, later.item, later.warehouse, at, new Money(r.actual_qty).neg(), this.latest);
      }
      const revalued: StockVoucherRef[] = [];
      for (const later of firsts.values()) revalued.push(...(await this.settleLater(sys, voucher.company, later, items.get(later.item)!, opts)));
      await this.repostGl.adjust(sys, revalued, `the cancellation of ${voucher.voucher_type} ${voucher.voucher_no}`, voucher);
      await this.syncBins(sys, bins);
    });
  }

  /** The (item, warehouse)'s valuation rate now: what a receipt without a rate is valued at (0 when it has none). */
  async currentRate(ctx: Ctx, item: string, warehouse: string): Promise<Money> {
    const [last] = await ctx.db.query(
      `SELECT valuation_rate FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 ORDER BY ${ORDER_DESC_SQL} LIMIT 1`,
      [item, warehouse],
    );
    return new Money(last?.valuation_rate ?? 0);
  }

  /** The entry just before `at` in its ledger, and whether any entry comes after `at`. */
  private async previous(sys: Ctx, item: string, warehouse: string, at: LedgerPosition): Promise<{ prev?: Row; hasLater: boolean }> {
    const [last] = await sys.db.query(
      `SELECT * FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`,
      [item, warehouse],
    );
    if (!last || comparePositions(last as LedgerPosition, at) < 0) return { prev: last, hasLater: false };
    const [prev] = await sys.db.query(
      `SELECT * FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${NOT_AFTER_SQL} ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`,
      [item, warehouse, ...afterParams(at)],
    );
    return { prev, hasLater: true };
  }

  /**
   * Revalues up to `limit` entries of the (item, warehouse) from `cursor` on, in posting order, in
   * the caller's transaction (the Bin locked): one batch of the background repost. Quantities are
   * exact already, so nothing is refused here. Returns how many entries it revalued and the last.
   */
  async revalueBatch(ctx: Ctx, item: string, warehouse: string, cursor: RepostCursor, limit: number): Promise<{ revalued: number; last?: string }> {
    return ctx.asSystem(async (sys) => {
      const policy = await readStockPolicy(sys);
      const rules = (await this.itemRules(sys, policy, [item])).get(item);
      const company = await sys.getValue('Warehouse', warehouse, ['company']);
      if (!rules || !company) return { revalued: 0 };
      const opts = await this.valuationOptions(sys, String(company.company));
      const scope = `item_code = ? AND warehouse = ? AND is_cancelled = 0`;
      let start: Row | undefined;
      let later: Row[];
      if ('afterEntry' in cursor) {
        const [at] = await sys.db.query<LedgerPosition>(`SELECT posting_datetime, creation, name FROM ${SLE_TABLE} WHERE name = ?`, [cursor.afterEntry]);
        if (!at) return { revalued: 0 };
        [start] = await sys.db.query(`SELECT * FROM ${SLE_TABLE} WHERE ${scope} AND ${NOT_AFTER_SQL} ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`, [item, warehouse, ...afterParams(at)]);
        later = await sys.db.query(`SELECT * FROM ${SLE_TABLE} WHERE ${scope} AND ${AFTER_SQL} ORDER BY ${ORDER_SQL} LIMIT ${limit}${this.latest}`, [item, warehouse, ...afterParams(at)]);
      } else {
        [start] = await sys.db.query(`SELECT * FROM ${SLE_TABLE} WHERE ${scope} AND posting_datetime < ? ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`, [item, warehouse, cursor.fromDatetime]);
        later = await sys.db.query(`SELECT * FROM ${SLE_TABLE} WHERE ${scope} AND posting_datetime >= ? ORDER BY ${ORDER_SQL} LIMIT ${limit}${this.latest}`, [item, warehouse, cursor.fromDatetime]);
      }
      const revalued = await this.revalueEntries(sys, item, warehouse, stateOf(start), later, rules, opts, false);
      await this.repostGl.adjust(sys, revalued, `the background repost of Item ${item} in Warehouse ${warehouse}`);
      return { revalued: later.length, last: later.at(-1)?.name as string | undefined };
    });
  }

  /** Counts a backdated move's later entries (up to the limit) to choose between revaluing them now and queueing them. */
  private async laterEntries(sys: Ctx, policy: StockPolicy, item: string, warehouse: string, from: LedgerPosition): Promise<LaterEntries> {
    const queued = this.db.engine === 'mariadb' && (await countLaterEntries(sys, item, warehouse, from, policy.repostInTransactionLimit)) > policy.repostInTransactionLimit;
    return { item, warehouse, from, queued };
  }

  /**
   * Later entries after every move of the voucher is written: revalued now, or (their quantities
   * shifted already) checked for a balance below zero in one query and queued for the background repost.
   */
  private async settleLater(sys: Ctx, company: string, later: LaterEntries, rules: ItemRules, opts: ValuationOptions): Promise<StockVoucherRef[]> {
    if (!later.queued) return this.revalue(sys, later.item, later.warehouse, later.from, rules, opts);
    if (!rules.allowNegative) {
      const negative = await negativeLaterBalance(sys, later.item, later.warehouse, later.from);
      if (negative) {
        const { qty, entry } = negative;
        throw this.negative(later.item, later.warehouse, qty, qty.minus(entry.actual_qty), `${entry.voucher_type} ${entry.voucher_no} on ${entry.posting_date}`);
      }
    }
    await refuseClosedPeriodAhead(sys, company, later.item, later.warehouse, later.from.posting_datetime);
    await queueRepost(sys, later.item, later.warehouse, later.from.posting_datetime);
    return [];
  }

  /**
   * Revalues, in posting order, every entry of the (item, warehouse) after `from` (which is itself
   * correct), so the ledger equals its replay; refuses a result that goes below zero.
   */
  private async revalue(sys: Ctx, item: string, warehouse: string, from: LedgerPosition, rules: ItemRules, opts: ValuationOptions): Promise<StockVoucherRef[]> {
    const [start] = await sys.db.query(
      `SELECT * FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${NOT_AFTER_SQL} ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`,
      [item, warehouse, ...afterParams(from)],
    );
    const later = await sys.db.query(
      `SELECT * FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 AND ${AFTER_SQL} ORDER BY ${ORDER_SQL}${this.latest}`,
      [item, warehouse, ...afterParams(from)],
    );
    return this.revalueEntries(sys, item, warehouse, stateOf(start), later, rules, opts, !rules.allowNegative);
  }

  /**
   * Replays `entries` in order from `state`, writing each one whose values change; `refuseNegative`
   * stops at a balance below zero. Returns the vouchers whose stock_value_difference changed.
   */
  private async revalueEntries(sys: Ctx, item: string, warehouse: string, state: StockState, entries: Row[], rules: ItemRules, opts: ValuationOptions, refuseNegative: boolean): Promise<StockVoucherRef[]> {
    const revalued: StockVoucherRef[] = [];
    for (const sle of entries) {
      const before = state;
      const valued = valueMove(rules.method, before, this.replayMove(sle), opts);
      if (refuseNegative && valued.state.qty.isNegative()) {
        throw this.negative(item, warehouse, valued.state.qty, before.qty, `${sle.voucher_type} ${sle.voucher_no} on ${sle.posting_date}`);
      }
      state = valued.state;
      const actualQty = sle.voucher_type === RECONCILIATION ? valued.qtyChange : valued.actualQty;
      const next = {
        actual_qty: actualQty,
        qty_after_transaction: state.qty,
        valuation_rate: state.rate,
        stock_value: state.value,
        stock_value_difference: valued.stockValueDifference,
        stock_queue: queueToJson(state.queue),
      };
      const unchanged =
        actualQty.eq(sle.actual_qty) &&
        state.qty.eq(sle.qty_after_transaction) &&
        state.rate.eq(sle.valuation_rate) &&
        state.value.eq(sle.stock_value) &&
        valued.stockValueDifference.eq(sle.stock_value_difference) &&
        next.stock_queue === sle.stock_queue;
      if (!unchanged) await sys.updateWhere(SLE, next, { name: sle.name });
      if (!valued.stockValueDifference.eq(sle.stock_value_difference)) revalued.push({ voucher_type: sle.voucher_type, voucher_no: sle.voucher_no });
    }
    return revalued;
  }

  /** How a stored entry is replayed: a reconciliation resets, otherwise its sign says receipt or issue. */
  private replayMove(sle: Row): StockMove {
    if (sle.voucher_type === RECONCILIATION) return { kind: 'reconcile', qty: new Money(sle.qty_after_transaction), rate: new Money(sle.valuation_rate) };
    const qty = new Money(sle.actual_qty);
    if (qty.isPositive() && !qty.isZero()) return { kind: 'receipt', qty, incomingRate: new Money(sle.incoming_rate) };
    const outgoing = new Money(sle.outgoing_rate);
    return { kind: 'issue', qty: qty.neg(), ...(outgoing.gt(0) ? { outgoingRate: outgoing } : {}) };
  }

  private stockMove(move: LedgerMove, posted: PostedMove[]): StockMove {
    if (move.reconcile) return { kind: 'reconcile', qty: move.reconcile.qty, rate: move.reconcile.rate };
    const qty = move.qty ?? new Money(0);
    if (qty.isNegative()) return { kind: 'issue', qty: qty.neg() };
    if (move.rate_from_issue) {
      const leg = [...posted].reverse().find((p) => p.move.voucher_detail_no === move.voucher_detail_no && p.actualQty.isNegative());
      return { kind: 'receipt', qty, incomingRate: leg?.rate ?? new Money(0) };
    }
    return { kind: 'receipt', qty, incomingRate: move.incoming_rate ?? new Money(0) };
  }

  /** Locks the Bins of the moves (created on first use) in one sorted order. */
  private lockBins(sys: Ctx, moves: { item_code: string; warehouse: string }[]): Promise<Row[]> {
    return sys.lockKeys('Bin', moves.map((m) => ({ item_code: m.item_code, warehouse: m.warehouse })));
  }

  /**
   * Sets each locked Bin to its ledger: actual qty and value from the last entry, projected qty
   * moved by the same amount (also how the background repost ends). `known` holds the last entry's
   * state where the caller has just written it (a move with nothing after it): no read for those.
   */
  async syncBins(sys: Ctx, bins: Row[], known: ReadonlyMap<string, { state: StockState; stockUom: string | null }> = new Map()): Promise<void> {
    for (const bin of bins) {
      let last = known.get(keyOf(bin.item_code, bin.warehouse));
      if (!last) {
        const [row] = await sys.db.query(
          `SELECT qty_after_transaction, valuation_rate, stock_value, stock_uom FROM ${SLE_TABLE} WHERE item_code = ? AND warehouse = ? AND is_cancelled = 0 ORDER BY ${ORDER_DESC_SQL} LIMIT 1${this.latest}`,
          [bin.item_code, bin.warehouse],
        );
        last = { state: stateOf(row), stockUom: (row?.stock_uom as string | undefined) ?? null };
      }
      const change = last.state.qty.minus(bin.actual_qty);
      await sys.updateWhere(
        'Bin',
        {
          actual_qty: last.state.qty,
          projected_qty: new Money(bin.projected_qty).plus(change),
          valuation_rate: last.state.rate,
          stock_value: last.state.value,
          ...(last.stockUom ? { stock_uom: last.stockUom } : {}),
        },
        { name: bin.name },
      );
    }
  }

  /** Each item's valuation rules (one read per item and transaction: the voucher's validation has read them already). */
  private async itemRules(sys: Ctx, policy: StockPolicy, codes: string[]): Promise<Map<string, ItemRules>> {
    const rules = new Map<string, ItemRules>();
    for (const code of new Set(codes)) {
      const r = await sys.getValue('Item', code, ['name', 'valuation_method', 'allow_negative_stock', 'stock_uom']);
      if (!r) continue;
      rules.set(code, {
        method: (r.valuation_method as ValuationMethod) || policy.valuationMethod,
        allowNegative: policy.allowNegativeStock || Number(r.allow_negative_stock) === 1,
        stockUom: (r.stock_uom as string) ?? null,
      });
    }
    return rules;
  }

  private async valuationOptions(sys: Ctx, company: string): Promise<ValuationOptions> {
    const row = await sys.getValue('Company', company, ['default_currency']);
    return { currencyPrecision: this.registry.numbers.currencyPrecision(row?.default_currency as string | undefined), rounding: this.registry.numbers.roundingMethod };
  }

  private negative(item: string, warehouse: string, after: Money, available: Money, when?: string): NegativeStockError {
    const needed = available.minus(after);
    return new NegativeStockError(
      `${needed.toFixed()} units of Item ${item} needed in Warehouse ${warehouse} to complete this transaction; ${available.toFixed()} available${when ? ` (at ${when})` : ''}`,
    );
  }
}
