import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';
import { settlePostingTime } from '../../../domain/stock/posting-time';
import { readStockPolicy } from '../../../domain/stock/stock-settings';
import { GeneralLedger } from '../../../domain/accounting/general-ledger';
import { stockGlLines } from '../../../domain/accounting/stock-postings';
import { StockLedger } from '../../../domain/stock/stock-ledger';
import { assertStockItem, assertStockWarehouse } from '../../../domain/stock/warehouses';

/**
 * Stock Reconciliation: sets each line's item in its warehouse to the given quantity and
 * valuation rate through the stock ledger (ERPNext's reconciliation rows), recording what was
 * there before and the difference in value; cancel reverses it.
 */
@DocController('Stock Reconciliation')
export class StockReconciliationController implements DocHooks {
  readonly ignoreLinkedDoctypes = ['Stock Ledger Entry', 'GL Entry'];

  constructor(
    private readonly ledger: StockLedger,
    private readonly registry: MetaRegistry,
    private readonly gl: GeneralLedger,
  ) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    settlePostingTime(ctx, doc, await readStockPolicy(ctx));
    const rows = (doc.items ?? []) as Doc[];
    if (!rows.length) throw new ValidationError('Items are required');
    const seen = new Set<string>();
    for (const row of rows) {
      await assertStockItem(ctx, String(row.item_code), row.idx);
      row.warehouse ||= doc.set_warehouse;
      if (!row.warehouse) throw new ValidationError(`Row ${row.idx}: Warehouse is mandatory`);
      await assertStockWarehouse(ctx, String(row.warehouse), String(doc.company), `Row ${row.idx}: Warehouse`);
      const key = JSON.stringify([row.item_code, row.warehouse]);
      if (seen.has(key)) throw new ValidationError(`Row ${row.idx}: Item ${row.item_code} in Warehouse ${row.warehouse} appears more than once`);
      seen.add(key);
      const qty = new Money(row.qty ?? 0);
      const rate = new Money(row.valuation_rate ?? 0);
      if (qty.isNegative()) throw new ValidationError(`Row ${row.idx}: Negative Quantity is not allowed`);
      if (rate.isNegative()) throw new ValidationError(`Row ${row.idx}: Negative Valuation Rate is not allowed`);
      if (qty.gt(0) && rate.isZero()) throw new ValidationError(`Row ${row.idx}: Valuation Rate is required for Item ${row.item_code} with a quantity`);
      row.amount = this.registry.numbers.flt(qty.mul(rate), 2);
    }
  }

  async beforeSubmit(ctx: Ctx, doc: Doc): Promise<void> {
    const rows = doc.items as Doc[];
    const posted = await this.ledger.post(
      ctx,
      { voucher_type: 'Stock Reconciliation', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, posting_time: doc.posting_time },
      rows.map((row) => ({
        item_code: row.item_code,
        warehouse: row.warehouse,
        voucher_detail_no: row.name,
        reconcile: { qty: new Money(row.qty ?? 0), rate: new Money(row.valuation_rate ?? 0) },
      })),
    );
    let difference = new Money(0);
    for (const p of posted) {
      const row = rows.find((r) => r.name === p.move.voucher_detail_no)!;
      row.current_qty = p.before.qty;
      row.current_valuation_rate = p.before.rate;
      row.current_amount = p.before.value;
      row.quantity_difference = p.actualQty;
      row.amount_difference = p.stockValueDifference;
      difference = difference.plus(p.stockValueDifference);
    }
    doc.difference_amount = difference;
    const lines = await stockGlLines(ctx, posted, { company: doc.company, differenceAccount: () => doc.expense_account, costCenter: () => doc.cost_center });
    await this.gl.post(ctx, { voucher_type: 'Stock Reconciliation', voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date }, lines);
  }

  async onCancel(ctx: Ctx, doc: Doc): Promise<void> {
    await this.ledger.cancel(ctx, { voucher_type: 'Stock Reconciliation', voucher_no: doc.name, company: doc.company });
    await this.gl.cancel(ctx, { voucher_type: 'Stock Reconciliation', voucher_no: doc.name, company: doc.company });
  }
}
