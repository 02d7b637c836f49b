import { bootApp, TestApp } from '../harness/app';

/** What a newcomer's `npm start` shows in the books: the demo invoices and payments, balanced and reported. */
describe('the demo company’s books', () => {
  let t: TestApp;
  let admin: string;
  const today = new Date().toISOString().slice(0, 10);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const report = async (method: string, query: Record<string, unknown>) => {
    const res = await t.http.get(`/api/method/${method}`).query({ company: 'Docket Demo', ...query }).set('Authorization', admin);
    expect([method, res.status, res.body._server_messages]).toEqual([method, 200, undefined]);
    return res.body.message;
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('three submitted invoices (Paid, Partly Paid, Unpaid) with VAT from the Tax Rule and the shipping rule on one', async () => {
    const res = await t.http
      .get('/api/resource/Sales Invoice')
      .query({ fields: '["name","status","grand_total","outstanding_amount","shipping_rule"]', filters: '[["company","=","Docket Demo"]]', order_by: 'creation asc', limit_page_length: 10 })
      .set('Authorization', admin)
      .expect(200);
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(['Paid', 'Partly Paid', 'Unpaid']);
    const partly = res.body.data[1];
    expect(partly.shipping_rule).toBe('Standard Shipping');
    // 12 mugs at 14 + gift wrap 5 = 173 net; VAT 10% = 17.30; shipping band 100–500 = 5
    expect(partly.grand_total).toBe(195.3);
    expect(partly.outstanding_amount).toBe(95.3);
    const doc = await t.http.get(`/api/resource/Sales Invoice/${partly.name}`).set('Authorization', admin).expect(200);
    expect(doc.body.data.taxes.map((r: { account_head: string; tax_amount: number }) => [r.account_head, r.tax_amount])).toEqual([
      ['VAT - DD', 17.3],
      ['Freight and Forwarding Charges - DD', 5],
    ]);
  });

  it('a non-empty trial balance that nets to zero, receivables aged, and a sound integrity check', async () => {
    const tb = await report('docket.accounts.trial_balance', { from_date: yearStart, to_date: today });
    expect(tb.totals.debit).toBeGreaterThan(0);
    expect(tb.totals.closing_debit).toBe(tb.totals.closing_credit);
    const debtors = tb.rows.find((r: { account: string }) => r.account === 'Debtors - DD');
    // 2 × 129 + 3 × 39.50 = 376.50 + 10% VAT = 414.15 (paid); 195.30 − 100 (partly paid); 59 + 5.90 (unpaid)
    expect([debtors.closing_debit, debtors.closing_credit]).toEqual([160.2, 0]);
    const ar = await report('docket.accounts.accounts_receivable', { report_date: today });
    expect(ar.rows.length).toBe(2);
    expect(await report('docket.accounts.check_ledger_integrity', {})).toEqual({ ok: true, problems: [] });
  });
});
