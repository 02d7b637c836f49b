import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';
import { settlePostingTime } from '../../../domain/stock/posting-time';
import { readStockPolicy } from '../../../domain/stock/stock-settings';
import { LedgerMove, StockLedger } from '../../../domain/stock/stock-ledger';
import { assertStockItem, assertStockWarehouse, conversionFactor } from '../../../domain/stock/warehouses';
import { GeneralLedger } from '../../../domain/accounting/general-ledger';
import { stockGlLines } from '../../../domain/accounting/stock-postings';
import { StockEntryPurpose } from '../stock-entry-type/stock-entry-type.doctype';

const NEEDS: Record<StockEntryPurpose, { source: boolean; target: boolean }> = {
  'Material Issue': { source: true, target: false },
  'Material Receipt': { source: false, target: true },
  'Material Transfer': { source: true, target: true },
};

/**
 * Stock Entry: checks each line (a stock item, a positive quantity, the warehouses its purpose
 * needs, of the entry's company), values receipts, and on submit moves the stock through the
 * stock ledger, writing the rates it valued issues at back onto the lines; cancel reverses it.
 */
@DocController('Stock Entry')
export class StockEntryController implements DocHooks {
  readonly ignoreLinkedDoctypes = ['Stock Ledger Entry', 'GL Entry'];

  constructor(
    private readonly ledger: StockLedger,
    private readonly registry: MetaRegistry,
    private readonly gl: GeneralLedger,
  ) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const type = await ctx.asSystem((sys) => sys.getValue('Stock Entry Type', String(doc.stock_entry_type), ['purpose']));
    doc.purpose = type?.purpose ?? doc.purpose;
    const needs = NEEDS[doc.purpose as StockEntryPurpose];
    if (!needs) throw new ValidationError(`Stock Entry Type ${doc.stock_entry_type} has purpose ${doc.purpose}, which Docket does not post`);
    settlePostingTime(ctx, doc, await readStockPolicy(ctx));
    const rows = (doc.items ?? []) as Doc[];
    if (!rows.length) throw new ValidationError('Items are required');
    for (const row of rows) await this.validateRow(ctx, doc, row, needs);
  }

  async beforeSubmit(ctx: Ctx, doc: Doc): Promise<void> {
    const rows = doc.items as Doc[];
    const moves: LedgerMove[] = [];
    for (const row of rows) {
      const qty = new Money(row.transfer_qty);
      if (row.s_warehouse) moves.push({ item_code: row.item_code, warehouse: row.s_warehouse, voucher_detail_no: row.name, qty: qty.neg() });
      if (row.t_warehouse) {
        const transfer = !!row.s_warehouse;
        moves.push({ item_code: row.item_code, warehouse: row.t_warehouse, voucher_detail_no: row.name, qty, rate_from_issue: transfer, incoming_rate: transfer ? undefined : new Money(row.basic_rate) });
      }
    }
    const posted = await this.ledger.post(ctx, { voucher_type: 'Stock Entry', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, posting_time: doc.posting_time }, moves);
    for (const p of posted.filter((m) => m.actualQty.isNegative())) {
      const row = rows.find((r) => r.name === p.move.voucher_detail_no)!;
      row.basic_rate = p.rate;
    }
    this.setAmounts(doc);
    const byRow = new Map(rows.map((r) => [String(r.name), r]));
    const lines = await stockGlLines(ctx, posted, {
      company: doc.company,
      differenceAccount: (p) => byRow.get(p.move.voucher_detail_no)?.expense_account,
      costCenter: (p) => byRow.get(p.move.voucher_detail_no)?.cost_center,
      remarks: doc.remarks || null,
    });
    await this.gl.post(ctx, { voucher_type: 'Stock Entry', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, remarks: doc.remarks || null, is_opening: doc.is_opening === 'Yes' ? 'Yes' : 'No' }, lines);
  }

  async onCancel(ctx: Ctx, doc: Doc): Promise<void> {
    await this.ledger.cancel(ctx, { voucher_type: 'Stock Entry', voucher_no: doc.name, company: doc.company });
    await this.gl.cancel(ctx, { voucher_type: 'Stock Entry', voucher_no: doc.name, company: doc.company });
  }

  private async validateRow(ctx: Ctx, doc: Doc, row: Doc, needs: { source: boolean; target: boolean }): Promise<void> {
    const at = `Row ${row.idx}`;
    const item = await assertStockItem(ctx, String(row.item_code), row.idx);
    const qty = new Money(row.qty ?? 0);
    if (qty.lte(0)) throw new ValidationError(`${at}: Quantity must be greater than 0 (Item ${row.item_code})`);
    row.s_warehouse = needs.source ? row.s_warehouse || doc.from_warehouse || null : null;
    row.t_warehouse = needs.target ? row.t_warehouse || doc.to_warehouse || null : null;
    if (needs.source && !row.s_warehouse) throw new ValidationError(`${at}: Source Warehouse is mandatory for ${doc.purpose}`);
    if (needs.target && !row.t_warehouse) throw new ValidationError(`${at}: Target Warehouse is mandatory for ${doc.purpose}`);
    if (row.s_warehouse && row.s_warehouse === row.t_warehouse) throw new ValidationError(`${at}: Source and target warehouse cannot be same (${row.s_warehouse})`);
    if (row.s_warehouse) await assertStockWarehouse(ctx, row.s_warehouse, doc.company, `${at}: Source Warehouse`);
    if (row.t_warehouse) await assertStockWarehouse(ctx, row.t_warehouse, doc.company, `${at}: Target Warehouse`);
    row.stock_uom = item.stock_uom;
    row.uom ||= item.stock_uom;
    row.conversion_factor = await conversionFactor(ctx, row, item.stock_uom);
    row.transfer_qty = this.registry.numbers.flt(qty.mul(row.conversion_factor), 9);
    if (row.t_warehouse && !row.s_warehouse) await this.receiptRate(ctx, row, item.valuation_rate);
    // A draft shows what the issue would leave at now; a submit is valued by the ledger under the Bin's lock.
    if (row.s_warehouse && Number(doc.docstatus) === 0) row.basic_rate = await this.ledger.currentRate(ctx, row.item_code, row.s_warehouse);
    this.setAmounts(doc);
  }

  /** ERPNext's fallback for a receipt without a rate: the warehouse's valuation rate, then the Item's; else refused. */
  private async receiptRate(ctx: Ctx, row: Doc, itemRate: unknown): Promise<void> {
    const given = new Money(row.basic_rate ?? 0);
    if (given.isNegative()) throw new ValidationError(`Row ${row.idx}: Basic Rate cannot be negative`);
    if (given.gt(0) || Number(row.allow_zero_valuation_rate)) return;
    const current = await this.ledger.currentRate(ctx, row.item_code, row.t_warehouse);
    const fallback = current.gt(0) ? current : new Money((itemRate as string | number | null) ?? 0);
    if (fallback.lte(0)) {
      throw new ValidationError(`Row ${row.idx}: Valuation Rate for the Item ${row.item_code} is required: give a Basic Rate (it has no valuation yet) or check Allow Zero Valuation Rate`);
    }
    row.basic_rate = fallback;
  }


  /** basic_amount = transfer_qty x basic_rate, and the entry's totals (ERPNext's set_total_incoming_outgoing_value). */
  private setAmounts(doc: Doc): void {
    let incoming = new Money(0);
    let outgoing = new Money(0);
    for (const row of doc.items as Doc[]) {
      const amount = this.registry.numbers.flt(new Money(row.transfer_qty).mul(row.basic_rate ?? 0), 2);
      row.valuation_rate = row.basic_rate;
      row.basic_amount = amount;
      row.amount = amount;
      if (row.s_warehouse) outgoing = outgoing.plus(amount);
      if (row.t_warehouse) incoming = incoming.plus(amount);
    }
    doc.total_incoming_value = incoming;
    doc.total_outgoing_value = outgoing;
    doc.value_difference = incoming.minus(outgoing);
    doc.total_amount = Money.max(incoming, outgoing);
  }
}
