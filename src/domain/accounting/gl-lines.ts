import Decimal from 'decimal.js';
import { ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';

/** One debit or credit a voucher asks the general ledger to post, in the company's currency. */
export interface GlLine {
  account: string;
  debit?: Decimal.Value | null;
  credit?: Decimal.Value | null;
  /** in the account's currency; the company amounts when absent (single-currency books) */
  debit_in_account_currency?: Decimal.Value | null;
  credit_in_account_currency?: Decimal.Value | null;
  party_type?: string | null;
  party?: string | null;
  cost_center?: string | null;
  against_voucher_type?: string | null;
  against_voucher?: string | null;
  voucher_detail_no?: string | null;
  /** the other side's accounts or parties; worked out from the voucher's other lines when absent */
  against?: string | null;
  remarks?: string | null;
}

/** A line after netting, merging and rounding: exact decimals on one side only. */
export interface GlAmounts extends Omit<GlLine, 'debit' | 'credit' | 'debit_in_account_currency' | 'credit_in_account_currency'> {
  debit: Money;
  credit: Money;
  debit_in_account_currency: Money;
  credit_in_account_currency: Money;
  /** the account's currency, set when the account is checked */
  account_currency?: string;
}

type Round = (value: Decimal.Value, precision: number) => Money;

const MERGE_KEY: (keyof GlLine)[] = ['account', 'party_type', 'party', 'cost_center', 'against_voucher_type', 'against_voucher', 'voucher_detail_no'];

/** An amount as exact Money (blank is zero); a non-number refused naming `label`. */
export function parseAmount(v: Decimal.Value | null | undefined, label: string): Money {
  if (v === null || v === undefined || v === '') return new Money(0);
  let d: Money;
  try {
    d = new Money(v);
  } catch {
    throw new ValidationError(`${label} is not a number: ${String(v)}`);
  }
  if (!d.isFinite()) throw new ValidationError(`${label} is not a number: ${String(v)}`);
  return d;
}

function amount(v: Decimal.Value | null | undefined, what: string, account: string): Money {
  return parseAmount(v, `${what} of ${account}`);
}

/**
 * ERPNext's preparation of a voucher's GL map (general_ledger.py): each line netted to one side
 * (a negative debit is a credit), lines with the same account, party, cost center, against
 * voucher and voucher row merged, then rounded to the currency's precision; lines that round to
 * nothing dropped.
 */
export function prepareLines(lines: readonly GlLine[], precision: number, round: Round): GlAmounts[] {
  const merged = new Map<string, GlAmounts>();
  for (const line of lines) {
    if (!line.account) throw new ValidationError('Account is mandatory on every ledger line');
    const net = amount(line.debit, 'Debit', line.account).minus(amount(line.credit, 'Credit', line.account));
    const hasOwn = line.debit_in_account_currency != null || line.credit_in_account_currency != null;
    const netOwn = hasOwn
      ? amount(line.debit_in_account_currency, 'Debit in account currency', line.account).minus(amount(line.credit_in_account_currency, 'Credit in account currency', line.account))
      : net;
    const key = JSON.stringify(MERGE_KEY.map((k) => line[k] ?? null));
    const seen = merged.get(key);
    if (seen) {
      seen.debit = seen.debit.plus(net);
      seen.debit_in_account_currency = seen.debit_in_account_currency.plus(netOwn);
      if (!seen.against && line.against) seen.against = line.against;
      continue;
    }
    const { debit: _d, credit: _c, debit_in_account_currency: _od, credit_in_account_currency: _oc, ...rest } = line;
    // `debit` holds the signed net until the sides are split below
    merged.set(key, { ...rest, debit: net, credit: new Money(0), debit_in_account_currency: netOwn, credit_in_account_currency: new Money(0) });
  }
  const out: GlAmounts[] = [];
  for (const l of merged.values()) {
    const net = round(l.debit, precision);
    const own = round(l.debit_in_account_currency, precision);
    if (net.isZero() && own.isZero()) continue;
    out.push({
      ...l,
      debit: net.isNegative() ? new Money(0) : net,
      credit: net.isNegative() ? net.neg() : new Money(0),
      debit_in_account_currency: own.isNegative() ? new Money(0) : own,
      credit_in_account_currency: own.isNegative() ? own.neg() : new Money(0),
    });
  }
  return out;
}

/** Σ debit − Σ credit of the lines as given, before any rounding. */
export function rawDifference(lines: readonly GlLine[]): Money {
  return lines.reduce((sum, l) => sum.plus(amount(l.debit, 'Debit', l.account)).minus(amount(l.credit, 'Credit', l.account)), new Money(0));
}

/** Σ debit − Σ credit of prepared lines. */
export function difference(lines: readonly GlAmounts[]): Money {
  return lines.reduce((sum, l) => sum.plus(l.debit).minus(l.credit), new Money(0));
}

/**
 * ERPNext's `against`: on each line, the accounts (or parties, when a line has one) of the lines
 * on the other side, comma-separated, unless the voucher gave it.
 */
export function fillAgainst(lines: GlAmounts[]): void {
  const side = (debit: boolean) => [...new Set(lines.filter((l) => (debit ? l.debit.gt(0) : l.credit.gt(0))).map((l) => l.party || l.account))].join(', ');
  const debits = side(true);
  const credits = side(false);
  for (const l of lines) if (!l.against) l.against = l.debit.gt(0) ? credits : debits;
}
