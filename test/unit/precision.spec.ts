import { Doc } from '../../src/kernel/document/types';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { defineDocType } from '../../src/kernel/metadata/types';
import { roundDecimals, toDb, toWire } from '../../src/kernel/metadata/values';
import { ExactNumber, Money, wireNumber } from '../../src/kernel/money/decimal';
import { stringifyExactJson, writeExactJson } from '../../src/kernel/money/json';
import { DEFAULT_NUMBER_SETTINGS, NumberSettingsValues } from '../../src/kernel/money/precision';

/** Frappe's get_field_precision and ERPNext's per-currency rounding, on a small registry. */
const Currency = defineDocType({
  name: 'Currency',
  module: 'Tests',
  fields: [{ fieldname: 'number_format', fieldtype: 'Data' }],
  permissions: [],
});
const InvoiceItem = defineDocType({
  name: 'Invoice Item',
  module: 'Tests',
  istable: true,
  fields: [
    { fieldname: 'qty', fieldtype: 'Float' },
    { fieldname: 'rate', fieldtype: 'Currency', options: 'currency' },
  ],
  permissions: [],
});
const Invoice = defineDocType({
  name: 'Invoice',
  module: 'Tests',
  fields: [
    { fieldname: 'currency', fieldtype: 'Link', options: 'Currency' },
    { fieldname: 'total', fieldtype: 'Currency', options: 'currency' },
    { fieldname: 'plain_amount', fieldtype: 'Currency' },
    { fieldname: 'rate_9', fieldtype: 'Currency', precision: 9 },
    { fieldname: 'discount', fieldtype: 'Percent' },
    { fieldname: 'items', fieldtype: 'Table', options: 'Invoice Item' },
  ],
  permissions: [],
});

const CURRENCIES = new Map([
  ['USD', { number_format: '#,###.##', smallest_currency_fraction_value: '0.01' }],
  ['JPY', { number_format: '#,###', smallest_currency_fraction_value: '1' }],
  ['KWD', { number_format: '#,###.###', smallest_currency_fraction_value: '0.001' }],
  ['CHF', { number_format: null, smallest_currency_fraction_value: '0.05' }],
]);

function registry(values: Partial<NumberSettingsValues> = {}): MetaRegistry {
  const r = new MetaRegistry([Currency, Invoice, InvoiceItem]);
  r.numbers.update({ ...DEFAULT_NUMBER_SETTINGS, ...values }, CURRENCIES);
  return r;
}

describe('field precision (get_field_precision)', () => {
  const r = registry();
  const inv = r.get('Invoice')!;
  const item = r.get('Invoice Item')!;
  const f = (name: string) => inv.field(name)!;

  it('takes the precision of the currency the field names', () => {
    expect(inv.precision(f('total'), { currency: 'USD' })).toBe(2);
    expect(inv.precision(f('total'), { currency: 'JPY' })).toBe(0);
    expect(inv.precision(f('total'), { currency: 'KWD' })).toBe(3);
    // no number format: the decimals of the smallest fraction
    expect(inv.precision(f('total'), { currency: 'CHF' })).toBe(2);
  });

  it("reads a child row's currency from its parent", () => {
    expect(item.precision(item.field('rate')!, {}, { currency: 'JPY' })).toBe(0);
    expect(item.precision(item.field('rate')!, { currency: 'KWD' }, { currency: 'JPY' })).toBe(3);
  });

  it("falls back to System Settings' number format, and takes the field's own precision first", () => {
    expect(inv.precision(f('plain_amount'), { currency: 'JPY' })).toBe(2);
    expect(inv.precision(f('total'), { currency: 'XXX' })).toBe(2);
    expect(registry({ number_format: '#,###.###' }).get('Invoice')!.precision(f('plain_amount'))).toBe(3);
    expect(inv.precision(f('rate_9'), { currency: 'JPY' })).toBe(9);
  });

  it('lets System Settings currency_precision win over the currency, as Frappe does', () => {
    const inv4 = registry({ currency_precision: 4 }).get('Invoice')!;
    expect(inv4.precision(f('total'), { currency: 'JPY' })).toBe(4);
  });

  it('gives Float and Percent System Settings float_precision (3 unless set)', () => {
    expect(inv.precision(f('discount'))).toBe(3);
    expect(item.precision(item.field('qty')!)).toBe(3);
    expect(registry({ float_precision: 5 }).get('Invoice')!.precision(f('discount'))).toBe(5);
  });

  it('refuses a Currency field whose currency field does not exist', () => {
    const Broken = defineDocType({ name: 'Broken', module: 'Tests', fields: [{ fieldname: 'amount', fieldtype: 'Currency', options: 'currency' }], permissions: [] });
    expect(() => new MetaRegistry([Broken])).toThrow(/currency field currency does not exist/);
  });
});

describe('rounding before store', () => {
  it('rounds every decimal of a document and its rows to its precision, with the System Settings method', () => {
    const r = registry();
    const doc: Doc = {
      currency: 'JPY',
      total: new Money('1235.5'),
      plain_amount: new Money('2.675'),
      rate_9: new Money('0.1234567894'),
      discount: new Money('-2.3455'),
      items: [{ qty: new Money('1.0005'), rate: new Money('2.5') }],
    };
    roundDecimals(r, r.get('Invoice')!, doc);
    expect(doc.total.toString()).toBe('1236'); // JPY: 0 places, a tie goes to even
    expect(doc.plain_amount.toString()).toBe('2.68');
    expect(doc.rate_9.toString()).toBe('0.123456789');
    expect(doc.discount.toString()).toBe('-2.345'); // legacy: a tie at 3 places goes up
    expect(doc.items[0].qty.toString()).toBe('1.001');
    expect(doc.items[0].rate.toString()).toBe('2');
  });

  it('follows the configured method', () => {
    const r = registry({ rounding_method: 'Commercial Rounding' });
    const doc: Doc = { currency: 'USD', total: new Money('-2.345'), items: [{ rate: new Money('2.5') }] };
    roundDecimals(r, r.get('Invoice')!, doc);
    expect(doc.total.toString()).toBe('-2.35');
  });
});

describe('range and wire form', () => {
  const r = registry();
  const inv = r.get('Invoice')!;
  const total = inv.field('total')!;

  it('refuses what DECIMAL(21,9) cannot hold with a 417 DataError', () => {
    expect(toDb(inv, total, new Money('999999999999.999999999'))).toBe('999999999999.999999999');
    for (const v of ['1e15', '1000000000000', '-1000000000000', '999999999999.9999999999']) {
      expect(() => toDb(inv, total, new Money(v))).toThrow(expect.objectContaining({ httpStatus: 417, excType: 'DataError' }));
    }
  });

  it('writes decimals as JSON numbers with exactly their digits', () => {
    expect(toWire(inv, total, new Money('0.1').plus('0.2'))).toBe(0.3);
    expect(toWire(inv, total, new Money('59.970000000'))).toBe(59.97);
    const big = toWire(inv, total, new Money('123456789012.123456789'));
    expect(big).toBeInstanceOf(ExactNumber);
    expect(String(big)).toBe('123456789012.123456789');
  });
});

describe('exact JSON', () => {
  it('writes what a double holds as JSON.stringify does, and an ExactNumber anywhere with its digits', () => {
    const plain = { a: 1.5, b: 'x', c: [null, true, new Date('2026-01-02T03:04:05Z')], d: undefined, e: new Money('19.99') };
    expect(stringifyExactJson(plain)).toBe(JSON.stringify(plain));
    const deep = { rows: [{ rate: 1 }, { rate: wireNumber(new Money('123456789012.123456789')) }] };
    expect(stringifyExactJson(deep)).toBe('{"rows":[{"rate":1},{"rate":123456789012.123456789}]}');
    expect(stringifyExactJson({ n: 12345678901234567890n })).toBe('{"n":12345678901234567890}');
    // the engine's JSON.stringify alone would lose the digits
    expect(JSON.stringify(deep)).toBe('{"rows":[{"rate":1},{"rate":123456789012.12346}]}');
    // and whether JSON.parse may read the text back
    expect(writeExactJson(plain).plain).toBe(true);
    expect(writeExactJson(deep).plain).toBe(false);
  });
});
