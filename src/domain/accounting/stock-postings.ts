import { Ctx } from '../../kernel/db/context';
import { ValidationError } from '../../kernel/errors/errors';
import type { Money } from '../../kernel/money/decimal';
import type { LedgerMove } from '../stock/stock-ledger';
import { GlLine } from './gl-lines';

type Row = Record<string, any>;

/** The company's perpetual-inventory settings a stock voucher's GL lines are built from. */
export interface StockBooks {
  perpetual: boolean;
  defaultInventoryAccount: string | null;
  stockAdjustmentAccount: string | null;
  costOfGoodsSoldAccount: string | null;
  costCenter: string | null;
}

/**
 * What a stock voucher's GL line is built from: the warehouse and voucher row of a move and the
 * value it moved (a PostedMove just written, or a Stock Ledger Entry as it stands after a repost).
 */
export interface StockValueMove {
  move: Pick<LedgerMove, 'warehouse' | 'voucher_detail_no'>;
  stockValueDifference: Money;
}

/** The accounts one move's two GL lines go to. */
export interface StockLineAccounts {
  stockAccount: string;
  diffAccount: string;
  costCenter: string | null;
}

export interface StockPostingOptions {
  company: string;
  /**
   * The account the other side of a move goes to (ERPNext's expense_account / "Difference
   * Account"): a row's expense_account, else the voucher's; null or undefined falls back to the
   * company's stock_adjustment_account.
   */
  differenceAccount?: (posted: StockValueMove) => string | null | undefined;
  /** the cost center of the difference line; the company's cost_center when absent */
  costCenter?: (posted: StockValueMove) => string | null | undefined;
  /** remarks on every line */
  remarks?: string | null;
}

/** Reads the company's perpetual-inventory settings. */
export async function readStockBooks(ctx: Ctx, company: string): Promise<StockBooks> {
  return ctx.asSystem(async (sys) => {
    const [c] = (await sys.db.query('SELECT * FROM `tabCompany` WHERE name = ?', [company])) as Row[];
    if (!c) throw new ValidationError(`Company ${company} not found`);
    return {
      perpetual: Number(c.enable_perpetual_inventory ?? 0) === 1,
      defaultInventoryAccount: c.default_inventory_account || null,
      stockAdjustmentAccount: c.stock_adjustment_account || null,
      costOfGoodsSoldAccount: c.cost_of_goods_sold_account || c.default_expense_account || null,
      costCenter: c.cost_center || null,
    };
  });
}

/**
 * ERPNext's get_warehouse_account: the warehouse's own account, else the nearest parent
 * warehouse's, else the company's default_inventory_account.
 */
export async function warehouseAccounts(ctx: Ctx, warehouses: readonly string[], fallback: string | null): Promise<Map<string, string>> {
  return ctx.asSystem(async (sys) => {
    const out = new Map<string, string>();
    const cache = new Map<string, Row | null>();
    const row = async (name: string): Promise<Row | null> => {
      if (!cache.has(name)) {
        const [r] = (await sys.db.query('SELECT * FROM `tabWarehouse` WHERE name = ?', [name])) as Row[];
        cache.set(name, r ?? null);
      }
      return cache.get(name)!;
    };
    for (const wh of new Set(warehouses)) {
      let account: string | null = null;
      const seen = new Set<string>();
      let cur: string | null = wh;
      while (cur && !seen.has(cur)) {
        seen.add(cur);
        const r = await row(cur);
        if (!r) break;
        if (r.account) {
          account = String(r.account);
          break;
        }
        cur = r.parent_warehouse || null;
      }
      account = account ?? fallback;
      if (!account) throw new ValidationError(`Please set Account in Warehouse ${wh} or Default Inventory Account in Company`);
      out.set(wh, account);
    }
    return out;
  });
}

/**
 * Per move, the accounts its GL lines go to (ERPNext's get_gl_entries of a stock controller): the
 * warehouse's account for the stock side, the row's difference account (else the company's
 * stock_adjustment_account) for the other, with the row's cost center (else the company's).
 * Every move is resolved, also one that moved no value. Null when the company has perpetual
 * inventory off.
 */
export async function stockLineAccounts(ctx: Ctx, moves: readonly StockValueMove[], opts: StockPostingOptions): Promise<StockLineAccounts[] | null> {
  const books = await readStockBooks(ctx, opts.company);
  if (!books.perpetual) return null;
  const accounts = await warehouseAccounts(
    ctx,
    moves.map((p) => p.move.warehouse),
    books.defaultInventoryAccount,
  );
  return moves.map((p) => {
    const diffAccount = opts.differenceAccount?.(p) || books.stockAdjustmentAccount;
    if (!diffAccount) throw new ValidationError('Please set Stock Adjustment Account in Company or a Difference Account on the row');
    return { stockAccount: accounts.get(p.move.warehouse)!, diffAccount, costCenter: opts.costCenter?.(p) || books.costCenter };
  });
}

/**
 * The GL lines of a stock voucher under perpetual inventory (ERPNext's get_gl_entries of a stock
 * controller): per move, its stock_value_difference debited (credited when negative) to the
 * warehouse's account and the opposite on the difference account. Lines of one row on the same
 * account merge in the ledger, so a transfer between warehouses of one account nets to nothing.
 * Returns [] when the company has perpetual inventory off.
 */
export async function stockGlLines(ctx: Ctx, posted: readonly StockValueMove[], opts: StockPostingOptions): Promise<GlLine[]> {
  if (!posted.length) return [];
  const accounts = await stockLineAccounts(ctx, posted, opts);
  return accounts ? linesOf(posted, accounts, opts.remarks ?? null) : [];
}

/** The two lines of each move that moved value, on the accounts resolved for it (same order as `moves`). */
export function linesOf(moves: readonly StockValueMove[], accounts: readonly StockLineAccounts[], remarks: string | null): GlLine[] {
  const lines: GlLine[] = [];
  moves.forEach((p, i) => {
    const value = p.stockValueDifference;
    if (value.isZero()) return;
    const { stockAccount, diffAccount, costCenter } = accounts[i];
    const row = { cost_center: costCenter, voucher_detail_no: p.move.voucher_detail_no, remarks };
    lines.push({ account: stockAccount, debit: value, credit: 0, against: diffAccount, ...row });
    lines.push({ account: diffAccount, debit: 0, credit: value, against: stockAccount, ...row });
  });
  return lines;
}
