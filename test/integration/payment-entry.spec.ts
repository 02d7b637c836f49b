import { Database } from '../../src/kernel/db/database';
import { Money } from '../../src/kernel/money/decimal';
import { bootApp, TestApp } from '../harness/app';

interface Gle {
  account: string;
  debit: string | number;
  credit: string | number;
  party: string | null;
  against_voucher: string | null;
  is_cancelled: number;
}

/** Payment Entry through the REST API: settling invoices (exact outstanding and status), its GL, cancel, refusals, get_payment_entry. */
describe('Payment Entry', () => {
  let t: TestApp;
  let admin: string;
  const pid = process.pid % 10000;
  const company = `PE Co ${pid}`;
  const abbr = `PE${pid}`;
  const other = `PE Other ${pid}`;
  const otherAbbr = `PO${pid}`;
  let customer: string;
  let customer2: string;
  const item = `PE-ITEM-${pid}`;
  const debtors = `Debtors - ${abbr}`;
  const cash = `Cash - ${abbr}`;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const get = async (doctype: string, name: string) => (await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).expect(200)).body.data;
  const db = () => t.app.get(Database).pool;
  const count = async (table: string) => Number((await db().query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const dec = (v: unknown) => new Money(String(v ?? 0));
  const gl = async (voucher: string): Promise<Gle[]> => db().query('SELECT * FROM `tabGL Entry` WHERE voucher_type = ? AND voucher_no = ? AND is_cancelled = 0 ORDER BY account, against_voucher', ['Payment Entry', voucher]);
  const cancel = (doctype: string, name: string) => t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype, name });
  const newInvoice = async (rate: number | string, extra: Record<string, unknown> = {}) => {
    const res = await post('Sales Invoice', { customer, company, items: [{ item_code: item, qty: 1, rate }], docstatus: 1, ...extra });
    expect(res.status).toBe(200);
    return res.body.data.name as string;
  };
  const payment = (paid: number | string, refs: [string, number | string][], extra: Record<string, unknown> = {}) => ({
    payment_type: 'Receive',
    company,
    party_type: 'Customer',
    party: customer,
    paid_from: debtors,
    paid_to: cash,
    paid_amount: paid,
    references: refs.map(([reference_name, allocated_amount]) => ({ reference_doctype: 'Sales Invoice', reference_name, allocated_amount })),
    docstatus: 1,
    ...extra,
  });
  const snapshot = async () => [await count('tabPayment Entry'), await count('tabGL Entry')];
  const expect417 = async (body: Record<string, unknown>, mentions: string) => {
    const before = await snapshot();
    const res = await post('Payment Entry', body);
    expect(res.status).toBe(417);
    expect(JSON.parse(JSON.parse(res.body._server_messages)[0]).message).toContain(mentions);
    expect(await snapshot()).toEqual(before);
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    for (const [name, a] of [[company, abbr], [other, otherAbbr]]) {
      expect((await post('Company', { company_name: name, abbr: a, default_currency: 'USD', country: 'United States' })).status).toBe(200);
    }
    customer = (await post('Customer', { customer_name: `PE Customer ${pid}` }).expect(200)).body.data.name;
    customer2 = (await post('Customer', { customer_name: `PE Customer B ${pid}` }).expect(200)).body.data.name;
    expect((await post('Item', { item_code: item, item_group: 'All Item Groups', stock_uom: 'Nos', is_stock_item: 0 })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('a full payment settles the invoice: outstanding 0, status Paid; GL debits cash and credits the receivable against the invoice', async () => {
    const inv = await newInvoice(100);
    const res = await post('Payment Entry', payment(100, [[inv, 100]], { unallocated_amount: 5, status: 'Cancelled' }));
    expect(res.status).toBe(200);
    const pe = res.body.data;
    expect(pe.name).toMatch(/^ACC-PAY-\d{4}-\d{5}$/);
    expect(pe.status).toBe('Submitted');
    expect([pe.paid_amount, pe.received_amount, pe.total_allocated_amount, pe.unallocated_amount].map(Number)).toEqual([100, 100, 100, 0]);
    expect(pe.party_name).toBe(`PE Customer ${pid}`);
    const si = await get('Sales Invoice', inv);
    expect(Number(si.outstanding_amount)).toBe(0);
    expect(si.status).toBe('Paid');
    const lines = await gl(pe.name);
    expect(lines.map((l) => [l.account, Number(l.debit), Number(l.credit), l.party, l.against_voucher])).toEqual([
      [cash, 100, 0, null, null],
      [debtors, 0, 100, customer, inv],
    ]);
  });

  it('a partial payment leaves the exact outstanding and Partly Paid', async () => {
    const inv = await newInvoice('100.10');
    const pe = (await post('Payment Entry', payment('33.37', [[inv, '33.37']])).expect(200)).body.data;
    const si = await get('Sales Invoice', inv);
    expect(dec(si.outstanding_amount).eq('66.73')).toBe(true);
    expect(si.status).toBe('Partly Paid');
    expect(pe.status).toBe('Submitted');
  });

  it('one entry pays two invoices and keeps an unallocated remainder (credited without against_voucher)', async () => {
    const a = await newInvoice(50);
    const b = await newInvoice(70);
    const pe = (await post('Payment Entry', payment(150, [[a, 50], [b, 40]])).expect(200)).body.data;
    expect([pe.total_allocated_amount, pe.unallocated_amount].map(Number)).toEqual([90, 60]);
    expect(Number((await get('Sales Invoice', a)).outstanding_amount)).toBe(0);
    expect(Number((await get('Sales Invoice', b)).outstanding_amount)).toBe(30);
    const lines = await gl(pe.name);
    const credits = lines.filter((l) => l.account === debtors).map((l) => [Number(l.credit), l.against_voucher]);
    expect(credits).toEqual(expect.arrayContaining([[50, a], [40, b], [60, null]]));
    expect(credits).toHaveLength(3);
    expect(lines.find((l) => l.account === cash)!.debit).toEqual(expect.anything());
    expect(Number(lines.find((l) => l.account === cash)!.debit)).toBe(150);
  });

  it('cancel reverses the GL and restores outstanding and status; the invoice cannot be cancelled while the payment stands', async () => {
    const inv = await newInvoice(80);
    const pe = (await post('Payment Entry', payment(80, [[inv, 80]])).expect(200)).body.data;
    expect((await get('Sales Invoice', inv)).status).toBe('Paid');
    const glBefore = await count('tabGL Entry');
    const refused = await cancel('Sales Invoice', inv);
    expect(refused.status).toBe(417);
    expect(refused.body.exc_type).toBe('LinkExistsError');
    expect(refused.text).toContain(`because it is linked with Payment Entry ${pe.name}`);
    expect((await get('Sales Invoice', inv)).docstatus).toBe(1);
    expect(await count('tabGL Entry')).toBe(glBefore);
    expect((await cancel('Payment Entry', pe.name)).status).toBe(200);
    const si = await get('Sales Invoice', inv);
    expect(Number(si.outstanding_amount)).toBe(80);
    expect(si.status).toBe('Unpaid');
    expect(await gl(pe.name)).toEqual([]);
    const after = await get('Payment Entry', pe.name);
    expect(after.docstatus).toBe(2);
    expect(after.status).toBe('Cancelled');
    // with the payment cancelled, the invoice can be
    expect((await cancel('Sales Invoice', inv)).status).toBe(200);
    expect((await get('Sales Invoice', inv)).status).toBe('Cancelled');
  });

  it('over-allocation is refused with nothing written', async () => {
    const inv = await newInvoice(60);
    await expect417(payment(100, [[inv, 61]]), 'Allocated Amount cannot be greater than outstanding amount');
    await expect417(payment(50, [[inv, 55]]), 'Total Allocated Amount cannot be greater than Paid Amount');
    expect(Number((await get('Sales Invoice', inv)).outstanding_amount)).toBe(60);
  });

  it('a draft payment over-allocated at submit time (another payment came first) is refused, nothing written', async () => {
    const inv = await newInvoice(40);
    const draft = (await post('Payment Entry', payment(30, [[inv, 30]], { docstatus: 0 })).expect(200)).body.data;
    expect(draft.status).toBe('Draft');
    await post('Payment Entry', payment(20, [[inv, 20]])).expect(200);
    const before = await snapshot();
    const res = await t.http.post('/api/method/frappe.client.submit').set('Authorization', admin).send({ doc: { ...draft, doctype: 'Payment Entry' } });
    expect(res.status).toBe(417);
    expect(await snapshot()).toEqual(before);
    expect(Number((await get('Sales Invoice', inv)).outstanding_amount)).toBe(20);
  });

  it('bad input is refused (417) with nothing written', async () => {
    const inv = await newInvoice(30);
    await expect417(payment(-5, []), 'Paid Amount must be greater than 0');
    await expect417(payment('abc', []), 'Paid Amount');
    await expect417(payment(10, [[inv, -1]]), 'Allocated Amount must be greater than 0');
    await expect417(payment(10, [[inv, 'x']]), 'must be a number');
    await expect417(payment(10, [], { paid_to: `Cash - ${otherAbbr}` }), 'does not belong to company');
    await expect417(payment(10, [[inv, 10]], { party: customer2 }), 'is not of Customer');
    await expect417(payment(10, [], { party: undefined }), 'Party is mandatory');
    await expect417(payment(10, [], { paid_from: cash, paid_to: `Debtors - ${abbr}` }), 'Receivable');
    const draftInv = (await post('Sales Invoice', { customer, company, items: [{ item_code: item, qty: 1, rate: 10 }] }).expect(200)).body.data.name;
    await expect417(payment(10, [[draftInv, 10]]), 'must be submitted');
  });

  it('mode of payment fills paid_to; a bank account needs reference no and date; a foreign-currency account is refused', async () => {
    const inv = await newInvoice(20);
    const mop = (await post('Mode of Payment', { mode_of_payment: `PE Cash ${pid}`, type: 'Cash', accounts: [{ company, default_account: cash }] }).expect(200)).body.data.name;
    const pe = (await post('Payment Entry', payment(20, [[inv, 20]], { paid_to: undefined, mode_of_payment: mop })).expect(200)).body.data;
    expect(pe.paid_to).toBe(cash);
    const bank = (await post('Account', { account_name: `PE Bank ${pid}`, parent_account: `Bank Accounts - ${abbr}`, company, account_type: 'Bank' }).expect(200)).body.data.name;
    await expect417(payment(10, [], { paid_to: bank }), 'Reference No and Reference Date is mandatory for Bank transaction');
    const ok = await post('Payment Entry', payment(10, [], { paid_to: bank, reference_no: 'CHQ-1', reference_date: pe.posting_date }));
    expect(ok.status).toBe(200);
    expect(Number(ok.body.data.unallocated_amount)).toBe(10);
    const eur = await post('Account', { account_name: `PE Euro ${pid}`, parent_account: `Cash In Hand - ${abbr}`, company, account_type: 'Cash', account_currency: 'EUR' });
    expect(eur.status).toBe(200);
    await expect417(payment(10, [], { paid_to: eur.body.data.name }), 'multi-currency');
  });

  it('Pay refunds a customer (receivable debited against cash) and Internal Transfer moves cash to a bank, with no party', async () => {
    const refund = (await post('Payment Entry', { ...payment(25, []), payment_type: 'Pay', paid_from: cash, paid_to: debtors }).expect(200)).body.data;
    expect(await gl(refund.name)).toMatchObject([
      { account: cash, debit: expect.anything(), party: null },
      { account: debtors, party: customer },
    ]);
    const [cashRow, debtorRow] = await gl(refund.name);
    expect([dec(cashRow.credit).toFixed(2), dec(debtorRow.debit).toFixed(2)]).toEqual(['25.00', '25.00']);
    const bank = (await post('Account', { account_name: `PE Transfer Bank ${pid}`, parent_account: `Bank Accounts - ${abbr}`, company, account_type: 'Bank' }).expect(200)).body.data.name;
    const body = { ...payment(40, []), payment_type: 'Internal Transfer', paid_from: cash, paid_to: bank, reference_no: 'TR-1', reference_date: refund.posting_date };
    const transfer = (await post('Payment Entry', body).expect(200)).body.data;
    expect([transfer.party_type, transfer.party]).toEqual([null, null]);
    const rows = await gl(transfer.name);
    expect(rows.map((r) => [r.account, dec(r.debit).toFixed(2), dec(r.credit).toFixed(2), r.party])).toEqual(
      [[bank, '40.00', '0.00', null], [cash, '0.00', '40.00', null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // each side must be the right kind of account
    await expect417({ ...body, paid_to: debtors }, `Account Paid To ${debtors} must be a Bank or Cash account (Payment Type Internal Transfer)`);
    await expect417({ ...payment(25, []), payment_type: 'Pay', paid_from: debtors, paid_to: cash }, 'must be a Bank or Cash account (Payment Type Pay)');
    await expect417({ ...payment(25, []), payment_type: 'Pay', paid_from: cash, paid_to: bank, reference_no: 'X', reference_date: refund.posting_date }, 'must be a Receivable account (Payment Type Pay)');
    await expect417(payment(10, [], { paid_to: `Sales - ${abbr}` }), 'must be a Bank or Cash account (Payment Type Receive)');
  });

  it('get_payment_entry: get → insert → submit pays the invoice; a paid invoice and other doctypes are refused', async () => {
    const inv = await newInvoice('45.50');
    const call = (dt: string, dn: string) => t.http.get('/api/method/erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry').query({ dt, dn }).set('Authorization', admin);
    const res = await call('Sales Invoice', inv);
    expect(res.status).toBe(200);
    const draft = res.body.message;
    expect(draft).toMatchObject({ payment_type: 'Receive', party_type: 'Customer', party: customer, paid_from: debtors, paid_to: cash });
    expect([draft.paid_amount, draft.received_amount, draft.references[0].allocated_amount].map(Number)).toEqual([45.5, 45.5, 45.5]);
    const pe = (await post('Payment Entry', { ...draft, docstatus: 1 }).expect(200)).body.data;
    expect(pe.status).toBe('Submitted');
    const si = await get('Sales Invoice', inv);
    expect([Number(si.outstanding_amount), si.status]).toEqual([0, 'Paid']);
    const again = await call('Sales Invoice', inv);
    expect(again.status).toBe(417);
    expect(JSON.parse(JSON.parse(again.body._server_messages)[0]).message).toContain('Can only make payment against unbilled Sales Invoice');
    expect((await call('Sales Order', inv)).status).toBe(417);
    const cancelled = await newInvoice(10);
    expect((await cancel('Sales Invoice', cancelled)).status).toBe(200);
    expect((await call('Sales Invoice', cancelled)).status).toBe(417);
  });
});
