import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';
import { DEFAULT_ROUNDING_METHOD, flt as frappeFlt, rounded, RoundingMethod } from '../../kernel/money/rounding';
import type { DocumentTotals, ItemTotals, TaxesAndTotals, TaxesAndTotalsInput, TaxItemInput, TaxRowInput, TaxTotals } from './types';
import { finite, rowId, validateInclusiveTax, validateTaxRow } from './validation';

/**
 * The taxes and totals of a selling document (Quotation, Sales Order, Delivery Note, Sales
 * Invoice), step for step as ERPNext's `calculate_taxes_and_totals`
 * (erpnext/controllers/taxes_and_totals.py) computes them, on exact decimals:
 *
 * 1. items: rate from price_list_rate and discount_percentage when no rate is given, amount =
 *    rate × qty to the currency's precision, then company-currency (base_*) values;
 * 2. tax rows are checked (row references, inclusive rules) and reset;
 * 3. when a row is included in the print rate, each item's net_amount is taken back out of its
 *    amount by the item's cumulated tax fraction (left unrounded, as ERPNext leaves it);
 * 4. each row's tax, item by item: On Net Total on the item's net amount, On Previous Row Amount /
 *    Total on the referred row's amount / running total for that item, Actual spread over items
 *    by net amount with the division loss on the last item, On Item Quantity per unit; an item's
 *    Item Tax Template rate replaces the row's rate for its account;
 * 5. inclusive rows: a difference of at most 5 in the last place between the items' total and
 *    the last row's total becomes the rounding adjustment;
 * 6. grand total, taxes total, and the rounded total (to the currency's smallest fraction, whole
 *    units when it has none), the difference added to the rounding adjustment;
 * 7. an additional discount (amount, or percentage of the net or grand total) is spread over the
 *    items' net amounts and everything from step 2 runs again; on the grand total, the taxes keep
 *    their undiscounted tax_amount and tax_amount_after_discount_amount carries the discount.
 *
 * Intermediate values are never JavaScript numbers; each rounding is Frappe's flt at the field's
 * precision with the System Settings rounding method.
 */
export function calculateTaxesAndTotals(input: TaxesAndTotalsInput): TaxesAndTotals {
  return new Calculation(input).run();
}

const ZERO = new Money(0);
const ONE = new Money(1);
const HUNDRED = new Money(100);

/** An item while it is calculated: its totals, the key its tax breakup goes under, its Item Tax Template rates. */
interface ItemState extends ItemTotals {
  key: string;
  taxMap: Map<string, Money>;
}

/** A tax row while it is calculated: its totals (the breakup kept as decimals) and ERPNext's per-item working values. */
interface TaxState extends Omit<TaxTotals, 'item_wise_tax_detail' | 'item_wise_tax'> {
  row_id: number;
  included_in_print_rate: boolean;
  tax_amount_for_current_item: Money;
  grand_total_for_current_item: Money;
  tax_fraction_for_current_item: Money;
  grand_total_fraction_for_current_item: Money;
  itemWise: Map<string, [Money, Money]>;
}

type ItemField = 'price_list_rate' | 'rate' | 'net_rate' | 'amount' | 'net_amount';

class Calculation {
  private readonly method: RoundingMethod;
  /** decimals of document-currency amounts, of company-currency amounts, of floats */
  private readonly p: number;
  private readonly bp: number;
  private readonly fp: number;
  private readonly items: ItemState[];
  private readonly taxes: TaxState[];
  private readonly doc: DocumentTotals;
  private discountAmountApplied = false;

  constructor(private readonly input: TaxesAndTotalsInput) {
    const d = input.doc;
    this.method = d.rounding_method ?? DEFAULT_ROUNDING_METHOD;
    this.p = d.precision ?? 2;
    this.bp = d.base_precision ?? this.p;
    this.fp = d.float_precision ?? 3;
    this.items = input.items.map((item, i) => this.itemState(item, i + 1));
    this.taxes = input.taxes.map((tax, i) => this.taxState(tax, i + 1));
    this.doc = {
      conversion_rate: this.num(d.conversion_rate, 'Exchange Rate'),
      total_qty: ZERO,
      total: ZERO,
      base_total: ZERO,
      net_total: ZERO,
      base_net_total: ZERO,
      total_taxes_and_charges: ZERO,
      base_total_taxes_and_charges: ZERO,
      grand_total: ZERO,
      base_grand_total: ZERO,
      rounding_adjustment: ZERO,
      base_rounding_adjustment: ZERO,
      rounded_total: ZERO,
      base_rounded_total: ZERO,
      discount_amount: this.flt(this.num(d.discount_amount, 'Additional Discount Amount'), this.p),
      base_discount_amount: ZERO,
    };
  }

  run(): TaxesAndTotals {
    if (this.items.length) {
      this.calculateOnce();
      this.setDiscountAmount();
      this.applyDiscountAmount();
    }
    return { doc: this.doc, items: this.items.map(itemTotals), taxes: this.taxes.map(taxTotals) };
  }

  // ---- input ----

  private num(value: Decimal.Value | null | undefined, label: string): Money {
    return finite(frappeFlt(value), label);
  }

  private flt(value: Decimal.Value, precision?: number): Money {
    return frappeFlt(value, precision, this.method);
  }

  private itemState(item: TaxItemInput, idx: number): ItemState {
    const label = (field: string) => `Row ${idx}: ${field}`;
    return {
      key: item.item_code || item.item_name || 'null',
      item_code: item.item_code ?? null,
      taxMap: this.itemTaxMap(item.item_tax_rate, idx),
      qty: this.num(item.qty, label('Quantity')),
      price_list_rate: this.num(item.price_list_rate, label('Price List Rate')),
      discount_percentage: this.num(item.discount_percentage, label('Discount (%) on Price List Rate')),
      discount_amount: this.num(item.discount_amount, label('Discount Amount')),
      rate: this.num(item.rate, label('Rate')),
      amount: ZERO,
      net_rate: ZERO,
      net_amount: ZERO,
      base_price_list_rate: ZERO,
      base_rate: ZERO,
      base_amount: ZERO,
      base_net_rate: ZERO,
      base_net_amount: ZERO,
    };
  }

  /** `_load_item_tax_rate`: the Item Tax Template rates by account, from an object or JSON text. */
  private itemTaxMap(value: TaxItemInput['item_tax_rate'], idx: number): Map<string, Money> {
    let raw: Record<string, unknown> = {};
    if (typeof value === 'string') {
      if (value.trim()) {
        try {
          raw = JSON.parse(value) as Record<string, unknown>;
        } catch {
          throw new ValidationError(`Row ${idx}: Item Tax Rate is not valid JSON`);
        }
      }
    } else if (value) {
      raw = value;
    }
    const map = new Map<string, Money>();
    for (const [account, rate] of Object.entries(raw)) map.set(account, finite(frappeFlt(rate), `Row ${idx}: tax rate of ${account}`));
    return map;
  }

  private taxState(tax: TaxRowInput, idx: number): TaxState {
    const label = (field: string) => `Row ${idx}: ${field}`;
    return {
      idx,
      charge_type: tax.charge_type,
      account_head: tax.account_head,
      row_id: rowId(tax.row_id),
      included_in_print_rate: Boolean(tax.included_in_print_rate),
      rate: this.num(tax.rate, label('Rate')),
      tax_amount: this.num(tax.tax_amount, label('Amount')),
      tax_amount_after_discount_amount: ZERO,
      total: ZERO,
      base_tax_amount: ZERO,
      base_tax_amount_after_discount_amount: ZERO,
      base_total: ZERO,
      tax_amount_for_current_item: ZERO,
      grand_total_for_current_item: ZERO,
      tax_fraction_for_current_item: ZERO,
      grand_total_fraction_for_current_item: ZERO,
      itemWise: new Map(),
    };
  }

  // ---- one pass (`_calculate`) ----

  private calculateOnce(): void {
    this.validateConversionRate();
    this.calculateItemValues();
    this.initializeTaxes();
    this.determineExclusiveRate();
    this.calculateNetTotal();
    this.calculateTaxes();
    this.manipulateGrandTotalForInclusiveTax();
    this.calculateTotals();
  }

  private validateConversionRate(): void {
    const { currency, company_currency } = this.input.doc;
    const same = !currency || currency === company_currency || (!company_currency && this.doc.conversion_rate.isZero());
    if (same) {
      this.doc.conversion_rate = ONE;
    } else if (this.doc.conversion_rate.isZero()) {
      throw new ValidationError(`Exchange Rate is mandatory. Maybe Currency Exchange record is not created for ${currency} to ${company_currency}.`);
    }
  }

  /** base_<field> = flt(flt(value, precision) × conversion_rate, base precision) */
  private base(value: Money): Money {
    return this.flt(this.flt(value, this.p).mul(this.doc.conversion_rate), this.bp);
  }

  private setItemBase(item: ItemState, fields: ItemField[]): void {
    for (const f of fields) item[`base_${f}`] = this.base(item[f]);
  }

  private calculateItemValues(): void {
    if (this.discountAmountApplied) return;
    const { p, fp } = this;
    for (const item of this.items) {
      // round_floats_in(item)
      item.qty = this.flt(item.qty, fp);
      item.price_list_rate = this.flt(item.price_list_rate, p);
      item.rate = this.flt(item.rate, p);
      item.discount_percentage = this.flt(item.discount_percentage, fp);
      item.discount_amount = this.flt(item.discount_amount, p);

      if (item.discount_percentage.eq(100)) {
        item.rate = ZERO;
      } else if (!item.price_list_rate.isZero() && item.rate.isZero()) {
        const share = item.discount_percentage.div(HUNDRED);
        item.rate = this.flt(item.price_list_rate.mul(ONE.sub(share)), p);
        item.discount_amount = item.price_list_rate.mul(share);
      }
      // selling items without a margin: the discount is what the rate is below the price list
      if (item.price_list_rate.gt(0)) item.discount_amount = item.price_list_rate.sub(item.rate);

      item.net_rate = item.rate;
      item.amount = item.qty.isZero() && this.input.doc.is_return ? this.flt(item.rate.neg(), p) : this.flt(item.rate.mul(item.qty), p);
      item.net_amount = item.amount;
      this.setItemBase(item, ['price_list_rate', 'rate', 'net_rate', 'amount', 'net_amount']);
    }
  }

  private initializeTaxes(): void {
    const grandTotalDiscount = this.discountAmountApplied && this.input.doc.apply_discount_on === 'Grand Total';
    for (const tax of this.taxes) {
      if (!this.discountAmountApplied) {
        validateTaxRow(tax);
        validateInclusiveTax(tax, this.taxes);
        // an Actual row has no rate (ERPNext blanks it, and a blank reads as 0)
        if (tax.charge_type === 'Actual') tax.rate = ZERO;
      }
      tax.itemWise = new Map();
      tax.total = ZERO;
      tax.tax_amount_after_discount_amount = ZERO;
      tax.tax_amount_for_current_item = ZERO;
      tax.grand_total_for_current_item = ZERO;
      tax.tax_fraction_for_current_item = ZERO;
      tax.grand_total_fraction_for_current_item = ZERO;
      if (tax.charge_type !== 'Actual' && !grandTotalDiscount) tax.tax_amount = ZERO;
      // round_floats_in(tax)
      tax.rate = this.flt(tax.rate, this.fp);
      tax.tax_amount = this.flt(tax.tax_amount, this.p);
    }
  }

  /** `_get_tax_rate`: the item's template rate for the row's account, else the row's rate. */
  private taxRate(tax: TaxState, item: ItemState): Money {
    const own = item.taxMap.get(tax.account_head);
    return own === undefined ? tax.rate : this.flt(own, this.fp);
  }

  private determineExclusiveRate(): void {
    if (!this.taxes.some((t) => t.included_in_print_rate)) return;
    for (const item of this.items) {
      let cumulatedTaxFraction = ZERO;
      let inclusivePerQtyTotal = ZERO;
      this.taxes.forEach((tax, i) => {
        const [fraction, perQty] = this.currentTaxFraction(tax, item);
        tax.tax_fraction_for_current_item = fraction;
        tax.grand_total_fraction_for_current_item = (i === 0 ? ONE : this.taxes[i - 1].grand_total_fraction_for_current_item).add(fraction);
        cumulatedTaxFraction = cumulatedTaxFraction.add(fraction);
        inclusivePerQtyTotal = inclusivePerQtyTotal.add(perQty.mul(item.qty));
      });
      if (!this.discountAmountApplied && !item.qty.isZero() && (!cumulatedTaxFraction.isZero() || !inclusivePerQtyTotal.isZero())) {
        item.net_amount = item.amount.sub(inclusivePerQtyTotal).div(ONE.add(cumulatedTaxFraction));
        item.net_rate = this.flt(item.net_amount.div(item.qty), this.p);
        item.discount_percentage = this.flt(item.discount_percentage, this.fp);
        this.setItemBase(item, ['net_rate', 'net_amount']);
      }
    }
  }

  /** `get_current_tax_fraction`: the share of an inclusive row in the item's price. */
  private currentTaxFraction(tax: TaxState, item: ItemState): [Money, Money] {
    if (!tax.included_in_print_rate) return [ZERO, ZERO];
    const rate = this.taxRate(tax, item);
    const share = rate.div(HUNDRED);
    switch (tax.charge_type) {
      case 'On Net Total':
        return [share, ZERO];
      case 'On Previous Row Amount':
        return [share.mul(this.taxes[tax.row_id - 1].tax_fraction_for_current_item), ZERO];
      case 'On Previous Row Total':
        return [share.mul(this.taxes[tax.row_id - 1].grand_total_fraction_for_current_item), ZERO];
      case 'On Item Quantity':
        return [ZERO, rate];
      default:
        return [ZERO, ZERO];
    }
  }

  private calculateNetTotal(): void {
    const d = this.doc;
    d.total_qty = d.total = d.base_total = d.net_total = d.base_net_total = ZERO;
    for (const item of this.items) {
      d.total = d.total.add(item.amount);
      d.total_qty = d.total_qty.add(item.qty);
      d.base_total = d.base_total.add(item.base_amount);
      d.net_total = d.net_total.add(item.net_amount);
      d.base_net_total = d.base_net_total.add(item.base_net_amount);
    }
    d.total = this.flt(d.total, this.p);
    d.base_total = this.flt(d.base_total, this.bp);
    d.net_total = this.flt(d.net_total, this.p);
    d.base_net_total = this.flt(d.base_net_total, this.bp);
  }

  private calculateTaxes(): void {
    const d = this.doc;
    const grandTotalDiscount = this.discountAmountApplied && this.input.doc.apply_discount_on === 'Grand Total';
    d.rounding_adjustment = ZERO;
    // what is left of each Actual row to spread: the last item takes the division loss
    const actualLeft = new Map<number, Money>();
    for (const tax of this.taxes) if (tax.charge_type === 'Actual') actualLeft.set(tax.idx, this.flt(tax.tax_amount, this.p));

    this.items.forEach((item, n) => {
      const lastItem = n === this.items.length - 1;
      this.taxes.forEach((tax, i) => {
        let current = this.currentTaxAmount(item, tax);
        if (tax.charge_type === 'Actual') {
          const left = actualLeft.get(tax.idx)!.sub(current);
          actualLeft.set(tax.idx, left);
          if (lastItem) current = current.add(left);
        }
        if (tax.charge_type !== 'Actual' && !grandTotalDiscount) tax.tax_amount = tax.tax_amount.add(current);
        tax.tax_amount_for_current_item = current;
        tax.tax_amount_after_discount_amount = tax.tax_amount_after_discount_amount.add(current);
        tax.grand_total_for_current_item = (i === 0 ? item.net_amount : this.taxes[i - 1].grand_total_for_current_item).add(current);

        if (lastItem) {
          tax.tax_amount = this.flt(tax.tax_amount, this.p);
          tax.tax_amount_after_discount_amount = this.flt(tax.tax_amount_after_discount_amount, this.p);
          const before = i === 0 ? d.net_total : this.taxes[i - 1].total;
          tax.total = this.flt(before.add(tax.tax_amount_after_discount_amount), this.p);
          tax.base_total = this.base(tax.total);
          tax.base_tax_amount = this.base(tax.tax_amount);
          tax.base_tax_amount_after_discount_amount = this.base(tax.tax_amount_after_discount_amount);
          // a discount on the grand total: what the taxes' rounding lost against it
          if (i === this.taxes.length - 1 && grandTotalDiscount && !d.discount_amount.isZero()) {
            d.rounding_adjustment = this.flt(d.grand_total.sub(d.discount_amount).sub(tax.total), this.p);
          }
        }
      });
    });
  }

  /** `get_current_tax_amount`: the row's tax on one item (and its line in the item-wise detail). */
  private currentTaxAmount(item: ItemState, tax: TaxState): Money {
    const rate = this.taxRate(tax, item);
    let current = ZERO;
    switch (tax.charge_type) {
      case 'Actual': {
        const actual = this.flt(tax.tax_amount, this.p);
        current = this.doc.net_total.isZero() ? ZERO : item.net_amount.mul(actual).div(this.doc.net_total);
        break;
      }
      case 'On Net Total':
        current = rate.div(HUNDRED).mul(item.net_amount);
        break;
      case 'On Previous Row Amount':
        current = rate.div(HUNDRED).mul(this.taxes[tax.row_id - 1].tax_amount_for_current_item);
        break;
      case 'On Previous Row Total':
        current = rate.div(HUNDRED).mul(this.taxes[tax.row_id - 1].grand_total_for_current_item);
        break;
      case 'On Item Quantity':
        current = rate.mul(item.qty);
        break;
    }
    // item-wise breakup, in company currency, before the last item takes an Actual row's loss
    const earlier = tax.itemWise.get(item.key);
    const amount = current.mul(this.doc.conversion_rate);
    tax.itemWise.set(item.key, [rate, earlier ? amount.add(earlier[1]) : amount]);
    return current;
  }

  /** `manipulate_grand_total_for_inclusive_tax`: a small gap between price and taxes' total. */
  private manipulateGrandTotalForInclusiveTax(): void {
    if (!this.taxes.length || !this.taxes.some((t) => t.included_in_print_rate)) return;
    const d = this.doc;
    const last = this.taxes[this.taxes.length - 1];
    const nonInclusive = this.taxes.filter((t) => !t.included_in_print_rate).reduce((s, t) => s.add(t.tax_amount_after_discount_amount), ZERO);
    let diff = d.total.add(nonInclusive).sub(this.flt(last.total, this.p));
    // the items' total is before the discount, the last row's total after it
    if (this.discountAmountApplied && !d.discount_amount.isZero()) diff = diff.sub(d.discount_amount);
    diff = this.flt(diff, this.p);
    if (!diff.isZero() && diff.abs().lte(new Money(5).div(new Money(`1e${this.p}`)))) d.rounding_adjustment = diff;
  }

  private calculateTotals(): void {
    const d = this.doc;
    const last = this.taxes[this.taxes.length - 1];
    d.grand_total = last ? last.total.add(d.rounding_adjustment) : d.net_total;
    d.total_taxes_and_charges = this.flt(d.grand_total.sub(d.net_total).sub(d.rounding_adjustment), this.p);
    d.base_total_taxes_and_charges = this.base(d.total_taxes_and_charges);
    d.base_rounding_adjustment = this.base(d.rounding_adjustment);
    d.base_grand_total = d.total_taxes_and_charges.isZero() ? d.base_net_total : this.flt(d.grand_total.mul(d.conversion_rate), this.bp);
    d.grand_total = this.flt(d.grand_total, this.p);
    d.base_grand_total = this.flt(d.base_grand_total, this.bp);
    this.setRoundedTotal();
  }

  private setRoundedTotal(): void {
    const d = this.doc;
    if (this.input.doc.disable_rounded_total) {
      d.rounded_total = d.base_rounded_total = ZERO;
      return;
    }
    d.rounded_total = this.roundToSmallestFraction(d.grand_total);
    d.rounding_adjustment = d.rounding_adjustment.add(this.flt(d.rounded_total.sub(d.grand_total), this.p));
    d.base_rounding_adjustment = this.base(d.rounding_adjustment);
    d.base_rounded_total = this.base(d.rounded_total);
  }

  /**
   * Frappe's `round_based_on_smallest_currency_fraction`: to the nearest multiple of the
   * currency's smallest fraction (a remainder of exactly half goes down), or to whole units
   * with the rounding method when the currency names none.
   */
  private roundToSmallestFraction(value: Money): Money {
    const fraction = frappeFlt(this.input.doc.smallest_currency_fraction_value);
    if (fraction.isZero() || !fraction.isFinite()) return this.flt(rounded(value, 0, this.method), this.p);
    // Python's % on floats: the remainder takes the divisor's sign
    const remainder = this.flt(value.sub(fraction.mul(value.div(fraction).floor())), this.p);
    const result = remainder.gt(fraction.div(2)) ? value.add(fraction.sub(remainder)) : value.sub(remainder);
    return this.flt(result, this.p);
  }

  // ---- additional discount ----

  private setDiscountAmount(): void {
    const pct = this.num(this.input.doc.additional_discount_percentage, 'Additional Discount Percentage');
    if (pct.isZero()) return;
    const on = this.input.doc.apply_discount_on;
    const base = on === 'Net Total' ? this.doc.net_total : on === 'Grand Total' ? this.doc.grand_total : ZERO;
    this.doc.discount_amount = this.flt(base.mul(pct).div(HUNDRED), this.p);
  }

  private applyDiscountAmount(): void {
    const d = this.doc;
    if (d.discount_amount.isZero()) {
      d.base_discount_amount = ZERO;
      return;
    }
    const on = this.input.doc.apply_discount_on;
    if (!on) throw new ValidationError('Please select Apply Discount On');
    d.base_discount_amount = this.flt(d.discount_amount.mul(d.conversion_rate), this.bp);
    const totalForDiscount = this.totalForDiscountAmount();
    if (d.discount_amount.gt(totalForDiscount)) {
      const what = on === 'Net Total' ? 'Net Total' : 'Grand Total (less fixed charges)';
      throw new ValidationError(`Discount Amount ${d.discount_amount.toFixed()} cannot be greater than the ${what} ${totalForDiscount.toFixed()}`);
    }

    let netTotal = ZERO;
    this.items.forEach((item, i) => {
      const distributed = d.discount_amount.mul(item.net_amount).div(totalForDiscount);
      item.net_amount = this.flt(item.net_amount.sub(distributed), this.p);
      netTotal = netTotal.add(item.net_amount);
      // the last item takes the discount's rounding loss when nothing else will
      const lastItem = i === this.items.length - 1;
      if (lastItem && (on === 'Net Total' || !this.taxes.length || totalForDiscount.eq(d.net_total))) {
        const loss = this.flt(d.net_total.sub(netTotal).sub(d.discount_amount), this.p);
        item.net_amount = this.flt(item.net_amount.add(loss), this.p);
      }
      item.net_rate = item.qty.isZero() ? ZERO : this.flt(item.net_amount.div(item.qty), this.p);
      this.setItemBase(item, ['net_rate', 'net_amount']);
    });
    this.discountAmountApplied = true;
    this.calculateOnce();
  }

  /**
   * `get_total_for_discount_amount`: the net total, or the grand total less the fixed charges
   * (Actual and On Item Quantity rows, and rows charged on one of those) that a discount on the
   * grand total does not reduce.
   */
  private totalForDiscountAmount(): Money {
    if (this.input.doc.apply_discount_on === 'Net Total') return this.doc.net_total;
    const fixed = new Map<number, Money>();
    for (const tax of this.taxes) {
      if (tax.charge_type === 'Actual' || tax.charge_type === 'On Item Quantity') {
        if (!fixed.has(tax.idx)) fixed.set(tax.idx, tax.tax_amount);
      } else if (fixed.has(tax.row_id) && !fixed.has(tax.idx)) {
        fixed.set(tax.idx, fixed.get(tax.row_id)!.mul(tax.rate).div(HUNDRED));
      }
    }
    const sum = [...fixed.values()].reduce((s, v) => s.add(v), ZERO);
    return this.flt(this.doc.grand_total.sub(sum), this.p);
  }
}

function itemTotals({ key: _key, taxMap: _taxMap, ...totals }: ItemState): ItemTotals {
  return totals;
}

function taxTotals(s: TaxState): TaxTotals {
  const {
    row_id: _rowId,
    included_in_print_rate: _inclusive,
    tax_amount_for_current_item: _tax,
    grand_total_for_current_item: _grand,
    tax_fraction_for_current_item: _fraction,
    grand_total_fraction_for_current_item: _grandFraction,
    itemWise,
    ...totals
  } = s;
  return { ...totals, item_wise_tax_detail: itemWiseJson(itemWise), item_wise_tax: itemWise };
}

/**
 * The item-wise detail as ERPNext writes it (json.dumps with no spaces, items in order, numbers
 * as Python floats print): {"ITEM":[rate,amount],…}; amounts to the 9 places a DECIMAL keeps.
 */
export function itemWiseJson(detail: Map<string, [Money, Money]>): string {
  const parts = [...detail].map(([key, [rate, amount]]) => `${JSON.stringify(key)}:[${pyFloat(rate)},${pyFloat(amount)}]`);
  return `{${parts.join(',')}}`;
}

function pyFloat(d: Money): string {
  const text = d.toDecimalPlaces(9, Decimal.ROUND_HALF_EVEN).toFixed();
  return text.includes('.') ? text : `${text === '-0' ? '0' : text}.0`;
}
