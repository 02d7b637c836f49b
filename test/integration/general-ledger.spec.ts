import Decimal from 'decimal.js';
import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { today } from '../../src/kernel/time/clock';

/** The general ledger poster, through Journal Entry over HTTP. */
describe('general ledger (Journal Entry)', () => {
  let t: TestApp;
  let admin: string;
  let user: string;
  const tag = `${process.pid}`.slice(-5);
  const ABBR = `GL${tag}`;
  const CO = `Ledger Co ${tag}`;
  const acc = (name: string) => `${name} - ${ABBR}`;
  const CASH = acc('Cash');
  const ADJ = acc('Stock Adjustment');
  const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  const je = (rows: Record<string, unknown>[], extra: Record<string, unknown> = {}, auth = admin) =>
    t.http.post('/api/resource/Journal Entry').set('Authorization', auth).send({ company: CO, docstatus: 1, accounts: rows, ...extra });
  const dr = (account: string, v: string | number, extra: Record<string, unknown> = {}) => ({ account, debit_in_account_currency: v, ...extra });
  const cr = (account: string, v: string | number, extra: Record<string, unknown> = {}) => ({ account, credit_in_account_currency: v, ...extra });
  const gl = async (filters: Record<string, unknown>) =>
    (
      await t.http
        .get('/api/resource/GL Entry')
        .query({ filters: JSON.stringify(filters), fields: JSON.stringify(['*']), limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data as Record<string, any>[];
  const setAccount = (name: string, body: Record<string, unknown>) => t.http.put(`/api/resource/Account/${name}`).set('Authorization', admin).send(body).expect(200);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    user = await t.token(demoUserEmail('Accounts User'));
    await t.http.post('/api/resource/Company').set('Authorization', admin).send({ company_name: CO, abbr: ABBR, default_currency: 'USD', country: 'United States' }).expect(200);
  });
  afterAll(() => t.close());

  it('writes one entry per row with against, fiscal year, company and the default cost center on P&L accounts', async () => {
    const res = await je([dr(ADJ, '25.5'), cr(CASH, '25.5')]).expect(200);
    const doc = res.body.data;
    expect(doc.name).toMatch(/^ACC-JV-\d{4}-\d{5}$/);
    expect(doc).toMatchObject({ total_debit: 25.5, total_credit: 25.5, difference: 0, docstatus: 1 });
    const rows = await gl({ voucher_no: doc.name });
    expect(rows).toHaveLength(2);
    const co = (await t.http.get(`/api/resource/Company/${CO}`).set('Authorization', admin).expect(200)).body.data;
    const d = rows.find((r) => r.account === ADJ)!;
    const c = rows.find((r) => r.account === CASH)!;
    expect(d).toMatchObject({ debit: 25.5, credit: 0, against: CASH, company: CO, voucher_type: 'Journal Entry', is_cancelled: 0, cost_center: co.cost_center });
    expect(c).toMatchObject({ debit: 0, credit: 25.5, against: ADJ, company: CO });
    expect(d.fiscal_year).toBeTruthy();
    expect(d.voucher_detail_no).toBe(doc.accounts.find((r: any) => r.account === ADJ).name);
  });

  it('refuses an unbalanced entry naming the difference, and writes nothing', async () => {
    const before = (await gl({ company: CO })).length;
    const res = await je([dr(ADJ, '10'), cr(CASH, '9.5')]).expect(417);
    expect(res.text).toContain('Total Debit must be equal to Total Credit. The difference is 0.5');
    expect((await gl({ company: CO })).length).toBe(before);
  });

  it('refuses negative or non-numeric amounts, both sides on a row, and a single row', async () => {
    await je([dr(ADJ, '-5'), cr(CASH, '-5')]).expect(417);
    await je([dr(ADJ, 'abc'), cr(CASH, '5')]).expect((r) => expect([400, 417]).toContain(r.status));
    await je([dr(ADJ, '5', { credit_in_account_currency: '5' }), cr(CASH, '5')]).expect(417);
    await je([dr(ADJ, '5')]).expect(417);
  });

  it('requires a party on a receivable account', async () => {
    const res = await je([dr(acc('Debtors'), '5'), cr(CASH, '5')]).expect(417);
    expect(res.text).toContain(`Party Type and Party is required for Receivable / Payable account ${acc('Debtors')}`);
  });

  it('sends a rounding difference below one unit to the round off account', async () => {
    const res = await je([dr(ADJ, '3.333'), dr(ADJ, '3.333', { cost_center: undefined, user_remark: 'b' }), dr(ADJ, '3.333', { user_remark: 'c' }), cr(CASH, '9.999')]);
    expect(res.status).toBe(200);
    const rows = await gl({ voucher_no: res.body.data.name });
    const sum = (f: 'debit' | 'credit') => rows.reduce((s, r) => s.plus(r[f]), new Decimal(0));
    expect(sum('debit').eq(sum('credit'))).toBe(true);
    const roundOff = rows.find((r) => r.account === acc('Round Off'));
    expect(roundOff).toBeDefined();
    expect(new Decimal(roundOff!.debit).plus(roundOff!.credit).toString()).toBe('0.01');
  });

  it('refuses a group, a disabled account and another company\'s account or cost center', async () => {
    expect((await je([dr(acc('Current Assets'), '1'), cr(CASH, '1')])).status).toBeGreaterThanOrEqual(400);
    await setAccount(ADJ, { disabled: 1 });
    try {
      expect((await je([dr(ADJ, '1'), cr(CASH, '1')])).status).toBe(417);
    } finally {
      await setAccount(ADJ, { disabled: 0 });
    }
    expect((await je([dr('Cash - DD', '1'), cr(CASH, '1')])).status).toBeGreaterThanOrEqual(400);
    expect((await je([dr(ADJ, '1', { cost_center: 'Main - DD' }), cr(CASH, '1')])).status).toBeGreaterThanOrEqual(400);
  });

  it('a frozen account refuses an Accounts User and allows an Accounts Manager', async () => {
    await setAccount(ADJ, { freeze_account: 'Yes' });
    try {
      const res = await je([dr(ADJ, '2'), cr(CASH, '2')], {}, user);
      expect(res.status).toBe(417);
      expect(res.text).toContain('frozen');
      await je([dr(ADJ, '2'), cr(CASH, '2')], {}, await t.token(demoUserEmail('Accounts Manager'))).expect(200);
    } finally {
      await setAccount(ADJ, { freeze_account: 'No' });
    }
  });

  it('refuses a posting on or before accounts_frozen_till_date, and with no fiscal year', async () => {
    await t.http.put(`/api/resource/Company/${CO}`).set('Authorization', admin).send({ accounts_frozen_till_date: daysAgo(5) }).expect(200);
    try {
      const res = await je([dr(ADJ, '1'), cr(CASH, '1')], { posting_date: daysAgo(5) });
      expect(res.status).toBe(417);
      expect(res.text).toContain('frozen');
      await je([dr(ADJ, '1'), cr(CASH, '1')], { posting_date: daysAgo(4) }).expect(200);
    } finally {
      await t.http.put(`/api/resource/Company/${CO}`).set('Authorization', admin).send({ accounts_frozen_till_date: null }).expect(200);
    }
    const res = await je([dr(ADJ, '1'), cr(CASH, '1')], { posting_date: '1990-01-01' });
    expect(res.status).toBe(417);
    expect(res.text.toLowerCase()).toContain('fiscal year');
  });

  it('a closed Accounting Period refuses post and cancel', async () => {
    const open = await je([dr(ADJ, '3'), cr(CASH, '3')], { posting_date: daysAgo(30) }).expect(200);
    await t.http
      .post('/api/resource/Accounting Period')
      .set('Authorization', admin)
      .send({ period_name: `Closed ${tag}`, company: CO, start_date: daysAgo(40), end_date: daysAgo(20), closed_documents: [{ document_type: 'Journal Entry', closed: 1 }] })
      .expect(200);
    expect((await je([dr(ADJ, '1'), cr(CASH, '1')], { posting_date: daysAgo(30) })).status).toBe(417);
    const cancel = await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Journal Entry', name: open.body.data.name });
    expect(cancel.status).toBe(417);
    expect((await gl({ voucher_no: open.body.data.name, is_cancelled: 0 })).length).toBe(2);
  });

  it('cancel marks the originals cancelled and adds reversals: the account nets to zero', async () => {
    const doc = (await je([dr(ADJ, '7.25'), cr(CASH, '7.25')]).expect(200)).body.data;
    await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Journal Entry', name: doc.name }).expect(200);
    const rows = await gl({ voucher_no: doc.name });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => Number(r.is_cancelled) === 1)).toBe(true);
    const net = rows.filter((r) => r.account === ADJ).reduce((s, r) => s.plus(r.debit).minus(r.credit), new Decimal(0));
    expect(net.isZero()).toBe(true);
  });

  it('GL Entry refuses writes and deletes through REST', async () => {
    const [row] = await gl({ company: CO });
    expect((await t.http.put(`/api/resource/GL Entry/${row.name}`).set('Authorization', admin).send({ debit: 1 })).status).toBeGreaterThanOrEqual(400);
    expect((await t.http.delete(`/api/resource/GL Entry/${row.name}`).set('Authorization', admin)).status).toBeGreaterThanOrEqual(400);
    expect((await t.http.post('/api/resource/GL Entry').set('Authorization', admin).send({ account: CASH, company: CO, debit: 1, posting_date: today() })).status).toBeGreaterThanOrEqual(400);
  });

  it('an account with entries cannot be converted to a group or deleted', async () => {
    const put = await t.http.put(`/api/resource/Account/${CASH}`).set('Authorization', admin).send({ is_group: 1 });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect((await t.http.delete(`/api/resource/Account/${CASH}`).set('Authorization', admin)).status).toBeGreaterThanOrEqual(400);
  });
});
