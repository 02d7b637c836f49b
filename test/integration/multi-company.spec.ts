import { bootApp, TestApp } from '../harness/app';
import { Database } from '../../src/kernel/db/database';
import { StockMasters } from './stock-fixtures';

/**
 * Multi-company isolation through HTTP: two companies made through the API, a user restricted by a
 * User Permission to company A. Lists, reads, writes and reports stay inside A; documents of A
 * naming B's masters are refused for everyone, with nothing written.
 */
describe('multi-company isolation', () => {
  let t: TestApp;
  let admin: string;
  let user: string;
  let A: StockMasters;
  let B: StockMasters;
  const pid = process.pid % 10000;
  const email = `mc.user.${pid}@demo.docket`;
  const item = `MC-ITEM-${pid}`;
  const service = `MC-SVC-${pid}`;
  let customer: string;
  const store: Record<string, string> = {};
  /** per company: the names of its documents and masters, by doctype */
  const made: Record<string, Record<string, string>> = {};
  const acc = (co: StockMasters, name: string) => `${name} - ${co.abbr}`;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const made200 = async (doctype: string, body: Record<string, unknown>) => {
    const res = await post(doctype, body);
    if (res.status !== 200) throw new Error(`${doctype}: ${res.status} ${res.text}`);
    return res.body.data.name as string;
  };
  const list = async (doctype: string, fields: string[], auth: string) =>
    (await t.http.get(`/api/resource/${doctype}`).query({ fields: JSON.stringify(fields), limit_page_length: 0 }).set('Authorization', auth).expect(200)).body.data as Record<string, string>[];
  const db = () => t.app.get(Database).pool;
  const count = async (table: string) => Number((await db().query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const TABLES = ['tabAccount', 'tabCost Center', 'tabWarehouse', 'tabSales Invoice', 'tabPayment Entry', 'tabJournal Entry', 'tabStock Entry', 'tabStock Reconciliation', 'tabGL Entry', 'tabStock Ledger Entry', 'tabTax Rule', 'tabShipping Rule', 'tabSales Taxes and Charges Template', 'tabItem Tax Template'];
  const snapshot = async () => Promise.all(TABLES.map(count));
  const method = (path: string, query: Record<string, unknown>, auth: string) => t.http.get(`/api/method/${path}`).query(query).set('Authorization', auth);
  const gql = (query: string, auth: string) => t.http.post('/graphql').set('Authorization', auth).send({ query });

  const invoice = (co: StockMasters, extra: Record<string, unknown> = {}) => ({ customer, company: co.company, items: [{ item_code: service, qty: 1, rate: 100 }], ...extra });
  const payment = (co: StockMasters, extra: Record<string, unknown> = {}) => ({
    payment_type: 'Receive',
    company: co.company,
    party_type: 'Customer',
    party: customer,
    paid_from: acc(co, 'Debtors'),
    paid_to: acc(co, 'Cash'),
    paid_amount: 10,
    ...extra,
  });
  const journal = (co: StockMasters, extra: Record<string, unknown> = {}, row: Record<string, unknown> = {}) => ({
    company: co.company,
    accounts: [
      { account: acc(co, 'Cash'), debit_in_account_currency: 25, ...row },
      { account: acc(co, 'Capital Stock'), credit_in_account_currency: 25 },
    ],
    ...extra,
  });
  const receipt = (co: StockMasters, extra: Record<string, unknown> = {}, row: Record<string, unknown> = {}) => ({
    stock_entry_type: 'Material Receipt',
    company: co.company,
    items: [{ item_code: item, qty: 3, t_warehouse: store[co.company], basic_rate: '4.5', ...row }],
    ...extra,
  });

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    A = await StockMasters.create(t, admin, `MC A ${pid}`, `MA${pid}`);
    B = await StockMasters.create(t, admin, `MC B ${pid}`, `MB${pid}`);
    customer = (await post('Customer', { customer_name: `MC Customer ${pid}` }).expect(200)).body.data.name;
    await A.item(item);
    await made200('Item', { item_code: service, item_group: 'All Item Groups', stock_uom: 'Nos', is_stock_item: 0 });
    for (const co of [A, B]) {
      store[co.company] = await co.warehouse(`MC Stores ${pid}`);
      const m: Record<string, string> = {};
      m['Warehouse'] = store[co.company];
      m['Account'] = acc(co, 'Cash');
      m['Cost Center'] = acc(co, 'Main');
      m['Sales Taxes and Charges Template'] = await made200('Sales Taxes and Charges Template', {
        title: `MC VAT ${pid}`,
        company: co.company,
        taxes: [{ charge_type: 'On Net Total', account_head: acc(co, 'VAT'), description: 'VAT', rate: 10 }],
      });
      m['Item Tax Template'] = await made200('Item Tax Template', { title: `MC Reduced ${pid}`, company: co.company, taxes: [{ tax_type: acc(co, 'VAT'), tax_rate: 5 }] });
      m['Tax Rule'] = await made200('Tax Rule', { tax_type: 'Sales', sales_tax_template: m['Sales Taxes and Charges Template'], company: co.company, priority: 1 });
      m['Shipping Rule'] = await made200('Shipping Rule', {
        label: `MC Shipping ${co.abbr}`,
        company: co.company,
        shipping_rule_type: 'Selling',
        account: acc(co, 'Freight and Forwarding Charges'),
        cost_center: acc(co, 'Main'),
        calculate_based_on: 'Net Total',
        conditions: [{ from_value: 0, to_value: 1000, shipping_amount: 7 }],
      });
      m['Stock Entry'] = await made200('Stock Entry', receipt(co, { docstatus: 1 }));
      m['Stock Reconciliation'] = await made200('Stock Reconciliation', { company: co.company, docstatus: 1, items: [{ item_code: item, warehouse: store[co.company], qty: 5, valuation_rate: 6 }] });
      m['Sales Invoice'] = await made200('Sales Invoice', invoice(co, { docstatus: 1 }));
      m['Payment Entry'] = await made200('Payment Entry', payment(co, { docstatus: 1 }));
      m['Journal Entry'] = await made200('Journal Entry', journal(co, { docstatus: 1 }));
      made[co.company] = m;
    }
    await made200('User', { email, first_name: 'Multi', last_name: 'Company', roles: [{ role: 'Accounts User' }, { role: 'Stock User' }, { role: 'Sales User' }] });
    await made200('User Permission', { user: email, allow: 'Company', for_value: A.company });
    user = await t.token(email);
  });
  afterAll(() => t.close());

  /** Doctypes whose rows carry `company` directly. */
  const CARRYING = [
    'Sales Invoice',
    'Payment Entry',
    'Journal Entry',
    'GL Entry',
    'Stock Entry',
    'Stock Ledger Entry',
    'Stock Reconciliation',
    'Warehouse',
    'Account',
    'Cost Center',
    'Sales Taxes and Charges Template',
    'Item Tax Template',
    'Tax Rule',
    'Shipping Rule',
  ];

  it.each(CARRYING)('a restricted user lists only company A: %s', async (doctype) => {
    const everyone = await list(doctype, ['name', 'company'], admin);
    expect(everyone.some((r) => r.company === B.company)).toBe(true);
    const mine = await list(doctype, ['name', 'company'], user);
    expect(mine.length).toBeGreaterThan(0);
    expect([...new Set(mine.map((r) => r.company))]).toEqual([A.company]);
    expect(mine.length).toBe(everyone.filter((r) => r.company === A.company).length);
  });

  it('a restricted user lists only company A: Company and Bin (the Bin through its warehouse)', async () => {
    expect((await list('Company', ['name'], user)).map((r) => r.name)).toEqual([A.company]);
    const bins = await list('Bin', ['name', 'warehouse', 'item_code'], user);
    const everyBin = await list('Bin', ['name', 'warehouse', 'item_code'], admin);
    expect(everyBin.filter((b) => b.item_code === item).map((b) => b.warehouse).sort()).toEqual([store[A.company], store[B.company]].sort());
    const aWarehouses = new Set((await list('Warehouse', ['name'], admin)).filter((w) => w.name.endsWith(` - ${A.abbr}`)).map((w) => w.name));
    expect(bins.filter((b) => b.item_code === item).map((b) => b.warehouse)).toEqual([store[A.company]]);
    expect(bins.every((b) => aWarehouses.has(b.warehouse))).toBe(true);
    const counted = await t.http.get('/api/method/frappe.client.get_count').query({ doctype: 'Bin' }).set('Authorization', user).expect(200);
    expect(counted.body.message).toBe(bins.length);
  });

  it("reading B's documents by name is 403 (Frappe's check_permission), A's are read", async () => {
    for (const [doctype, name] of Object.entries(made[B.company])) {
      const res = await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', user);
      expect([doctype, res.status]).toEqual([doctype, 403]);
      const mine = await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(made[A.company][doctype])}`).set('Authorization', user);
      expect([doctype, mine.status]).toEqual([doctype, 200]);
    }
    const bBin = (await list('Bin', ['name', 'warehouse'], admin)).find((b) => b.warehouse === store[B.company])!;
    await t.http.get(`/api/resource/Bin/${bBin.name}`).set('Authorization', user).expect(403);
    await t.http.get(`/api/resource/Company/${encodeURIComponent(B.company)}`).set('Authorization', user).expect(403);
    const got = await t.http.get('/api/method/frappe.client.get_value').query({ doctype: 'Sales Invoice', filters: made[B.company]['Sales Invoice'], fieldname: 'grand_total' }).set('Authorization', user);
    // Frappe's get_value reads through get_list: B's invoice is simply not found
    expect([got.status, JSON.stringify(got.body.message ?? null)]).toEqual([200, expect.not.stringContaining('110')]);
    expect(JSON.stringify(got.body)).not.toContain('grand_total');
  });

  it('GraphQL lists and reads only company A', async () => {
    const res = await gql(
      `{ salesInvoices(limit: 100) { items { name company } } glEntries(limit: 500) { items { company } } bins(limit: 500) { items { warehouse } } other: salesInvoice(name: "${made[B.company]['Sales Invoice']}") { name } }`,
      user,
    ).expect(200);
    expect(res.body.data.salesInvoices.items.map((r: { company: string }) => r.company)).toEqual([A.company]);
    expect([...new Set(res.body.data.glEntries.items.map((r: { company: string }) => r.company))]).toEqual([A.company]);
    expect(res.body.data.bins.items.some((b: { warehouse: string }) => b.warehouse === store[B.company])).toBe(false);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ http_status: 403 });
    expect(res.body.data.other).toBeNull();
  });

  it('creating or submitting a document for B is refused for the restricted user, nothing written', async () => {
    const before = await snapshot();
    for (const [doctype, body] of [
      ['Sales Invoice', invoice(B, { docstatus: 1 })],
      ['Payment Entry', payment(B, { docstatus: 1 })],
      ['Journal Entry', journal(B, { docstatus: 1 })],
      ['Stock Entry', receipt(B, { docstatus: 1 })],
      ['Journal Entry', journal(B)],
    ] as const) {
      const res = await post(doctype, body, user);
      expect([doctype, res.status]).toEqual([doctype, 403]);
    }
    // a draft of B made by Administrator: the restricted user may neither submit nor change it
    const draft = await made200('Journal Entry', journal(B));
    const mine = await made200('Journal Entry', journal(A));
    const mid = await snapshot();
    await t.http.put(`/api/resource/Journal Entry/${draft}`).set('Authorization', user).send({ docstatus: 1 }).expect(403);
    await t.http.post('/api/method/frappe.client.submit').set('Authorization', user).send({ doc: { doctype: 'Journal Entry', name: draft } }).expect(403);
    // moving A's draft to B is refused too
    await t.http.put(`/api/resource/Journal Entry/${mine}`).set('Authorization', user).send({ company: B.company, accounts: journal(B).accounts }).expect(403);
    expect(await snapshot()).toEqual(mid);
    expect(mid[TABLES.indexOf('tabJournal Entry')]).toBe(before[TABLES.indexOf('tabJournal Entry')] + 2);
    expect((await t.http.get(`/api/resource/Journal Entry/${draft}`).set('Authorization', admin).expect(200)).body.data.docstatus).toBe(0);
    // the restricted user does post for A
    await post('Journal Entry', journal(A, { docstatus: 1 }), user).expect(200);
  });

  /** Documents of company A naming one of B's masters: [label, doctype, body]. */
  const crossCompany = (): [string, string, Record<string, unknown>][] => [
    ["Sales Invoice: B's receivable", 'Sales Invoice', invoice(A, { debit_to: acc(B, 'Debtors') })],
    ["Sales Invoice: B's income account", 'Sales Invoice', invoice(A, { items: [{ item_code: service, qty: 1, rate: 10, income_account: acc(B, 'Sales') }] })],
    ["Sales Invoice: B's cost center", 'Sales Invoice', invoice(A, { items: [{ item_code: service, qty: 1, rate: 10, cost_center: acc(B, 'Main') }] })],
    ["Sales Invoice: B's warehouse", 'Sales Invoice', invoice(A, { update_stock: 1, items: [{ item_code: item, qty: 1, rate: 10, warehouse: store[B.company] }] })],
    ["Sales Invoice: B's tax template", 'Sales Invoice', invoice(A, { taxes_and_charges: made[B.company]['Sales Taxes and Charges Template'] })],
    ["Sales Invoice: B's tax account", 'Sales Invoice', invoice(A, { taxes: [{ charge_type: 'On Net Total', account_head: acc(B, 'VAT'), description: 'VAT', rate: 10 }] })],
    ["Sales Invoice: B's shipping rule", 'Sales Invoice', invoice(A, { shipping_rule: made[B.company]['Shipping Rule'] })],
    ["Sales Invoice: B's default warehouse", 'Sales Invoice', invoice(A, { update_stock: 1, set_warehouse: store[B.company], items: [{ item_code: item, qty: 1, rate: 10 }] })],
    ["Payment Entry: B's cash", 'Payment Entry', payment(A, { paid_to: acc(B, 'Cash') })],
    [
      "Payment Entry: B's invoice",
      'Payment Entry',
      payment(A, { references: [{ reference_doctype: 'Sales Invoice', reference_name: made[B.company]['Sales Invoice'], allocated_amount: 5 }] }),
    ],
    ["Payment Entry: B's receivable", 'Payment Entry', payment(A, { paid_from: acc(B, 'Debtors') })],
    ["Journal Entry: B's account", 'Journal Entry', journal(A, {}, { account: acc(B, 'Cash') })],
    ["Journal Entry: B's cost center", 'Journal Entry', journal(A, {}, { cost_center: acc(B, 'Main') })],
    ["Stock Entry: B's warehouse", 'Stock Entry', receipt(A, {}, { t_warehouse: store[B.company] })],
    ["Stock Entry: B's difference account", 'Stock Entry', receipt(A, {}, { expense_account: acc(B, 'Stock Adjustment') })],
    ["Stock Entry: B's cost center", 'Stock Entry', receipt(A, {}, { cost_center: acc(B, 'Main') })],
    ["Stock Entry: B's default target warehouse", 'Stock Entry', receipt(A, { to_warehouse: store[B.company] }, { t_warehouse: undefined })],
    ["Stock Reconciliation: B's default warehouse", 'Stock Reconciliation', { company: A.company, set_warehouse: store[B.company], items: [{ item_code: item, qty: 1, valuation_rate: 1 }] }],
    ["Stock Reconciliation: B's cost center", 'Stock Reconciliation', { company: A.company, cost_center: acc(B, 'Main'), items: [{ item_code: item, warehouse: store[A.company], qty: 2, valuation_rate: 1 }] }],
    ["Account: B's parent", 'Account', { account_name: `MC Cross ${pid}`, company: A.company, parent_account: acc(B, 'Current Assets') }],
    ["Cost Center: B's parent", 'Cost Center', { cost_center_name: `MC Cross ${pid}`, company: A.company, parent_cost_center: acc(B, B.company) }],
    ["Stock Reconciliation: B's warehouse", 'Stock Reconciliation', { company: A.company, items: [{ item_code: item, warehouse: store[B.company], qty: 1, valuation_rate: 1 }] }],
    ["Tax Rule: B's template", 'Tax Rule', { tax_type: 'Sales', sales_tax_template: made[B.company]['Sales Taxes and Charges Template'], company: A.company }],
    ["Sales Taxes and Charges Template: B's account", 'Sales Taxes and Charges Template', { title: `MC Cross ${pid}`, company: A.company, taxes: [{ charge_type: 'On Net Total', account_head: acc(B, 'VAT'), description: 'x', rate: 1 }] }],
    ["Item Tax Template: B's account", 'Item Tax Template', { title: `MC Cross ${pid}`, company: A.company, taxes: [{ tax_type: acc(B, 'VAT'), tax_rate: 1 }] }],
    [
      "Shipping Rule: B's account",
      'Shipping Rule',
      { label: `MC Cross ${pid}`, company: A.company, shipping_rule_type: 'Selling', account: acc(B, 'Freight and Forwarding Charges'), cost_center: acc(A, 'Main'), calculate_based_on: 'Net Total' },
    ],
    ["Warehouse: B's parent", 'Warehouse', { warehouse_name: `MC Cross ${pid}`, company: A.company, parent_warehouse: B.rootWarehouse }],
  ];

  it("a document of A naming B's account, cost center, warehouse, template or rule is refused (417), nothing written, for Administrator", async () => {
    for (const [label, doctype, body] of crossCompany()) {
      const before = await snapshot();
      const res = await post(doctype, { ...body, docstatus: ['Warehouse', 'Account', 'Cost Center'].includes(doctype) || doctype.endsWith('Template') || doctype.endsWith('Rule') ? 0 : 1 });
      expect([label, res.status]).toEqual([label, 417]);
      expect([label, await snapshot()]).toEqual([label, before]);
    }
  });

  it("the restricted user is refused the same documents (4xx), nothing written", async () => {
    for (const [label, doctype, body] of crossCompany()) {
      const before = await snapshot();
      const res = await post(doctype, body, user);
      expect([label, res.status >= 400 && res.status < 500]).toEqual([label, true]);
      expect([label, await snapshot()]).toEqual([label, before]);
    }
  });

  const PERIOD = { from_date: '2000-01-01', to_date: '2999-12-31' };
  const ACCOUNTING: [string, Record<string, unknown>][] = [
    ['general_ledger', { ...PERIOD, limit_page_length: 0 }],
    ['trial_balance', PERIOD],
    ['profit_and_loss', PERIOD],
    ['balance_sheet', { to_date: '2999-12-31' }],
    ['accounts_receivable', {}],
    ['tax_summary', PERIOD],
  ];
  const STOCK: [string, Record<string, unknown>][] = [
    ['stock_balance', { limit_page_length: 0 }],
    ['stock_ledger', { limit_page_length: 0 }],
    ['stock_projected_qty', { limit_page_length: 0 }],
  ];

  it.each([...ACCOUNTING.map(([m, q]) => [`docket.accounts.${m}`, q]), ...STOCK.map(([m, q]) => [`docket.stock.${m}`, q])] as [string, Record<string, unknown>][])(
    '%s: company A only for the restricted user, B refused, consolidated only for an unrestricted user',
    async (path, query) => {
      const mine = await method(path, { ...query, company: A.company }, user);
      expect([mine.status, mine.body._server_messages]).toEqual([200, undefined]);
      expect(mine.body.message).toEqual((await method(path, { ...query, company: A.company }, admin).expect(200)).body.message);
      expect(JSON.stringify(mine.body.message)).not.toContain(B.company);
      expect(JSON.stringify(mine.body.message)).not.toContain(` - ${B.abbr}`);
      await method(path, { ...query, company: B.company }, user).expect(403);
      await method(path, query, user).expect(403);
      await method(path, { ...query, company: `No Such Co ${pid}` }, user).expect(417);
      const consolidated = await method(path, query, admin).expect(200);
      if (path.startsWith('docket.stock.')) {
        const companies = new Set(consolidated.body.message.rows.filter((r: { item_code: string }) => r.item_code === item).map((r: { company: string }) => r.company));
        expect([...companies].sort()).toEqual([A.company, B.company].sort());
        const rows = mine.body.message.rows as { company: string; item_code: string }[];
        expect(rows.some((r) => r.item_code === item)).toBe(true);
        expect(rows.every((r) => r.company === A.company)).toBe(true);
      } else {
        expect(JSON.stringify(consolidated.body.message)).toMatch(new RegExp(`${B.company}| - ${B.abbr}`));
        expect(JSON.stringify(mine.body.message)).toMatch(new RegExp(`${A.company}| - ${A.abbr}`));
      }
    },
  );

  it("the stock ledger-integrity check: a Stock Manager restricted to A checks A's ledgers only; B and all companies are refused", async () => {
    const manager = `mc-stock-manager-${pid}@example.com`;
    await made200('User', { email: manager, first_name: 'Stock', last_name: 'Manager', roles: [{ role: 'Stock Manager' }] });
    await made200('User Permission', { user: manager, allow: 'Company', for_value: A.company });
    const token = await t.token(manager);
    const path = 'docket.stock.check_ledger_integrity';
    const mine = (await method(path, { company: A.company }, token).expect(200)).body.message;
    expect(mine).toEqual((await method(path, { company: A.company }, admin).expect(200)).body.message);
    expect(mine.ok).toBe(true);
    expect(mine.checked).toBeGreaterThan(0);
    const everywhere = (await method(path, {}, admin).expect(200)).body.message;
    expect(everywhere.checked).toBeGreaterThan(mine.checked);
    await method(path, { company: B.company }, token).expect(403);
    await method(path, {}, token).expect(403);
  });

  it('GraphQL reports: company A answers, B and consolidated are refused for the restricted user', async () => {
    const ok = await gql(`{ stockBalance(company: "${A.company}") trialBalance(company: "${A.company}", from_date: "2000-01-01", to_date: "2999-12-31") }`, user).expect(200);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.stockBalance.rows.map((r: { company: string }) => r.company)).toEqual([A.company]);
    for (const q of [`{ stockBalance(company: "${B.company}") }`, '{ stockProjectedQty }', '{ trialBalance(from_date: "2000-01-01", to_date: "2999-12-31") }']) {
      const res = await gql(q, user).expect(200);
      expect([q, res.body.errors?.[0]?.extensions?.http_status]).toEqual([q, 403]);
    }
    const all = await gql('{ stockProjectedQty(limit_page_length: 0) }', admin).expect(200);
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.stockProjectedQty.rows.filter((r: { item_code: string }) => r.item_code === item)).toHaveLength(2);
  });
});
