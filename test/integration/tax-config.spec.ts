import { bootApp, TestApp } from '../harness/app';

type Res = { status: number; body: { exc_type?: string; _server_messages?: string; data?: Record<string, unknown>; message?: unknown } };

/** Tax configuration through the REST API: templates, item tax templates, tax rules (set_taxes) and shipping rules. */
describe('tax configuration', () => {
  let t: TestApp;
  let admin: string;
  const tag = `${process.pid % 10000}`;
  const abbr = `TX${tag}`;
  const company = `Tax Co ${tag}`;
  const acc = (n: string) => `${n} - ${abbr}`;

  const post = (doctype: string, body: Record<string, unknown>) => t.http.post(`/api/resource/${doctype}`).set('Authorization', admin).send(body) as unknown as Promise<Res>;
  const put = (doctype: string, name: string, body: Record<string, unknown>) =>
    t.http.put(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).send(body) as unknown as Promise<Res>;
  const count = async (doctype: string) =>
    ((await t.http.get(`/api/resource/${doctype}`).query({ limit_page_length: 0 }).set('Authorization', admin).expect(200)).body.data as unknown[]).length;
  const rejected = (res: Res, mentions: string) => {
    expect(res.status).toBe(417);
    expect(JSON.parse(JSON.parse(res.body._server_messages!)[0]).message).toContain(mentions);
  };
  const setTaxes = async (args: Record<string, unknown>) => {
    const res = await t.http.post('/api/method/erpnext.accounts.party.set_taxes').set('Authorization', admin).send({ company, party_type: 'Customer', ...args });
    expect(res.status).toBe(200);
    return res.body.message as string | null;
  };
  const vatRow = (extra: Record<string, unknown> = {}) => ({ charge_type: 'On Net Total', account_head: acc('VAT'), description: 'VAT', rate: 20, ...extra });

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    expect((await post('Company', { company_name: company, abbr, default_currency: 'USD', country: 'United States' })).status).toBe(200);
  });
  afterAll(() => t.close());

  describe('Sales Taxes and Charges Template', () => {
    it('is named <title> - <abbr>, one default per company', async () => {
      const res = await post('Sales Taxes and Charges Template', { title: 'VAT 20', company, is_default: 1, taxes: [vatRow()] });
      expect(res.status).toBe(200);
      expect(res.body.data!.name).toBe(`VAT 20 - ${abbr}`);
      const before = await count('Sales Taxes and Charges Template');
      rejected(await post('Sales Taxes and Charges Template', { title: 'Other', company, is_default: 1, taxes: [vatRow()] }), 'only one default');
      expect(await count('Sales Taxes and Charges Template')).toBe(before);
    });

    it.each([
      ['a row pointing at itself', [vatRow(), vatRow({ charge_type: 'On Previous Row Amount', row_id: 2 })], 'greater than or equal to current row'],
      ['On Previous Row on the first row', [vatRow({ charge_type: 'On Previous Row Total', row_id: 1 })], 'for first row'],
      ['a negative rate', [vatRow({ rate: -5 })], 'negative'],
      ['an Actual row included in the rate', [vatRow({ charge_type: 'Actual', tax_amount: 5, included_in_print_rate: 1 })], "cannot be included in Item Rate"],
    ])('refuses %s (417, nothing written)', async (_label, taxes, message) => {
      const before = await count('Sales Taxes and Charges Template');
      rejected(await post('Sales Taxes and Charges Template', { title: `Bad ${_label}`, company, taxes }), message);
      expect(await count('Sales Taxes and Charges Template')).toBe(before);
    });
  });

  it('an unused template may change its rates', async () => {
    expect((await post('Sales Taxes and Charges Template', { title: 'Free', company, taxes: [vatRow()] })).status).toBe(200);
    const res = await put('Sales Taxes and Charges Template', `Free - ${abbr}`, { taxes: [vatRow({ rate: 7 })] });
    expect(res.body._server_messages ?? '').toBe('');
    expect(res.status).toBe(200);
    expect((res.body.data!.taxes as { rate: number }[])[0].rate).toBe(7);
  });

  it('the demo company has a default VAT template chosen by its Tax Rule, and a shipping rule', async () => {
    const res = await t.http.post('/api/method/erpnext.accounts.party.set_taxes').set('Authorization', admin).send({ company: 'Docket Demo', use_for_shopping_cart: 1 });
    expect(res.body.message).toBe('VAT - DD');
    const ship = await t.http.get('/api/resource/Shipping Rule/Standard Shipping').set('Authorization', admin).expect(200);
    expect(ship.body.data).toMatchObject({ account: 'Freight and Forwarding Charges - DD', calculate_based_on: 'Net Total' });
  });

  describe('Item Tax Template', () => {
    it('takes Tax accounts once each, refuses other account types and repeats', async () => {
      const ok = await post('Item Tax Template', { title: 'Reduced', company, taxes: [{ tax_type: acc('VAT'), tax_rate: 5 }] });
      expect(ok.status).toBe(200);
      expect(ok.body.data!.name).toBe(`Reduced - ${abbr}`);
      const before = await count('Item Tax Template');
      rejected(await post('Item Tax Template', { title: 'Twice', company, taxes: [{ tax_type: acc('VAT'), tax_rate: 5 }, { tax_type: acc('VAT'), tax_rate: 6 }] }), 'more than once');
      rejected(await post('Item Tax Template', { title: 'Debtors', company, taxes: [{ tax_type: acc('Debtors'), tax_rate: 5 }] }), 'must have account of type');
      expect(await count('Item Tax Template')).toBe(before);
    });
  });

  describe('Tax Rule and set_taxes', () => {
    let retail: string;
    beforeAll(async () => {
      const parent = `Retail ${tag}`;
      expect((await post('Customer Group', { customer_group_name: parent, parent_customer_group: 'All Customer Groups', is_group: 1 })).status).toBe(200);
      retail = `Shops ${tag}`;
      expect((await post('Customer Group', { customer_group_name: retail, parent_customer_group: parent, is_group: 0 })).status).toBe(200);
      for (const title of ['Group Rate', 'Prio Rate', 'Dated Rate']) {
        expect((await post('Sales Taxes and Charges Template', { title, company, taxes: [vatRow()] })).status).toBe(200);
      }
      expect((await post('Tax Rule', { tax_type: 'Sales', sales_tax_template: `VAT 20 - ${abbr}`, company, priority: 1, use_for_shopping_cart: 0 })).status).toBe(200);
    });

    it('chooses the generic rule, then a rule on a parent customer group, then by priority', async () => {
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`VAT 20 - ${abbr}`);
      const g = await post('Tax Rule', { sales_tax_template: `Group Rate - ${abbr}`, company, customer_group: `Retail ${tag}`, priority: 1, use_for_shopping_cart: 0 });
      expect(g.status).toBe(200);
      expect(String(g.body.data!.name)).toMatch(/^ACC-TAX-RULE-\d{4}-\d{5}$/);
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`Group Rate - ${abbr}`);
      expect(await setTaxes({ customer_group: 'All Customer Groups', posting_date: '2026-06-15' })).toBe(`VAT 20 - ${abbr}`);
      expect((await post('Tax Rule', { sales_tax_template: `Prio Rate - ${abbr}`, company, customer_group: `Retail ${tag}`, priority: 5, use_for_shopping_cart: 0 })).status).toBe(200);
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`Prio Rate - ${abbr}`);
    });

    it('follows a group moved in the tree on the next request (the kept tree is outdated by the commit)', async () => {
      expect((await put('Customer Group', retail, { parent_customer_group: 'All Customer Groups' })).status).toBe(200);
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`VAT 20 - ${abbr}`);
      expect((await put('Customer Group', retail, { parent_customer_group: `Retail ${tag}` })).status).toBe(200);
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`Prio Rate - ${abbr}`);
    });

    it('honours dates, and refuses bad dates and conflicts (nothing written)', async () => {
      expect(
        (await post('Tax Rule', { sales_tax_template: `Dated Rate - ${abbr}`, company, customer_group: retail, priority: 6, from_date: '2027-01-01', use_for_shopping_cart: 0 })).status,
      ).toBe(200);
      expect(await setTaxes({ customer_group: retail, posting_date: '2027-02-01' })).toBe(`Dated Rate - ${abbr}`);
      expect(await setTaxes({ customer_group: retail, posting_date: '2026-06-15' })).toBe(`Prio Rate - ${abbr}`);
      const before = await count('Tax Rule');
      rejected(await post('Tax Rule', { sales_tax_template: `Dated Rate - ${abbr}`, company, from_date: '2027-02-01', to_date: '2027-01-01' }), 'From Date cannot be greater than To Date');
      rejected(await post('Tax Rule', { sales_tax_template: `Dated Rate - ${abbr}`, company, customer_group: retail, priority: 6, from_date: '2027-06-01', use_for_shopping_cart: 0 }), 'Tax Rule Conflicts with');
      expect(await count('Tax Rule')).toBe(before);
    });
  });

  describe('Shipping Rule', () => {
    const base = () => ({ company, account: acc('Freight and Forwarding Charges'), cost_center: acc('Main'), calculate_based_on: 'Net Total' });
    it('takes disjoint bands, refuses from >= to and overlaps (nothing written)', async () => {
      const ok = await post('Shipping Rule', { ...base(), label: `Ship ${tag}`, conditions: [{ from_value: 0, to_value: 100, shipping_amount: 10 }, { from_value: 100.01, shipping_amount: 0 }] });
      expect(ok.status).toBe(200);
      expect(ok.body.data!.name).toBe(`Ship ${tag}`);
      const before = await count('Shipping Rule');
      rejected(await post('Shipping Rule', { ...base(), label: `Bad1 ${tag}`, conditions: [{ from_value: 50, to_value: 10, shipping_amount: 1 }] }), 'From value must be less than to value in row 1');
      rejected(
        await post('Shipping Rule', { ...base(), label: `Bad2 ${tag}`, conditions: [{ from_value: 0, to_value: 100, shipping_amount: 1 }, { from_value: 50, to_value: 200, shipping_amount: 1 }] }),
        'Overlapping conditions',
      );
      expect(await count('Shipping Rule')).toBe(before);
    });
  });
});
