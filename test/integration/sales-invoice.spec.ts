import { Database } from '../../src/kernel/db/database';
import { bootApp, TestApp } from '../harness/app';
import { Money } from '../../src/kernel/money/decimal';
import { StockMasters } from './stock-fixtures';

interface Gle {
  account: string;
  debit: string | number;
  credit: string | number;
  party_type: string | null;
  party: string | null;
  cost_center: string | null;
  against_voucher: string | null;
  is_cancelled: number;
}

/** Sales Invoice through the REST API: totals from the one tax calculation, its GL posting and cancel, and its refusals. */
describe('Sales Invoice', () => {
  let t: TestApp;
  let admin: string;
  const pid = process.pid % 10000;
  const company = `SI Co ${pid}`;
  const abbr = `SI${pid}`;
  const other = `SI Other ${pid}`;
  const otherAbbr = `SO${pid}`;
  let customer: string;
  const item = `SI-ITEM-${pid}`;
  const vat = `VAT - ${abbr}`;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const db = () => t.app.get(Database).pool;
  const count = async (table: string) => Number((await db().query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const invoice = (extra: Record<string, unknown> = {}) => ({ customer, company, items: [{ item_code: item, qty: 2, rate: 100 }], ...extra });
  const tax = (extra: Record<string, unknown> = {}) => ({ charge_type: 'On Net Total', account_head: vat, description: 'VAT', rate: 10, ...extra });
  const gl = async (voucher: string): Promise<Gle[]> => db().query('SELECT * FROM `tabGL Entry` WHERE voucher_type = ? AND voucher_no = ? ORDER BY creation, name', ['Sales Invoice', voucher]);
  const dec = (v: unknown) => new Money(String(v ?? 0));
  const expect417 = async (body: Record<string, unknown>, mentions: string) => {
    const before = [await count('tabSales Invoice'), await count('tabGL Entry')];
    const res = await post('Sales Invoice', body);
    expect(res.status).toBe(417);
    expect(JSON.parse(JSON.parse(res.body._server_messages)[0]).message).toContain(mentions);
    expect([await count('tabSales Invoice'), await count('tabGL Entry')]).toEqual(before);
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    for (const [name, a] of [[company, abbr], [other, otherAbbr]]) {
      const res = await post('Company', { company_name: name, abbr: a, default_currency: 'USD', country: 'United States' });
      expect(res.status).toBe(200);
    }
    const c = await post('Customer', { customer_name: `SI Customer ${pid}` });
    expect(c.status).toBe(200);
    customer = c.body.data.name;
    const i = await post('Item', { item_code: item, item_group: 'All Item Groups', stock_uom: 'Nos', is_stock_item: 0 });
    expect(i.status).toBe(200);
  });
  afterAll(() => t.close());

  it('a shipping rule adds its Actual row for the net total (replacing a row on its account), and the totals include it', async () => {
    const rule = await post('Shipping Rule', {
      label: `SI Shipping ${pid}`,
      company,
      shipping_rule_type: 'Selling',
      account: `Freight and Forwarding Charges - ${abbr}`,
      cost_center: `Main - ${abbr}`,
      calculate_based_on: 'Net Total',
      conditions: [
        { from_value: 0, to_value: 100, shipping_amount: 10 },
        { from_value: 100.01, to_value: 500, shipping_amount: 5 },
      ],
    });
    expect([rule.status, rule.body._server_messages]).toEqual([200, undefined]);
    const stale = { charge_type: 'Actual', account_head: `Freight and Forwarding Charges - ${abbr}`, description: 'old', tax_amount: 99 };
    const res = await post('Sales Invoice', invoice({ shipping_rule: rule.body.data.name, taxes: [tax(), stale], docstatus: 1 }));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.taxes.map((r: { charge_type: string; tax_amount: number }) => [r.charge_type, Number(r.tax_amount)])).toEqual([['On Net Total', 20], ['Actual', 5]]);
    expect([d.net_total, d.total_taxes_and_charges, d.grand_total].map(Number)).toEqual([200, 25, 225]);
    const entries = await gl(d.name);
    const freight = entries.filter((e) => e.account === `Freight and Forwarding Charges - ${abbr}`);
    expect(freight.map((e) => Number(e.credit))).toEqual([5]);
    const above = await post('Sales Invoice', invoice({ shipping_rule: rule.body.data.name, taxes: [tax()], items: [{ item_code: item, qty: 7, rate: 100 }] }));
    expect(above.status).toBe(200);
    expect(above.body.data.taxes.map((r: { tax_amount: number }) => Number(r.tax_amount))).toEqual([70, 0]);
  });

  it('exclusive tax: totals computed by the server, the client’s computed values ignored', async () => {
    const res = await post('Sales Invoice', invoice({ taxes: [tax({ tax_amount: 999 })], grand_total: 1, net_total: 5, outstanding_amount: 7, status: 'Paid' }));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.name).toMatch(/^ACC-SINV-\d{4}-\d{5}$/);
    expect([d.total, d.net_total, d.total_taxes_and_charges, d.grand_total, d.rounded_total, d.rounding_adjustment].map(Number)).toEqual([200, 200, 20, 220, 220, 0]);
    expect(Number(d.taxes[0].tax_amount)).toBe(20);
    expect(Number(d.taxes[0].total)).toBe(220);
    expect(Number(d.items[0].amount)).toBe(200);
    expect(d.debit_to).toBe(`Debtors - ${abbr}`);
    expect(d.items[0].income_account).toBe(`Sales - ${abbr}`);
    expect(d.items[0].cost_center).toBe(`Main - ${abbr}`);
    expect(d.status).toBe('Draft');
    expect(Number(d.outstanding_amount)).toBe(0);
    expect(d.due_date).toBe(d.posting_date);
  });

  it('inclusive tax: the rate is back-calculated to its net', async () => {
    const res = await post('Sales Invoice', invoice({ items: [{ item_code: item, qty: 1, rate: 110 }], taxes: [tax({ included_in_print_rate: 1 })] }));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect([d.total, d.net_total, d.total_taxes_and_charges, d.grand_total].map(Number)).toEqual([110, 100, 10, 110]);
    expect(Number(d.items[0].net_rate)).toBe(100);
  });

  it('discount on the grand total spreads over the net and the taxes', async () => {
    const res = await post('Sales Invoice', invoice({ taxes: [tax()], apply_discount_on: 'Grand Total', discount_amount: 22 }));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect([d.total, d.net_total, d.total_taxes_and_charges, d.discount_amount, d.grand_total].map(Number)).toEqual([200, 180, 18, 22, 198]);
  });

  it('submitting posts a balanced ledger (receivable with party, income by cost center, tax, round-off); cancel reverses it', async () => {
    const res = await post('Sales Invoice', invoice({ items: [{ item_code: item, qty: 3, rate: '33.33' }], taxes: [tax({ rate: '7.5' })], docstatus: 1 }));
    expect(res.status).toBe(200);
    const d = res.body.data;
    // 99.99 net, 7.4993 → 7.50 tax, 107.49 grand total; USD rounds on its smallest fraction
    expect([d.net_total, d.total_taxes_and_charges, d.grand_total].map(Number)).toEqual([99.99, 7.5, 107.49]);
    expect(dec(d.rounded_total).eq(dec(d.grand_total).plus(dec(d.rounding_adjustment)))).toBe(true);
    expect(d.status).toBe('Unpaid');
    expect(dec(d.outstanding_amount).eq(dec(d.rounded_total))).toBe(true);
    const rows = await gl(d.name);
    const debit = rows.reduce((s, r) => s.plus(dec(r.debit)), new Money(0));
    const credit = rows.reduce((s, r) => s.plus(dec(r.credit)), new Money(0));
    expect(debit.eq(credit)).toBe(true);
    const receivable = rows.find((r) => r.account === `Debtors - ${abbr}`)!;
    expect(receivable).toMatchObject({ party_type: 'Customer', party: customer, against_voucher: d.name });
    expect(dec(receivable.debit).eq(dec(d.base_rounded_total))).toBe(true);
    const income = rows.find((r) => r.account === `Sales - ${abbr}`)!;
    expect(Number(income.credit)).toBe(99.99);
    expect(income.cost_center).toBe(`Main - ${abbr}`);
    expect(Number(rows.find((r) => r.account === vat)!.credit)).toBe(7.5);

    const cancel = await t.http.post(`/api/resource/Sales Invoice/${d.name}`).set('Authorization', admin).send({ run_method: 'cancel' });
    if (cancel.status === 404 || cancel.status === 405) {
      await t.http.post('/api/method/frappe.client.cancel').set('Authorization', admin).send({ doctype: 'Sales Invoice', name: d.name }).expect(200);
    }
    const after = await gl(d.name);
    expect(after.length).toBe(rows.length * 2);
    expect(after.every((r) => Number(r.is_cancelled) === 1)).toBe(true);
    const net = after.reduce((s, r) => s.plus(dec(r.debit)).minus(dec(r.credit)), new Money(0));
    expect(net.isZero()).toBe(true);
    const got = await t.http.get(`/api/resource/Sales Invoice/${d.name}`).set('Authorization', admin).expect(200);
    expect(got.body.data.status).toBe('Cancelled');
  });

  it('update_stock issues the items from stock at valuation and posts their cost; an oversell is refused with nothing written', async () => {
    const m = new StockMasters(t, admin, company, abbr);
    await m.post('Warehouse', { warehouse_name: 'All Warehouses', company, is_group: 1 });
    const wh = await m.warehouse('SI Stores');
    const stockItem = await m.item(`SI-STOCK-${pid}`);
    await m.receive(stockItem, wh, 10);
    const res = await post('Sales Invoice', { customer, company, update_stock: 1, set_warehouse: wh, items: [{ item_code: stockItem, qty: 4, rate: 25 }], docstatus: 1 });
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(Number(d.items[0].incoming_rate)).toBe(10);
    expect(d.items[0].warehouse).toBe(wh);
    expect((await m.bin(stockItem, wh)).actual_qty).toBe(6);
    const [sle] = await db().query('SELECT actual_qty FROM `tabStock Ledger Entry` WHERE voucher_type = ? AND voucher_no = ?', ['Sales Invoice', d.name]);
    expect(Number(sle.actual_qty)).toBe(-4);
    const rows = await gl(d.name);
    const cogs = rows.find((r) => r.account === `Cost of Goods Sold - ${abbr}`)!;
    expect(Number(cogs.debit)).toBe(40);
    const stockSide = rows.filter((r) => Number(r.credit) === 40);
    expect(stockSide.length).toBe(1);
    const debit = rows.reduce((s, r) => s.plus(dec(r.debit)), new Money(0));
    const credit = rows.reduce((s, r) => s.plus(dec(r.credit)), new Money(0));
    expect(debit.eq(credit)).toBe(true);

    const sles = await count('tabStock Ledger Entry');
    await expect417({ customer, company, update_stock: 1, set_warehouse: wh, items: [{ item_code: stockItem, qty: 100, rate: 25 }], docstatus: 1 }, stockItem);
    expect(await count('tabStock Ledger Entry')).toBe(sles);
    expect((await m.bin(stockItem, wh)).actual_qty).toBe(6);
  });

  it('without tax rows, the named template’s rows are copied; an Item Tax Template overrides the row rate', async () => {
    const tpl = await post('Sales Taxes and Charges Template', { title: `SI VAT ${pid}`, company, taxes: [tax()] });
    expect(tpl.status).toBe(200);
    const res = await post('Sales Invoice', invoice({ taxes_and_charges: tpl.body.data.name }));
    expect(res.status).toBe(200);
    expect(res.body.data.taxes.map((r: { account_head: string; rate: number }) => [r.account_head, Number(r.rate)])).toEqual([[vat, 10]]);
    expect(Number(res.body.data.total_taxes_and_charges)).toBe(20);
    const itt = await post('Item Tax Template', { title: `SI Reduced ${pid}`, company, taxes: [{ tax_type: vat, tax_rate: 5 }] });
    expect(itt.status).toBe(200);
    const reduced = await post('Sales Invoice', invoice({ taxes_and_charges: tpl.body.data.name, items: [{ item_code: item, qty: 2, rate: 100, item_tax_template: itt.body.data.name }] }));
    expect(reduced.status).toBe(200);
    expect(JSON.parse(reduced.body.data.items[0].item_tax_rate)).toEqual({ [vat]: 5 });
    expect(Number(reduced.body.data.total_taxes_and_charges)).toBe(10);
    // an item's Item Tax rows may name templates of several companies: the invoice's company's applies, another's is refused
    const foreign = (await post('Item Tax Template', { title: `SI Foreign ${pid}`, company: other, taxes: [{ tax_type: `VAT - ${otherAbbr}`, tax_rate: 1 }] }).expect(200)).body.data.name;
    const taxed = `SI-TAXED-${pid}`;
    await post('Item', { item_code: taxed, item_group: 'All Item Groups', stock_uom: 'Nos', is_stock_item: 0, taxes: [{ item_tax_template: foreign }, { item_tax_template: itt.body.data.name }] }).expect(200);
    const chosen = await post('Sales Invoice', invoice({ taxes_and_charges: tpl.body.data.name, items: [{ item_code: taxed, qty: 2, rate: 100 }] }));
    expect(chosen.status).toBe(200);
    expect(chosen.body.data.items[0].item_tax_template).toBe(itt.body.data.name);
    await expect417(invoice({ taxes_and_charges: tpl.body.data.name, items: [{ item_code: taxed, qty: 1, rate: 100, item_tax_template: foreign }] }), `Item Tax Template ${foreign} does not belong to company ${company}`);
  });

  it('a template and an item tax template used by a submitted invoice keep their rates and accounts (a draft does not lock them)', async () => {
    const tpl = await post('Sales Taxes and Charges Template', { title: `SI Locked ${pid}`, company, taxes: [tax()] });
    const itt = await post('Item Tax Template', { title: `SI Locked Item ${pid}`, company, taxes: [{ tax_type: vat, tax_rate: 5 }] });
    const put = (doctype: string, name: string, body: Record<string, unknown>) => t.http.put(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).send(body);
    const draft = await post('Sales Invoice', invoice({ taxes_and_charges: tpl.body.data.name }));
    expect(draft.status).toBe(200);
    await put('Sales Taxes and Charges Template', tpl.body.data.name, { taxes: [tax({ rate: 12 })] }).expect(200);
    const items = [{ item_code: item, qty: 1, rate: 100, item_tax_template: itt.body.data.name }];
    await post('Sales Invoice', invoice({ taxes_and_charges: tpl.body.data.name, items, docstatus: 1 })).expect(200);
    const refused = await put('Sales Taxes and Charges Template', tpl.body.data.name, { taxes: [tax({ rate: 15 })] });
    expect(refused.status).toBe(417);
    expect(refused.body._server_messages).toContain('Sales Invoice');
    await put('Item Tax Template', itt.body.data.name, { taxes: [{ tax_type: vat, tax_rate: 7 }] }).expect(417);
    await t.http.delete(`/api/resource/Item Tax Template/${encodeURIComponent(itt.body.data.name)}`).set('Authorization', admin).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    const kept = await t.http.get(`/api/resource/Sales Taxes and Charges Template/${encodeURIComponent(tpl.body.data.name)}`).set('Authorization', admin).expect(200);
    expect(Number(kept.body.data.taxes[0].rate)).toBe(12);
  });

  it('a company requiring taxes refuses to submit an invoice without tax rows', async () => {
    await t.http.put(`/api/resource/Company/${encodeURIComponent(other)}`).set('Authorization', admin).send({ require_taxes: 1 }).expect(200);
    await expect417({ customer, company: other, items: [{ item_code: item, qty: 1, rate: 10 }], docstatus: 1 }, 'Tax configuration missing before submission.');
  });

  it.each([
    ['a negative quantity', () => invoice({ items: [{ item_code: item, qty: -1, rate: 10 }] }), 'Quantity'],
    ['a non-numeric quantity', () => invoice({ items: [{ item_code: item, qty: 'abc', rate: 10 }] }), ''],
    ['a negative rate', () => invoice({ items: [{ item_code: item, qty: 1, rate: -5 }] }), 'Rate'],
    ['a non-numeric rate', () => invoice({ items: [{ item_code: item, qty: 1, rate: 'ten' }] }), ''],
    ['a negative discount', () => invoice({ items: [{ item_code: item, qty: 1, rate: 10, discount_percentage: -5 }] }), 'Discount'],
    ['an unknown item', () => invoice({ items: [{ item_code: 'NO-SUCH-ITEM', qty: 1, rate: 10 }] }), 'NO-SUCH-ITEM'],
    ['an income account of another company', () => invoice({ items: [{ item_code: item, qty: 1, rate: 10, income_account: `Sales - ${otherAbbr}` }] }), ''],
    ['a foreign currency without a conversion rate', () => invoice({ currency: 'EUR' }), 'conversion rate'],
    ['a row_id pointing at its own row', () => invoice({ taxes: [tax(), tax({ charge_type: 'On Previous Row Amount', row_id: '2' })] }), 'Cannot refer row number'],
    ['a row_id pointing at a later row', () => invoice({ taxes: [tax(), tax({ charge_type: 'On Previous Row Total', row_id: '3' }), tax()] }), 'Cannot refer row number'],
    ['On Previous Row on the first row', () => invoice({ taxes: [tax({ charge_type: 'On Previous Row Amount', row_id: '1' })] }), 'first row'],
    ['a discount above the net total', () => invoice({ items: [{ item_code: item, qty: 1, rate: 10 }], apply_discount_on: 'Net Total', discount_amount: 10.01 }), 'cannot be greater than the Net Total 10'],
    ['a discount on a zero grand total', () => invoice({ items: [{ item_code: item, qty: 1, rate: 0 }], apply_discount_on: 'Grand Total', discount_amount: 1 }), 'cannot be greater than the Grand Total'],
    ['a debit_to that is not a receivable', () => invoice({ debit_to: `Sales - ${abbr}` }), 'Receivable'],
  ])('refuses %s (417, nothing written)', async (_label, body, mentions) => {
    await expect417(body(), mentions);
  });

  it('a Customer (website user) sees only its own invoices', async () => {
    const portal = async (user: string) => {
      const [row] = await db().query('SELECT parent FROM `tabPortal User` WHERE user = ?', [user]);
      return { token: await t.token(user), customer: row.parent as string };
    };
    const one = await portal('customer1@demo.docket');
    const two = await portal('customer2@demo.docket');
    const mine = await post('Sales Invoice', { ...invoice(), customer: one.customer });
    const theirs = await post('Sales Invoice', { ...invoice(), customer: two.customer });
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    const listed = await t.http.get('/api/resource/Sales Invoice').query({ fields: '["name","customer"]', limit_page_length: 500 }).set('Authorization', one.token).expect(200);
    const names = listed.body.data.map((r: { name: string }) => r.name);
    expect(names).toContain(mine.body.data.name);
    expect(names).not.toContain(theirs.body.data.name);
    expect(listed.body.data.every((r: { customer: string }) => r.customer === one.customer)).toBe(true);
    await t.http.get(`/api/resource/Sales Invoice/${theirs.body.data.name}`).set('Authorization', one.token).expect(403);
    await t.http.get(`/api/resource/Sales Invoice/${mine.body.data.name}`).set('Authorization', one.token).expect(200);
  });
});
