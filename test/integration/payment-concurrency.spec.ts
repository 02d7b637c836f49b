import { Database } from '../../src/kernel/db/database';
import { Money } from '../../src/kernel/money/decimal';
import { bootApp, TestApp } from '../harness/app';

/**
 * Payments racing for the same invoices on MariaDB: the conditional outstanding update lets
 * exactly the payments that fit succeed, and opposite reference orders never deadlock-fail.
 */
(/^(mariadb|mysql):/.test(process.env.DB_URL ?? '') ? describe : describe.skip)('Payment Entry concurrency (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  const pid = process.pid % 10000;
  const company = `PC Co ${pid}`;
  const abbr = `PC${pid}`;
  let customer: string;
  const item = `PC-ITEM-${pid}`;

  const post = (doctype: string, body: Record<string, unknown>) => t.http.post(`/api/resource/${doctype}`).set('Authorization', admin).send(body);
  const get = async (doctype: string, name: string) => (await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).expect(200)).body.data;
  const newInvoice = async (rate: number) => (await post('Sales Invoice', { customer, company, items: [{ item_code: item, qty: 1, rate }], docstatus: 1 }).expect(200)).body.data.name as string;
  const pay = (refs: [string, number][]) =>
    post('Payment Entry', {
      payment_type: 'Receive',
      company,
      party_type: 'Customer',
      party: customer,
      paid_from: `Debtors - ${abbr}`,
      paid_to: `Cash - ${abbr}`,
      paid_amount: refs.reduce((s, [, a]) => s + a, 0),
      references: refs.map(([reference_name, allocated_amount]) => ({ reference_doctype: 'Sales Invoice', reference_name, allocated_amount })),
      docstatus: 1,
    });

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    await post('Company', { company_name: company, abbr, default_currency: 'USD', country: 'United States' }).expect(200);
    customer = (await post('Customer', { customer_name: `PC Customer ${pid}` }).expect(200)).body.data.name;
    await post('Item', { item_code: item, item_group: 'All Item Groups', stock_uom: 'Nos', is_stock_item: 0 }).expect(200);
  });
  afterAll(() => t.close());

  it('20 parallel payments of 30 on an invoice of 100: exactly 3 succeed, outstanding 10', async () => {
    const inv = await newInvoice(100);
    const results = await Promise.all(Array.from({ length: 20 }, () => pay([[inv, 30]])));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.status === 417)).toHaveLength(17);
    const si = await get('Sales Invoice', inv);
    expect(new Money(String(si.outstanding_amount)).eq(10)).toBe(true);
    expect(si.status).toBe('Partly Paid');
    const refs = (await t.app.get(Database).pool.query(
      'SELECT r.allocated_amount FROM `tabPayment Entry Reference` r JOIN `tabPayment Entry` p ON p.name = r.parent WHERE r.reference_name = ? AND p.docstatus = 1',
      [inv],
    )) as { allocated_amount: unknown }[];
    expect(refs.reduce((s, r) => s.plus(String(r.allocated_amount)), new Money(0)).eq(90)).toBe(true);
  }, 120_000);

  it('entries allocating to invoices A and B in opposite orders all succeed (no deadlock)', async () => {
    const [a, b] = [await newInvoice(100), await newInvoice(100)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pay(
          i % 2
            ? [
                [a, 2],
                [b, 3],
              ]
            : [
                [b, 3],
                [a, 2],
              ],
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(Number((await get('Sales Invoice', a)).outstanding_amount)).toBe(60);
    expect(Number((await get('Sales Invoice', b)).outstanding_amount)).toBe(40);
  }, 120_000);
});
