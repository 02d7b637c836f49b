import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { MetaRegistry } from '../../../kernel/metadata/meta';
import { Money } from '../../../kernel/money/decimal';
import { GeneralLedger } from '../../../domain/accounting/general-ledger';
import { GlLine } from '../../../domain/accounting/gl-lines';
import { stockGlLines } from '../../../domain/accounting/stock-postings';
import { salesInvoiceStatus } from '../../../domain/accounting/invoice-status';
import { settlePostingTime } from '../../../domain/stock/posting-time';
import { readStockPolicy } from '../../../domain/stock/stock-settings';
import { LedgerMove, StockLedger } from '../../../domain/stock/stock-ledger';
import { assertStockItem, assertStockWarehouse, conversionFactor } from '../../../domain/stock/warehouses';
import { itemTaxRateJson, itemTaxTemplatesFor } from '../../../domain/tax/item-tax';
import { applyTaxesAndTotals, inputNumber } from '../../../domain/tax/selling-document';
import { ShippingRuleShape, shippingTaxRow } from '../../../domain/tax/shipping-rule';
import { chooseSalesTaxTemplate } from '../../../domain/tax/tax-rule';
import { TreeIndex } from '../../../kernel/document/tree-index';

const VOUCHER = 'Sales Invoice';

interface CompanyBooks {
  default_currency: string;
  default_receivable_account: string | null;
  default_income_account: string | null;
  cost_center: string | null;
  require_taxes: number | string | null;
  cost_of_goods_sold_account: string | null;
  default_expense_account: string | null;
  round_off_account: string | null;
  round_off_cost_center: string | null;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Sales Invoice (ERPNext's SalesInvoice): checks the customer, currency, receivable account and
 * rows, fills the rows' defaults from the Item and the company, computes every total with the
 * one tax calculation (src/domain/tax/selling-document.ts); on submit posts the receivable,
 * income and tax entries through the general ledger (and, with update_stock, issues the stock),
 * and sets outstanding_amount and status; cancel reverses both.
 */
@DocController(VOUCHER)
export class SalesInvoiceController implements DocHooks {
  readonly ignoreLinkedDoctypes = ['GL Entry', 'Stock Ledger Entry'];

  constructor(
    private readonly gl: GeneralLedger,
    private readonly trees: TreeIndex,
    private readonly ledger: StockLedger,
    private readonly registry: MetaRegistry,
  ) {}

  async validate(ctx: Ctx, doc: Doc): Promise<void> {
    const company = await this.company(ctx, doc.company);
    const customer = await ctx.asSystem((sys) => sys.getValue('Customer', String(doc.customer), ['disabled', 'customer_name']));
    if (!customer) throw new ValidationError(`Customer ${doc.customer} not found`);
    if (Number(customer.disabled)) throw new ValidationError(`Customer ${doc.customer} is disabled`);
    doc.customer_name = customer.customer_name;
    doc.currency ||= company.default_currency;
    if (doc.currency === company.default_currency) doc.conversion_rate = 1;
    else if (inputNumber(doc.conversion_rate, 'Exchange Rate').lte(0)) {
      throw new ValidationError(`Exchange Rate is required for a currency without a conversion rate: ${doc.currency} to ${company.default_currency}`);
    }
    const rows = (doc.items ?? []) as Doc[];
    if (!rows.length) throw new ValidationError('Items are required');
    await this.readAccountsAndCostCenters(ctx, doc, rows, company);
    await this.validateDebitTo(ctx, doc, company);
    settlePostingTime(ctx, doc, await readStockPolicy(ctx));
    doc.due_date ||= doc.posting_date;
    if (doc.due_date < doc.posting_date) throw new ValidationError('Due Date cannot be before Posting Date');
    for (const row of rows) await this.validateRow(ctx, doc, row, company);
    await this.setItemTaxRates(ctx, doc, rows);
    await this.setTaxes(ctx, doc);
    await applyTaxesAndTotals(ctx, this.registry, doc, company.default_currency);
    if (doc.shipping_rule) {
      await this.applyShippingRule(ctx, doc);
      await applyTaxesAndTotals(ctx, this.registry, doc, company.default_currency);
    }
    doc.outstanding_amount = 0;
    doc.status = 'Draft';
  }

  async beforeSubmit(ctx: Ctx, doc: Doc): Promise<void> {
    const company = await this.company(ctx, doc.company);
    if (Number(company.require_taxes) && !((doc.taxes ?? []) as Doc[]).length) throw new ValidationError('Tax configuration missing before submission.');
    const total = Number(doc.disable_rounded_total) ? doc.grand_total : doc.rounded_total;
    doc.outstanding_amount = total;
    doc.status = salesInvoiceStatus({ docstatus: 1, is_return: doc.is_return, outstanding_amount: total, grand_total: total, due_date: doc.due_date }, today());
    const cogs = Number(doc.update_stock) ? await this.issueStock(ctx, doc) : [];
    const lines = [...this.glLines(doc, company), ...cogs];
    await this.gl.post(ctx, { voucher_type: VOUCHER, voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, remarks: doc.remarks }, lines);
  }

  beforeCancel(_ctx: Ctx, doc: Doc): void {
    doc.status = 'Cancelled';
  }

  async onCancel(ctx: Ctx, doc: Doc): Promise<void> {
    await this.gl.cancel(ctx, { voucher_type: VOUCHER, voucher_no: doc.name, company: doc.company });
    if (Number(doc.update_stock)) await this.ledger.cancel(ctx, { voucher_type: VOUCHER, voucher_no: doc.name, company: doc.company });
  }

  /** ERPNext's SalesInvoice.make_gl_entries: the customer's receivable, each item's income, each tax, the rounding adjustment. */
  private glLines(doc: Doc, company: CompanyBooks): GlLine[] {
    const receivable = Number(doc.disable_rounded_total) ? doc.base_grand_total : doc.base_rounded_total;
    const lines: GlLine[] = [
      { account: doc.debit_to, debit: receivable, party_type: 'Customer', party: doc.customer, against_voucher_type: VOUCHER, against_voucher: doc.name, cost_center: null },
    ];
    for (const row of doc.items as Doc[]) {
      lines.push({ account: row.income_account, credit: row.base_net_amount, cost_center: row.cost_center, voucher_detail_no: row.name });
    }
    for (const tax of (doc.taxes ?? []) as Doc[]) {
      lines.push({ account: tax.account_head, credit: tax.base_tax_amount_after_discount_amount, cost_center: tax.cost_center || company.cost_center, voucher_detail_no: tax.name });
    }
    const adjustment = new Money(doc.base_rounding_adjustment ?? 0);
    if (!Number(doc.disable_rounded_total) && !adjustment.isZero()) {
      if (!company.round_off_account) throw new ValidationError(`Please set Round Off Account in Company ${doc.company}`);
      lines.push({ account: company.round_off_account, credit: adjustment, cost_center: company.round_off_cost_center || company.cost_center });
    }
    return lines;
  }

  /** Issues the rows' stock-UOM quantities from their warehouses; returns the cost of goods sold lines (perpetual inventory). */
  private async issueStock(ctx: Ctx, doc: Doc): Promise<GlLine[]> {
    const rows = doc.items as Doc[];
    const moves: LedgerMove[] = rows.map((row) => ({ item_code: row.item_code, warehouse: row.warehouse, voucher_detail_no: row.name, qty: new Money(row.stock_qty).neg() }));
    const posted = await this.ledger.post(ctx, { voucher_type: VOUCHER, voucher_no: doc.name, company: doc.company, posting_date: doc.posting_date, posting_time: doc.posting_time }, moves);
    for (const p of posted) {
      const row = rows.find((r) => r.name === p.move.voucher_detail_no)!;
      row.incoming_rate = p.rate;
      row.valuation_rate = p.rate;
    }
    const byRow = new Map(rows.map((r) => [r.name as string, r]));
    return stockGlLines(ctx, posted, {
      company: doc.company,
      differenceAccount: (p) => byRow.get(p.move.voucher_detail_no)?.expense_account,
      costCenter: (p) => byRow.get(p.move.voucher_detail_no)?.cost_center,
      remarks: doc.remarks || null,
    });
  }

  private async company(ctx: Ctx, name: unknown): Promise<CompanyBooks> {
    const company = await ctx.asSystem((sys) =>
      sys.getValue('Company', String(name), ['default_currency', 'default_receivable_account', 'default_income_account', 'cost_center', 'require_taxes', 'cost_of_goods_sold_account', 'default_expense_account', 'round_off_account', 'round_off_cost_center']),
    );
    if (!company) throw new ValidationError(`Company ${name} not found`);
    return company as CompanyBooks;
  }

  private async validateDebitTo(ctx: Ctx, doc: Doc, company: CompanyBooks): Promise<void> {
    doc.debit_to ||= company.default_receivable_account;
    if (!doc.debit_to) throw new ValidationError(`Please set Default Receivable Account in Company ${doc.company}`);
    const account = await ctx.asSystem((sys) => sys.getValue('Account', String(doc.debit_to), ['company', 'account_type', 'is_group', 'account_currency']));
    if (!account || account.company !== doc.company || account.account_type !== 'Receivable' || Number(account.is_group)) {
      throw new ValidationError(`Debit To account ${doc.debit_to} must be a Receivable account of company ${doc.company}`);
    }
    doc.party_account_currency = account.account_currency || company.default_currency;
  }

  private async validateRow(ctx: Ctx, doc: Doc, row: Doc, company: CompanyBooks): Promise<void> {
    const at = `Row ${row.idx}`;
    const item = await ctx.asSystem((sys) => sys.getValue('Item', String(row.item_code), ['item_name', 'stock_uom', 'disabled', 'is_stock_item']));
    if (!item) throw new ValidationError(`${at}: Item ${row.item_code} not found`);
    if (Number(item.disabled)) throw new ValidationError(`${at}: Item ${row.item_code} is disabled`);
    const qty = inputNumber(row.qty, `${at}: Quantity`);
    if (qty.lte(0)) throw new ValidationError(`${at}: Quantity must be greater than 0 (Item ${row.item_code})`);
    row.item_name = item.item_name;
    row.stock_uom = item.stock_uom;
    row.uom ||= item.stock_uom;
    row.conversion_factor = await conversionFactor(ctx, row, item.stock_uom);
    row.stock_qty = this.registry.numbers.flt(qty.mul(row.conversion_factor), 9);
    row.income_account ||= company.default_income_account;
    row.cost_center ||= company.cost_center;
    if (!row.income_account) throw new ValidationError(`${at}: Income Account is required`);
    await this.sameCompany(ctx, 'Account', row.income_account, doc.company, `${at}: Income Account`);
    if (row.cost_center) await this.sameCompany(ctx, 'Cost Center', row.cost_center, doc.company, `${at}: Cost Center`);
    if (Number(doc.update_stock)) {
      await assertStockItem(ctx, String(row.item_code), row.idx);
      row.warehouse ||= doc.set_warehouse;
      if (!row.warehouse) throw new ValidationError(`${at}: Warehouse is mandatory for Item ${row.item_code} when Update Stock is set`);
      await assertStockWarehouse(ctx, row.warehouse, doc.company, `${at}: Warehouse`);
      row.expense_account ||= company.cost_of_goods_sold_account || company.default_expense_account;
      if (row.expense_account) await this.sameCompany(ctx, 'Account', row.expense_account, doc.company, `${at}: Expense Account`);
    }
  }

  /**
   * Reads every account and cost center the rows and the receivable will use in one query per
   * table (the transaction keeps the rows for the checks that follow).
   */
  private async readAccountsAndCostCenters(ctx: Ctx, doc: Doc, rows: Doc[], company: CompanyBooks): Promise<void> {
    const stock = Number(doc.update_stock);
    const accounts = [doc.debit_to || company.default_receivable_account, ...rows.flatMap((r) => [r.income_account || company.default_income_account, stock ? r.expense_account || company.cost_of_goods_sold_account || company.default_expense_account : null])];
    const centers = rows.map((r) => r.cost_center || company.cost_center);
    const known = (list: unknown[]) => [...new Set(list.filter((v): v is string => typeof v === 'string' && v !== ''))];
    await ctx.asSystem(async (sys) => {
      await sys.db.rowsByName('tabAccount', known(accounts));
      await sys.db.rowsByName('tabCost Center', known(centers));
    });
  }

  /** Each row's Item Tax Template (the one it names, else its Item's for the company, date and tax category) and that template's rates. */
  private async setItemTaxRates(ctx: Ctx, doc: Doc, rows: Doc[]): Promise<void> {
    const unset = rows.filter((r) => !r.item_tax_template).map((r) => String(r.item_code));
    const chosen = await itemTaxTemplatesFor(ctx, unset, { company: doc.company, tax_category: doc.tax_category, posting_date: doc.posting_date });
    for (const row of rows) row.item_tax_template ||= chosen.get(String(row.item_code)) ?? null;
    const rates = await itemTaxRateJson(ctx, rows.flatMap((r) => (r.item_tax_template ? [String(r.item_tax_template)] : [])), String(doc.company));
    for (const row of rows) row.item_tax_rate = row.item_tax_template ? (rates.get(String(row.item_tax_template)) ?? null) : null;
  }

  /**
   * The tax rows: the client's are kept (only their amounts computed); else the named
   * taxes_and_charges template's rows are copied; else the template the Tax Rules choose.
   */
  private async setTaxes(ctx: Ctx, doc: Doc): Promise<void> {
    if (((doc.taxes ?? []) as Doc[]).length) return;
    doc.taxes_and_charges ||= await chooseSalesTaxTemplate(ctx, this.trees, { company: doc.company, customer: doc.customer, tax_category: doc.tax_category, posting_date: doc.posting_date });
    if (!doc.taxes_and_charges) return;
    const template = await ctx.asSystem((sys) => sys.getDoc('Sales Taxes and Charges Template', String(doc.taxes_and_charges)));
    if (template.company !== doc.company) throw new ValidationError(`Sales Taxes and Charges Template ${doc.taxes_and_charges} does not belong to company ${doc.company}`);
    const keep = ['charge_type', 'row_id', 'account_head', 'description', 'included_in_print_rate', 'cost_center', 'rate', 'tax_amount'];
    doc.taxes = ((template.taxes ?? []) as Doc[]).map((r, i) => ({ idx: i + 1, ...Object.fromEntries(keep.map((k) => [k, r[k] ?? null])) }));
  }

  /**
   * ERPNext's ShippingRule.apply: the rule's Actual row, for the net total just computed and the
   * shipping address's country, replaces any row on the rule's account.
   */
  private async applyShippingRule(ctx: Ctx, doc: Doc): Promise<void> {
    const rule = await ctx.asSystem((sys) => sys.getDoc('Shipping Rule', String(doc.shipping_rule)));
    if (rule.company && rule.company !== doc.company) throw new ValidationError(`Shipping Rule ${doc.shipping_rule} does not belong to company ${doc.company}`);
    const address = doc.shipping_address_name ? await ctx.asSystem((sys) => sys.getValue('Address', String(doc.shipping_address_name), ['country'])) : null;
    const row = shippingTaxRow(rule as unknown as ShippingRuleShape, { net_total: doc.net_total, shipping_country: address?.country ?? null });
    const others = ((doc.taxes ?? []) as Doc[]).filter((t) => t.account_head !== row.account_head);
    doc.taxes = [...others, { ...row, idx: others.length + 1 }];
  }

  private async sameCompany(ctx: Ctx, doctype: string, name: string, company: string, label: string): Promise<void> {
    const rec = await ctx.asSystem((sys) => sys.getValue(doctype, name, ['company', 'is_group']));
    if (!rec) throw new ValidationError(`${label}: ${doctype} ${name} not found`);
    if (rec.company !== company) throw new ValidationError(`${label}: ${doctype} ${name} does not belong to company ${company}`);
    if (Number(rec.is_group)) throw new ValidationError(`${label}: ${doctype} ${name} is a group`);
  }

}
