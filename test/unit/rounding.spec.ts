import { flt, rounded, RoundingMethod } from '../../src/kernel/money/rounding';

/**
 * Frappe's rounding methods (frappe/utils/data.py rounded/flt), with the examples of the
 * contract (shared/contract/frappe-rest.md §6) and of Frappe's test_utils.py, on values binary
 * floats get wrong.
 */
const LEGACY: RoundingMethod = "Banker's Rounding (legacy)";
const BANKERS: RoundingMethod = "Banker's Rounding";
const COMMERCIAL: RoundingMethod = 'Commercial Rounding';

const num = (d: { toString(): string }) => d.toString();

/** [value, precision, expected] for each method */
const EXAMPLES: [RoundingMethod, [string, number, string][]][] = [
  [
    LEGACY,
    [
      ['2.675', 2, '2.68'],
      ['2.665', 2, '2.67'],
      ['1.005', 2, '1.01'],
      ['-2.345', 2, '-2.34'],
      ['-2.355', 2, '-2.35'],
      ['2.5', 0, '2'],
      ['3.5', 0, '4'],
      ['-2.5', 0, '-2'],
      ['-0.5', 0, '0'],
      ['43.5', 0, '44'],
      ['42.5', 0, '42'],
      ['10500.5666', 2, '10500.57'],
      // the scaled value is first rounded to 8 places: 267.4999999999 counts as a tie
      ['2.674999999999', 2, '2.68'],
      ['2.67499999', 2, '2.67'],
    ],
  ],
  [
    BANKERS,
    [
      ['2.675', 2, '2.68'],
      ['2.665', 2, '2.66'],
      ['1.005', 2, '1'],
      ['-2.345', 2, '-2.34'],
      ['0.5', 0, '0'],
      ['2.5', 0, '2'],
      ['-0.5', 0, '0'],
      ['0', 0, '0'],
      ['5.551115123125783e-17', 2, '0'],
      ['26509905246072.01', 2, '26509905246072.01'],
    ],
  ],
  [
    COMMERCIAL,
    [
      ['0.5', 0, '1'],
      ['2.5', 0, '3'],
      ['-0.5', 0, '-1'],
      ['-2.5', 0, '-3'],
      ['2.675', 2, '2.68'],
      ['2.665', 2, '2.67'],
      ['1.005', 2, '1.01'],
      ['-2.345', 2, '-2.35'],
      ['9750000', 9, '9750000'],
      ['26509905246072', 2, '26509905246072'],
      ['1125899906842624.5', 0, '1125899906842625'],
      ['-1125899906842624.5', 0, '-1125899906842625'],
    ],
  ],
];

describe.each(EXAMPLES)('%s', (method, examples) => {
  it.each(examples)('flt(%s, %i) = %s', (v, p, want) => {
    expect(num(flt(v, p, method))).toBe(want);
  });
});

describe("Banker's Rounding (legacy), Frappe's default", () => {
  it('is the method when none is named', () => {
    expect(num(rounded('2.5'))).toBe('2');
    expect(num(flt('2.665', 2))).toBe('2.67');
  });
});

describe('flt', () => {
  it('parses like Frappe: blank and junk give 0, thousands commas are dropped', () => {
    expect(num(flt(null))).toBe('0');
    expect(num(flt(''))).toBe('0');
    expect(num(flt('what'))).toBe('0');
    expect(num(flt('0.3'))).toBe('0.3');
    expect(num(flt('1,500.5', 2))).toBe('1500.5');
  });

  it('adds and multiplies exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(num(flt(0.1).plus(flt(0.2)))).toBe('0.3');
    expect(num(flt('19.99').mul(3))).toBe('59.97');
    expect(1.1 * 3).not.toBe(3.3);
    expect(num(flt('1.1').mul(3))).toBe('3.3');
    expect(num(flt(1.005, 2, LEGACY))).toBe('1.01');
  });

  it('rounds to tens and hundreds with a negative precision', () => {
    expect(num(rounded('1250', -2, COMMERCIAL))).toBe('1300');
    expect(num(rounded('1250', -2, BANKERS))).toBe('1200');
  });

  it('refuses a method Frappe does not have', () => {
    expect(() => rounded('1.5', 0, 'Round Half Down' as RoundingMethod)).toThrow(/Unknown Rounding Method/);
  });
});
