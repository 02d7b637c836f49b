import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { Database } from '../../src/kernel/db/database';
import { today } from '../../src/kernel/time/clock';
import { newBooksCompany, postVouchers } from '../fixtures/gl-fixtures';

/**
 * The accounting reports through HTTP over hand-posted vouchers in two companies (Journal Entry
 * vouchers posted through the general ledger), every figure computed by hand.
 */
describe('accounting reports', () => {
  let t: TestApp;
  let admin: string;
  let A: { name: string; abbr: string };
  let B: { name: string; abbr: string };
  const Y = today().slice(0, 4);
  const acc = (name: string, co = A) => `${name} - ${co.abbr}`;
  const vno = (n: string) => `RPT-${process.pid}-${n}`;
  const call = (method: string, query: Record<string, unknown>, auth = admin) => t.http.get(`/api/method/${method}`).query(query).set('Authorization', auth);
  const ok = async (method: string, query: Record<string, unknown>, auth = admin) => {
    const res = await call(method, query, auth);
    expect(res.status).toBe(200);
    return res.body.message;
  };
  const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    A = await newBooksCompany(t, admin, 'RA');
    B = await newBooksCompany(t, admin, 'RB');
    const cust = 'Report Customer';
    await postVouchers(t, [
      { voucher_no: vno('1'), company: A.name, posting_date: `${Y}-01-10`, lines: [{ account: acc('Cash'), debit: '1000' }, { account: acc('Capital Stock'), credit: '1000' }] },
      {
        voucher_no: vno('2'),
        company: A.name,
        posting_date: `${Y}-01-20`,
        lines: [
          { account: acc('Debtors'), debit: '500', party_type: 'Customer', party: cust },
          { account: acc('Sales'), credit: '450' },
          { account: acc('VAT'), credit: '50' },
        ],
      },
      {
        voucher_no: vno('3'),
        company: A.name,
        posting_date: `${Y}-02-05`,
        lines: [{ account: acc('Administrative Expenses'), debit: '100.25' }, { account: acc('VAT'), debit: '10' }, { account: acc('Cash'), credit: '110.25' }],
      },
      {
        voucher_no: vno('4'),
        company: A.name,
        posting_date: `${Y}-02-15`,
        lines: [
          { account: acc('Cash'), debit: '200' },
          { account: acc('Debtors'), credit: '200', party_type: 'Customer', party: cust, against_voucher_type: 'Journal Entry', against_voucher: vno('2') },
        ],
      },
      {
        voucher_no: vno('5'),
        company: A.name,
        posting_date: `${Y}-03-01`,
        lines: [{ account: acc('Debtors'), debit: '300', party_type: 'Customer', party: cust }, { account: acc('Sales'), credit: '300' }],
      },
      { voucher_no: vno('6'), company: B.name, posting_date: `${Y}-01-15`, lines: [{ account: acc('Cash', B), debit: '777.77' }, { account: acc('Sales', B), credit: '777.77' }] },
    ]);
  });
  afterAll(() => t.close());

  it('trial balance of February: opening, period and closing per account, P&L opening from the fiscal year start, groups rolled up, totals balance', async () => {
    const tb = await ok('docket.accounts.trial_balance', { company: A.name, from_date: `${Y}-02-01`, to_date: `${Y}-02-28` });
    const row = (a: string) => tb.rows.find((r: { account: string }) => r.account === a);
    expect(row(acc('Cash'))).toMatchObject({ opening_debit: 1000, opening_credit: 0, debit: 200, credit: 110.25, closing_debit: 1089.75, closing_credit: 0 });
    expect(row(acc('Capital Stock'))).toMatchObject({ opening_credit: 1000, debit: 0, credit: 0, closing_credit: 1000 });
    expect(row(acc('Debtors'))).toMatchObject({ opening_debit: 500, credit: 200, closing_debit: 300 });
    expect(row(acc('Sales'))).toMatchObject({ opening_credit: 450, debit: 0, credit: 0, closing_credit: 450 });
    expect(row(acc('VAT'))).toMatchObject({ opening_credit: 50, debit: 10, closing_credit: 40 });
    expect(row(acc('Administrative Expenses'))).toMatchObject({ opening_debit: 0, debit: 100.25, closing_debit: 100.25 });
    expect(row(acc('Current Assets'))).toMatchObject({ is_group: 1, opening_debit: 1500, debit: 200, credit: 310.25, closing_debit: 1389.75 });
    expect(tb.totals).toEqual({ opening_debit: 1500, opening_credit: 1500, debit: 310.25, credit: 310.25, closing_debit: 1490, closing_credit: 1490 });
    // company B's entries stay out of A's
    expect(row(acc('Sales', B))).toBeUndefined();
  });

  it('profit and loss and balance sheet: net profit, assets = liabilities + equity + provisional profit', async () => {
    const pl = await ok('docket.accounts.profit_and_loss', { company: A.name, from_date: `${Y}-01-01`, to_date: `${Y}-02-28` });
    expect(pl).toMatchObject({ income: 450, expense: 100.25, net_profit: 349.75 });
    const bs = await ok('docket.accounts.balance_sheet', { company: A.name, to_date: `${Y}-02-28` });
    expect(bs).toMatchObject({ asset: 1389.75, liability: 40, equity: 1000, provisional_profit_loss: 349.75, total_liability_equity_profit: 1389.75 });
    const plB = await ok('docket.accounts.profit_and_loss', { company: B.name, from_date: `${Y}-01-01`, to_date: `${Y}-12-31` });
    expect(plB).toMatchObject({ income: 777.77, expense: 0, net_profit: 777.77 });
    await call('docket.accounts.profit_and_loss', { company: A.name }).expect(417);
  });

  it('general ledger: opening row, running balance, closing, pagination and a group account', async () => {
    const gl = await ok('docket.accounts.general_ledger', { company: A.name, account: acc('Cash'), from_date: `${Y}-02-01`, to_date: `${Y}-03-31` });
    expect(gl.opening).toEqual({ debit: 1000, credit: 0, balance: 1000 });
    expect(gl.rows.map((r: { voucher_no: string; balance: number }) => [r.voucher_no, r.balance])).toEqual([
      [vno('3'), 889.75],
      [vno('4'), 1089.75],
    ]);
    expect(gl.closing).toEqual({ debit: 1200, credit: 110.25, balance: 1089.75 });
    expect(gl.total).toBe(2);
    const page = await ok('docket.accounts.general_ledger', { company: A.name, account: acc('Cash'), from_date: `${Y}-02-01`, to_date: `${Y}-03-31`, limit_start: 1, limit_page_length: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ voucher_no: vno('4'), debit: 200, balance: 1089.75 });
    const group = await ok('docket.accounts.general_ledger', { company: A.name, account: acc('Current Assets'), from_date: `${Y}-01-01`, to_date: `${Y}-01-31` });
    expect(group.rows.map((r: { account: string }) => r.account)).toEqual([acc('Cash'), acc('Debtors')]);
    expect(group.closing.balance).toBe(1500);
    const byVoucher = await ok('docket.accounts.general_ledger', { company: A.name, voucher_no: vno('3') });
    expect(byVoucher.total).toBe(3);
    expect(byVoucher.closing.balance).toBe(0);
    await call('docket.accounts.general_ledger', { company: A.name, account: 'No Such Account' }).expect(417);
  });

  it("general ledger of an account: the company filter keeps only that company's accounts (none of another company's)", async () => {
    const q = { account: acc('Cash'), from_date: `${Y}-01-01`, to_date: `${Y}-03-31` };
    const own = await ok('docket.accounts.general_ledger', { ...q, company: A.name });
    expect(own.total).toBe(3);
    expect(await ok('docket.accounts.general_ledger', q)).toEqual(own);
    const other = await ok('docket.accounts.general_ledger', { ...q, company: B.name });
    expect(other).toEqual({ opening: { debit: 0, credit: 0, balance: 0 }, rows: [], closing: { debit: 0, credit: 0, balance: 0 }, total: 0 });
    const bGroup = await ok('docket.accounts.general_ledger', { company: B.name, account: acc('Current Assets', B), from_date: `${Y}-01-01`, to_date: `${Y}-01-31` });
    expect(bGroup.rows.map((r: { voucher_no: string; balance: number }) => [r.voucher_no, r.balance])).toEqual([[vno('6'), 777.77]]);
  });

  it('accounts receivable: outstanding per invoice after payments, ages and buckets', async () => {
    const report_date = `${Y}-05-15`;
    const ar = await ok('docket.accounts.accounts_receivable', { company: A.name, report_date });
    expect(ar.total).toBe(2);
    const r2 = ar.rows.find((r: { voucher_no: string }) => r.voucher_no === vno('2'));
    const r5 = ar.rows.find((r: { voucher_no: string }) => r.voucher_no === vno('5'));
    expect(r2).toMatchObject({ invoiced: 500, paid: 200, outstanding: 300, posting_date: `${Y}-01-20`, age: days(`${Y}-01-20`, report_date), range4: 300, range1: 0 });
    expect(r5).toMatchObject({ invoiced: 300, paid: 0, outstanding: 300, age: days(`${Y}-03-01`, report_date), range3: 300, range4: 0 });
    const early = await ok('docket.accounts.accounts_receivable', { company: A.name, report_date: `${Y}-03-10` });
    expect(early.rows.find((r: { voucher_no: string }) => r.voucher_no === vno('5'))).toMatchObject({ age: 9, range1: 300 });
    expect(early.rows.find((r: { voucher_no: string }) => r.voucher_no === vno('2'))).toMatchObject({ range2: 300 });
  });

  it('tax summary: per tax account, debit, credit and net', async () => {
    const tax = await ok('docket.accounts.tax_summary', { company: A.name, from_date: `${Y}-01-01`, to_date: `${Y}-12-31` });
    expect(tax.rows).toEqual([{ company: A.name, account: acc('VAT'), debit: 10, credit: 50, net: 40 }]);
  });

  it('User Permission on Company: only the allowed company, and no consolidated report', async () => {
    const user = demoUserEmail('Accounts User');
    await t.http.post('/api/resource/User Permission').set('Authorization', admin).send({ user, allow: 'Company', for_value: A.name }).expect(200);
    const token = await t.token(user);
    const mine = await call('docket.accounts.tax_summary', { company: A.name }, token);
    expect([mine.status, mine.body._server_messages]).toEqual([200, undefined]);
    await call('docket.accounts.tax_summary', { company: B.name }, token).expect(403);
    await call('docket.accounts.trial_balance', { from_date: `${Y}-01-01`, to_date: `${Y}-12-31` }, token).expect(403);
    const consolidated = await ok('docket.accounts.trial_balance', { from_date: `${Y}-01-01`, to_date: `${Y}-12-31` });
    expect(consolidated.totals.closing_debit).toBe(consolidated.totals.closing_credit);
    // a role without read on GL Entry
    await call('docket.accounts.tax_summary', { company: A.name }, await t.token(demoUserEmail('Stock User'))).expect(403);
  });

  it('integrity check passes on sound books and finds a voucher broken by raw SQL', async () => {
    expect(await ok('docket.accounts.check_ledger_integrity', { company: A.name })).toEqual({ ok: true, problems: [] });
    await call('docket.accounts.check_ledger_integrity', { company: A.name }, await t.token(demoUserEmail('Accounts User'))).expect(403);
    await t.app.get(Database).pool.write("GL Entry", "UPDATE `tabGL Entry` SET debit = '201' WHERE voucher_no = ? AND account = ?", [vno('4'), acc('Cash')]);
    try {
      const res = await ok('docket.accounts.check_ledger_integrity', { company: A.name });
      expect(res.ok).toBe(false);
      expect(res.problems.join('\n')).toContain(`Journal Entry ${vno('4')} is unbalanced: debit − credit = 1`);
      expect(res.problems.join('\n')).toContain(`the trial balance of ${A.name} does not net to zero`);
    } finally {
      await t.app.get(Database).pool.write("GL Entry", "UPDATE `tabGL Entry` SET debit = '200' WHERE voucher_no = ? AND account = ?", [vno('4'), acc('Cash')]);
    }
  });
});
