import Decimal from 'decimal.js';
import { Money } from '../../src/kernel/money/decimal';
import { difference, fillAgainst, prepareLines, rawDifference } from '../../src/domain/accounting/gl-lines';

const round = (v: Decimal.Value, p: number) => new Money(new Money(v).toDecimalPlaces(p, Decimal.ROUND_HALF_UP));

describe('gl-lines', () => {
  it('nets a line to one side: a negative debit is a credit', () => {
    const [l] = prepareLines([{ account: 'A', debit: '-5', credit: '2' }], 2, round);
    expect(l.debit.toString()).toBe('0');
    expect(l.credit.toString()).toBe('7');
  });

  it('merges lines with the same account, party, cost center and row; keeps others apart; drops zeros', () => {
    const out = prepareLines(
      [
        { account: 'A', debit: 3, cost_center: 'C' },
        { account: 'A', debit: 2, cost_center: 'C' },
        { account: 'A', debit: 1, cost_center: 'D' },
        { account: 'B', debit: 4, voucher_detail_no: 'r1' },
        { account: 'B', credit: 4, voucher_detail_no: 'r1' },
      ],
      2,
      round,
    );
    expect(out.map((l) => [l.account, l.cost_center, l.debit.toString()])).toEqual([
      ['A', 'C', '5'],
      ['A', 'D', '1'],
    ]);
  });

  it('rounds after merging, and the raw difference is taken before rounding', () => {
    const lines = [{ account: 'A', debit: '3.333', voucher_detail_no: '1' }, { account: 'A', debit: '3.333', voucher_detail_no: '2' }, { account: 'A', debit: '3.333', voucher_detail_no: '3' }, { account: 'B', credit: '9.999' }];
    expect(rawDifference(lines).isZero()).toBe(true);
    const out = prepareLines(lines, 2, round);
    expect(difference(out).toString()).toBe('-0.01');
  });

  it('refuses a non-numeric amount', () => {
    expect(() => prepareLines([{ account: 'A', debit: 'x' }], 2, round)).toThrow('not a number');
  });

  it('fills against with the other side\'s accounts, or parties, unless given', () => {
    const out = prepareLines([{ account: 'A', debit: 5 }, { account: 'R', credit: 3, party_type: 'Customer', party: 'P' }, { account: 'B', credit: 2, against: 'given' }], 2, round);
    fillAgainst(out);
    expect(out.map((l) => l.against)).toEqual(['P, B', 'A', 'given']);
  });
});
