import { ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';
import { calculateTaxesAndTotals, TaxDocumentInput, TaxesAndTotals, TaxItemInput, TaxRowInput } from '../../src/domain/tax';

/**
 * The taxes-and-totals calculation against the numbers of ERPNext's own tests
 * (erpnext/accounts/doctype/sales_invoice/test_sales_invoice.py, on the records of its
 * test_records.json and of item_tax_template/test_records.json). ERPNext's test site has no
 * smallest currency fraction for INR (its rounded totals are whole rupees) and 0.01 for USD.
 */
const m = (v: number | string) => new Money(v);
const s = (d: Money) => d.toFixed();

const EXCISE = '_Test Account Excise Duty - _TC';
const EDU = '_Test Account Education Cess - _TC';
const SHE = '_Test Account S&H Education Cess - _TC';
const SHIPPING = '_Test Account Shipping Charges - _TC';
const CUSTOMS = '_Test Account Customs Duty - _TC';
const CST = '_Test Account CST - _TC';
const VAT = '_Test Account VAT - _TC';
const DISCOUNT = '_Test Account Discount - _TC';
const SERVICE = '_Test Account Service Tax - _TC';

const INR: TaxDocumentInput = { currency: 'INR', company_currency: 'INR', conversion_rate: m(1), apply_discount_on: 'Grand Total' };
const USD: TaxDocumentInput = { ...INR, currency: 'USD', conversion_rate: m(50), smallest_currency_fraction_value: m('0.01') };

type Row = Omit<TaxRowInput, 'rate' | 'tax_amount'> & { rate?: number; tax_amount?: number };
const rows = (list: Row[]): TaxRowInput[] =>
  list.map((r) => ({ ...r, rate: r.rate === undefined ? undefined : m(r.rate), tax_amount: r.tax_amount === undefined ? undefined : m(r.tax_amount) }));

/** test_records.json [2]: exclusive charges of every kind, item 1 on "_Test Account Excise Duty @ 10" */
function record2() {
  const items: TaxItemInput[] = [
    { item_code: '_Test Item Home Desktop 100', qty: m(10), price_list_rate: m(50), rate: m(50), item_tax_rate: { [EXCISE]: 10 } },
    { item_code: '_Test Item Home Desktop 200', qty: m(5), price_list_rate: m(150), rate: m(150) },
  ];
  const taxes = rows([
    { charge_type: 'Actual', account_head: SHIPPING, tax_amount: 100 },
    { charge_type: 'On Net Total', account_head: CUSTOMS, rate: 10 },
    { charge_type: 'On Net Total', account_head: EXCISE, rate: 12 },
    { charge_type: 'On Previous Row Amount', account_head: EDU, rate: 2, row_id: 3 },
    { charge_type: 'On Previous Row Amount', account_head: SHE, rate: 1, row_id: 3 },
    { charge_type: 'On Previous Row Total', account_head: CST, rate: 2, row_id: 5 },
    { charge_type: 'On Net Total', account_head: VAT, rate: 12.5 },
    { charge_type: 'On Previous Row Total', account_head: DISCOUNT, rate: -10, row_id: 7 },
  ]);
  return { items, taxes };
}

/** test_records.json [3]: the first five charges included in the price */
function record3() {
  const items: TaxItemInput[] = [
    { item_code: '_Test Item Home Desktop 100', qty: m(10), price_list_rate: m(62.5), item_tax_rate: JSON.stringify({ [EXCISE]: 10 }) },
    { item_code: '_Test Item Home Desktop 200', qty: m(5), price_list_rate: m(190.66) },
  ];
  const taxes = rows([
    { charge_type: 'On Net Total', account_head: EXCISE, rate: 12, included_in_print_rate: true },
    { charge_type: 'On Previous Row Amount', account_head: EDU, rate: 2, row_id: 1, included_in_print_rate: true },
    { charge_type: 'On Previous Row Amount', account_head: SHE, rate: 1, row_id: 1, included_in_print_rate: true },
    { charge_type: 'On Previous Row Total', account_head: CST, rate: 2, row_id: 3, included_in_print_rate: true },
    { charge_type: 'On Net Total', account_head: VAT, rate: 12.5, included_in_print_rate: true },
    { charge_type: 'On Net Total', account_head: CUSTOMS, rate: 10 },
    { charge_type: 'Actual', account_head: SHIPPING, tax_amount: 100 },
    { charge_type: 'On Previous Row Total', account_head: DISCOUNT, rate: -10, row_id: 7 },
  ]);
  return { items, taxes };
}

/** each row's fields, by account, as strings */
function taxTable(r: TaxesAndTotals, keys: (keyof TaxesAndTotals['taxes'][number])[]): Record<string, string[]> {
  return Object.fromEntries(r.taxes.map((t) => [t.account_head, keys.map((k) => s(t[k] as Money))]));
}

function itemTable(r: TaxesAndTotals, keys: (keyof TaxesAndTotals['items'][number])[]): Record<string, string[]> {
  return Object.fromEntries(r.items.map((i) => [i.item_code ?? '', keys.map((k) => s((i[k] as Money).toDecimalPlaces(9)))]));
}

describe('taxes and totals (ERPNext calculate_taxes_and_totals)', () => {
  it('follows test_sales_invoice.py test_sales_invoice_calculation_base_currency', () => {
    const r = calculateTaxesAndTotals({ doc: INR, ...record2() });
    expect(itemTable(r, ['price_list_rate', 'discount_percentage', 'rate', 'amount', 'base_price_list_rate', 'base_rate', 'base_amount'])).toEqual({
      '_Test Item Home Desktop 100': ['50', '0', '50', '500', '50', '50', '500'],
      '_Test Item Home Desktop 200': ['150', '0', '150', '750', '150', '150', '750'],
    });
    expect([s(r.doc.net_total), s(r.doc.base_net_total)]).toEqual(['1250', '1250']);
    expect(taxTable(r, ['tax_amount', 'total'])).toEqual({
      [SHIPPING]: ['100', '1350'],
      [CUSTOMS]: ['125', '1475'],
      [EXCISE]: ['140', '1615'],
      [EDU]: ['2.8', '1617.8'],
      [SHE]: ['1.4', '1619.2'],
      [CST]: ['32.38', '1651.58'],
      [VAT]: ['156.25', '1807.83'],
      [DISCOUNT]: ['-180.78', '1627.05'],
    });
    expect([s(r.doc.grand_total), s(r.doc.base_grand_total)]).toEqual(['1627.05', '1627.05']);
    expect(s(r.doc.total_taxes_and_charges)).toBe('377.05');
    // whole rupees: 1627.05 → 1627
    expect([s(r.doc.rounded_total), s(r.doc.rounding_adjustment)]).toEqual(['1627', '-0.05']);
    // the item-wise breakup: Actual spread by net amount, the item's template rate on Excise
    expect(r.taxes[0].item_wise_tax_detail).toBe('{"_Test Item Home Desktop 100":[0.0,40.0],"_Test Item Home Desktop 200":[0.0,60.0]}');
    expect(r.taxes[2].item_wise_tax_detail).toBe('{"_Test Item Home Desktop 100":[10.0,50.0],"_Test Item Home Desktop 200":[12.0,90.0]}');
  });

  it('follows test_sales_invoice.py test_sales_invoice_calculation_export_currency', () => {
    const { items, taxes } = record2();
    items[0] = { ...items[0], rate: m(1), price_list_rate: m(1) };
    items[1] = { ...items[1], rate: m(3), price_list_rate: m(3) };
    taxes[0] = { ...taxes[0], tax_amount: m(2) };
    const r = calculateTaxesAndTotals({ doc: USD, items, taxes });
    expect(itemTable(r, ['price_list_rate', 'discount_percentage', 'rate', 'amount', 'base_price_list_rate', 'base_rate', 'base_amount'])).toEqual({
      '_Test Item Home Desktop 100': ['1', '0', '1', '10', '50', '50', '500'],
      '_Test Item Home Desktop 200': ['3', '0', '3', '15', '150', '150', '750'],
    });
    expect([r.doc.total, r.doc.base_total, r.doc.net_total, r.doc.base_net_total].map(s)).toEqual(['25', '1250', '25', '1250']);
    expect(taxTable(r, ['base_tax_amount', 'base_total', 'tax_amount', 'total'])).toEqual({
      [SHIPPING]: ['100', '1350', '2', '27'],
      [CUSTOMS]: ['125', '1475', '2.5', '29.5'],
      [EXCISE]: ['140', '1615', '2.8', '32.3'],
      [EDU]: ['3', '1618', '0.06', '32.36'],
      [SHE]: ['1.5', '1619.5', '0.03', '32.39'],
      [CST]: ['32.5', '1652', '0.65', '33.04'],
      [VAT]: ['156.5', '1808.5', '3.13', '36.17'],
      [DISCOUNT]: ['-181', '1627.5', '-3.62', '32.55'],
    });
    expect([s(r.doc.base_grand_total), s(r.doc.grand_total)]).toEqual(['1627.5', '32.55']);
    // the item-wise amounts are in company currency
    expect(r.taxes[1].item_wise_tax_detail).toBe('{"_Test Item Home Desktop 100":[10.0,50.0],"_Test Item Home Desktop 200":[10.0,75.0]}');
  });

  it('follows test_sales_invoice.py test_sales_invoice_calculation_base_currency_with_tax_inclusive_price', () => {
    const r = calculateTaxesAndTotals({ doc: INR, ...record3() });
    expect(itemTable(r, ['price_list_rate', 'discount_percentage', 'rate', 'amount', 'base_price_list_rate', 'base_rate', 'base_amount', 'net_rate', 'net_amount'])).toEqual({
      // ERPNext's floats: 499.97600115194473 and 749.9968530500239
      '_Test Item Home Desktop 100': ['62.5', '0', '62.5', '625', '62.5', '62.5', '625', '50', '499.976001152'],
      '_Test Item Home Desktop 200': ['190.66', '0', '190.66', '953.3', '190.66', '190.66', '953.3', '150', '749.99685305'],
    });
    expect([s(r.doc.net_total), s(r.doc.total)]).toEqual(['1249.97', '1578.3']);
    expect(taxTable(r, ['tax_amount', 'total'])).toEqual({
      [EXCISE]: ['140', '1389.97'],
      [EDU]: ['2.8', '1392.77'],
      [SHE]: ['1.4', '1394.17'],
      [CST]: ['27.88', '1422.05'],
      [VAT]: ['156.25', '1578.3'],
      [CUSTOMS]: ['125', '1703.3'],
      [SHIPPING]: ['100', '1803.3'],
      [DISCOUNT]: ['-180.33', '1622.97'],
    });
    expect([s(r.doc.base_grand_total), s(r.doc.grand_total)]).toEqual(['1622.97', '1622.97']);
  });

  it('follows test_sales_invoice.py test_sales_invoice_calculation_export_currency_with_tax_inclusive_price', () => {
    const { items, taxes } = record3();
    items[0] = { ...items[0], price_list_rate: m(55.56), discount_percentage: m(10) };
    items[1] = { ...items[1], price_list_rate: m(187.5), discount_percentage: m(20) };
    taxes[6] = { ...taxes[6], tax_amount: m(2) };
    const r = calculateTaxesAndTotals({ doc: USD, items, taxes });
    const keys = ['price_list_rate', 'discount_percentage', 'rate', 'amount', 'base_price_list_rate', 'base_rate', 'base_amount', 'net_rate', 'net_amount', 'base_net_rate', 'base_net_amount'] as const;
    expect(itemTable(r, [...keys])).toEqual({
      // ERPNext's floats: 399.9808009215558 and 590.0531205155963
      '_Test Item Home Desktop 100': ['55.56', '10', '50', '500', '2778', '2500', '25000', '40', '399.980800922', '2000', '19999'],
      '_Test Item Home Desktop 200': ['187.5', '20', '150', '750', '9375', '7500', '37500', '118.01', '590.053120516', '5900.5', '29502.5'],
    });
    expect([r.doc.base_net_total, r.doc.net_total, r.doc.total].map(s)).toEqual(['49501.5', '990.03', '1250']);
    expect(taxTable(r, ['base_tax_amount', 'base_total', 'tax_amount', 'total'])).toEqual({
      [EXCISE]: ['5540', '55041.5', '110.8', '1100.83'],
      [EDU]: ['111', '55152.5', '2.22', '1103.05'],
      [SHE]: ['55.5', '55208', '1.11', '1104.16'],
      [CST]: ['1104', '56312', '22.08', '1126.24'],
      [VAT]: ['6187.5', '62499.5', '123.75', '1249.99'],
      [CUSTOMS]: ['4950', '67449.5', '99', '1348.99'],
      [SHIPPING]: ['100', '67549.5', '2', '1350.99'],
      [DISCOUNT]: ['-6755', '60794.5', '-135.1', '1215.89'],
    });
    expect([r.doc.base_grand_total, r.doc.grand_total, r.doc.rounding_adjustment, r.doc.base_rounding_adjustment].map(s)).toEqual(['60795', '1215.9', '0.01', '0.5']);
    expect(s(r.doc.rounded_total)).toBe('1215.9');
  });

  it('follows test_sales_invoice.py test_sales_invoice_discount_amount (and test_discount_amount_gl_entry)', () => {
    const { items, taxes } = record3();
    taxes.push({ charge_type: 'On Previous Row Amount', account_head: SERVICE, rate: m(10), row_id: 8 });
    const r = calculateTaxesAndTotals({ doc: { ...INR, discount_amount: m(104.94) }, items, taxes });
    const keys = ['price_list_rate', 'discount_percentage', 'rate', 'amount', 'base_price_list_rate', 'base_rate', 'base_amount', 'net_rate', 'net_amount', 'base_net_rate', 'base_net_amount'] as const;
    expect(itemTable(r, [...keys])).toEqual({
      '_Test Item Home Desktop 100': ['62.5', '0', '62.5', '625', '62.5', '62.5', '625', '46.54', '465.37', '46.54', '465.37'],
      '_Test Item Home Desktop 200': ['190.66', '0', '190.66', '953.3', '190.66', '190.66', '953.3', '139.62', '698.08', '139.62', '698.08'],
    });
    expect([s(r.doc.base_net_total), s(r.doc.total)]).toEqual(['1163.45', '1578.3']);
    expect(taxTable(r, ['tax_amount', 'tax_amount_after_discount_amount', 'total'])).toEqual({
      [EXCISE]: ['140', '130.31', '1293.76'],
      [EDU]: ['2.8', '2.61', '1296.37'],
      [SHE]: ['1.4', '1.3', '1297.67'],
      [CST]: ['27.88', '25.95', '1323.62'],
      [VAT]: ['156.25', '145.43', '1469.05'],
      [CUSTOMS]: ['125', '116.35', '1585.4'],
      [SHIPPING]: ['100', '100', '1685.4'],
      [DISCOUNT]: ['-180.33', '-168.54', '1516.86'],
      [SERVICE]: ['-18.03', '-16.85', '1500.01'],
    });
    expect([r.doc.base_grand_total, r.doc.grand_total, r.doc.rounding_adjustment].map(s)).toEqual(['1500', '1500', '-0.01']);
    expect([s(r.doc.discount_amount), s(r.doc.base_discount_amount)]).toEqual(['104.94', '104.94']);
  });

  it('follows test_sales_invoice.py test_sales_invoice_with_discount_and_inclusive_tax', () => {
    const items: TaxItemInput[] = [{ item_code: '_Test Item', qty: m(100), rate: m(50) }];
    const taxes = rows([{ charge_type: 'On Net Total', account_head: SERVICE, rate: 14, included_in_print_rate: true }]);
    const plain = calculateTaxesAndTotals({ doc: INR, items, taxes });
    expect([s(plain.doc.net_total), s(plain.doc.grand_total)]).toEqual(['4385.96', '5000']);

    const onNet = calculateTaxesAndTotals({ doc: { ...INR, discount_amount: m(100), apply_discount_on: 'Net Total' }, items, taxes });
    expect([s(onNet.doc.net_total), s(onNet.doc.grand_total)]).toEqual(['4285.96', '4885.99']);

    const onGrand = calculateTaxesAndTotals({ doc: { ...INR, discount_amount: m(100), apply_discount_on: 'Grand Total' }, items, taxes });
    expect([s(onGrand.doc.net_total), s(onGrand.doc.grand_total)]).toEqual(['4298.25', '4900']);
  });

  it('follows test_sales_invoice.py test_tax_calculation_with_multiple_items', () => {
    const items = [84, 54, 288, 144, 430].map((qty) => ({ item_code: '_Test Item', qty: m(qty), rate: m(4.6) }));
    const r = calculateTaxesAndTotals({ doc: INR, items, taxes: rows([{ charge_type: 'On Net Total', account_head: VAT, rate: 19 }]) });
    expect(s(r.doc.net_total)).toBe('4600');
    expect([s(r.taxes[0].tax_amount), s(r.taxes[0].total), s(r.doc.grand_total)]).toEqual(['874', '5474', '5474']);
  });

  it('follows test_sales_invoice.py test_tax_calculation_with_item_tax_template', () => {
    const templates: [number, Record<string, number> | null][] = [
      [84, null],
      [54, { [EXCISE]: 12 }],
      [288, { [EXCISE]: 15 }],
      [144, { [EXCISE]: 20 }],
      [430, { [EXCISE]: 5, [EDU]: 10, [SHE]: 15 }],
    ];
    const items = templates.map(([qty, item_tax_rate]) => ({ item_code: '_Test Item', qty: m(qty), rate: m(4.6), item_tax_rate }));
    const taxes = rows([
      { charge_type: 'On Net Total', account_head: EXCISE, rate: 11 },
      { charge_type: 'On Net Total', account_head: EDU, rate: 0 },
      { charge_type: 'On Net Total', account_head: SHE, rate: 3 },
    ]);
    const r = calculateTaxesAndTotals({ doc: INR, items, taxes });
    expect(s(r.doc.net_total)).toBe('4600');
    expect(r.taxes.map((t) => [s(t.tax_amount), s(t.total)])).toEqual([
      ['502.41', '5102.41'],
      ['197.8', '5300.21'],
      ['375.36', '5675.57'],
    ]);
    expect([r.doc.grand_total, r.doc.rounding_adjustment, r.doc.rounded_total].map(s)).toEqual(['5675.57', '0.43', '5676']);
    // one item code on every row: its breakup adds up, with the rate of the last row's item
    expect(r.taxes[0].item_wise_tax_detail).toBe('{"_Test Item":[5.0,502.412]}');
  });

  it('follows test_sales_invoice.py test_tax_calculation_with_multiple_items_and_discount', () => {
    const items = [75, 500, 200, 100, 50, 50].map((rate) => ({ item_code: '_Test Item', qty: m(1), price_list_rate: m(rate), rate: m(rate) }));
    const r = calculateTaxesAndTotals({
      doc: { ...INR, apply_discount_on: 'Net Total', discount_amount: m(75) },
      items,
      taxes: rows([{ charge_type: 'On Net Total', account_head: VAT, rate: 24 }]),
    });
    expect([s(r.doc.total), s(r.doc.net_total)]).toEqual(['975', '900']);
    expect([s(r.taxes[0].tax_amount), s(r.taxes[0].total), s(r.doc.grand_total)]).toEqual(['216', '1116', '1116']);
  });

  it('follows test_sales_invoice.py test_rounding_adjustment (two inclusive 14% rows on 24900)', () => {
    const taxes = rows([
      { charge_type: 'On Net Total', account_head: SERVICE, description: 'Tax 1', rate: 14, included_in_print_rate: true },
      { charge_type: 'On Net Total', account_head: SERVICE, description: 'Tax2', rate: 14, included_in_print_rate: true },
    ]);
    const r = calculateTaxesAndTotals({ doc: INR, items: [{ item_code: '_Test Item', qty: m(1), rate: m(24900) }], taxes });
    expect([r.doc.net_total, r.doc.grand_total, r.doc.total_taxes_and_charges, r.doc.rounding_adjustment, r.doc.rounded_total].map(s)).toEqual([
      '19453.13',
      '24900',
      '5446.88',
      '-0.01',
      '24900',
    ]);
  });

  it('follows test_sales_invoice.py test_inclusive_rate_validations', () => {
    const { items, taxes } = record2();
    items[0] = { ...items[0], price_list_rate: m(62.5) };
    items[1] = { ...items[1], price_list_rate: m(191) };
    const inclusive = taxes.map((t, i) => ({ ...t, included_in_print_rate: i < 6 }));
    const run = (t: TaxRowInput[]) => () => calculateTaxesAndTotals({ doc: INR, items, taxes: t });
    expect(run(inclusive)).toThrow(new ValidationError("Charge of type 'Actual' in row 1 cannot be included in Item Rate"));
    inclusive[0] = { ...inclusive[0], included_in_print_rate: false };
    expect(run(inclusive)).toThrow(new ValidationError('To include tax in row 6 in Item rate, taxes in rows 1 - 5 must also be included'));
    expect(run(inclusive)).toThrow(ValidationError);
  });
});

describe('tax row checks (accounts_controller validate_taxes_and_charges / validate_inclusive_tax)', () => {
  const items: TaxItemInput[] = [{ item_code: 'X', qty: m(1), rate: m(100) }];
  const run = (taxes: Row[], doc: TaxDocumentInput = INR) => () => calculateTaxesAndTotals({ doc, items, taxes: rows(taxes) });

  it('refuses an On Previous Row charge on the first row', () => {
    expect(run([{ charge_type: 'On Previous Row Amount', account_head: VAT, rate: 5, row_id: 1 }])).toThrow(
      "Cannot select charge type as 'On Previous Row Amount' or 'On Previous Row Total' for first row",
    );
  });

  it('refuses a row reference to the row itself or a later row', () => {
    const first: Row = { charge_type: 'On Net Total', account_head: VAT, rate: 5 };
    for (const row_id of [2, 3]) {
      expect(run([first, { charge_type: 'On Previous Row Total', account_head: CST, rate: 2, row_id }])).toThrow(
        'Cannot refer row number greater than or equal to current row number for this Charge type',
      );
    }
    expect(run([first, { charge_type: 'On Previous Row Total', account_head: CST, rate: 2 }])).toThrow('Please specify a valid Row ID for row 2 in table Sales Taxes and Charges');
  });

  it('refuses a row reference on an On Net Total or Actual row', () => {
    expect(run([{ charge_type: 'On Net Total', account_head: VAT, rate: 5, row_id: 1 }])).toThrow(
      "Can refer row only if the charge type is 'On Previous Row Amount' or 'Previous Row Total'",
    );
  });

  it('refuses an inclusive On Previous Row Amount on an exclusive row', () => {
    expect(
      run([
        { charge_type: 'On Net Total', account_head: VAT, rate: 5 },
        { charge_type: 'On Previous Row Amount', account_head: EDU, rate: 2, row_id: 1, included_in_print_rate: true },
      ]),
    ).toThrow('To include tax in row 2 in Item rate, taxes in rows 1 must also be included');
  });

  it('refuses a discount amount without Apply Discount On, and a rate that is not a number', () => {
    expect(run([], { ...INR, apply_discount_on: null, discount_amount: m(5) })).toThrow('Please select Apply Discount On');
    expect(() => calculateTaxesAndTotals({ doc: INR, items, taxes: [{ charge_type: 'On Net Total', account_head: VAT, rate: m(NaN) }] })).toThrow(ValidationError);
    expect(() => calculateTaxesAndTotals({ doc: INR, items, taxes: [{ charge_type: 'Percent' as never, account_head: VAT, rate: m(1) }] })).toThrow(ValidationError);
  });

  it('asks for an exchange rate when the currencies differ', () => {
    expect(run([], { currency: 'USD', company_currency: 'INR' })).toThrow(
      'Exchange Rate is mandatory. Maybe Currency Exchange record is not created for USD to INR.',
    );
  });

  it('accepts a negative rate, as ERPNext test records do (the Discount row at −10%)', () => {
    const r = calculateTaxesAndTotals({ doc: INR, items, taxes: rows([{ charge_type: 'On Net Total', account_head: DISCOUNT, rate: -10 }]) });
    expect([s(r.taxes[0].tax_amount), s(r.doc.grand_total)]).toEqual(['-10', '90']);
  });
});
