import { bootApp, demoUserEmail, TestApp } from '../harness/app';
import { today } from '../../src/kernel/time/clock';

/** A row of a list answer (the fields asked for). */
interface Row {
  name: string;
  lft: number;
  rgt: number;
  is_group: number;
  [field: string]: unknown;
}

/** The accounting masters through the REST API: the standard chart a new company gets, and the rules of Account, Cost Center, Fiscal Year and Mode of Payment. */
describe('accounting masters', () => {
  let t: TestApp;
  let admin: string;
  let seq = 0;

  const post = (doctype: string, body: Record<string, unknown>, auth = admin) => t.http.post(`/api/resource/${doctype}`).set('Authorization', auth).send(body);
  const list = async (doctype: string, filters: Record<string, unknown>, fields = ['*']) =>
    (
      await t.http
        .get(`/api/resource/${doctype}`)
        .query({ filters: JSON.stringify(filters), fields: JSON.stringify(fields), limit_page_length: 500 })
        .set('Authorization', admin)
        .expect(200)
    ).body.data as Row[];
  const get = async (doctype: string, name: string) => (await t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', admin).expect(200)).body.data;
  /** A new company (its chart installed by the insert); its name and abbreviation. */
  const newCompany = async () => {
    const n = ++seq;
    const abbr = `AC${process.pid % 1000}${n}`;
    const company_name = `Acct Co ${process.pid} ${n}`;
    const res = await post('Company', { company_name, abbr, default_currency: 'USD', country: 'United States' });
    expect(res.status).toBe(200);
    return { name: company_name, abbr, doc: res.body.data };
  };
  /** A 4xx in Frappe's error shape: exc_type and a message in _server_messages mentioning `mentions`. */
  const expectRejected = (res: { status: number; body: { exc_type?: string; _server_messages?: string } }, excType: string, mentions: string) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.exc_type).toBe(excType);
    expect(JSON.parse(JSON.parse(res.body._server_messages!)[0]).message).toContain(mentions);
  };
  /** The fiscal years covering today that list the company. */
  const yearsCoveringToday = async (company: string) => {
    const day = today();
    const linked = [];
    for (const fy of await list('Fiscal Year', { year_start_date: ['<=', day], year_end_date: ['>=', day] }, ['name'])) {
      const doc = await get('Fiscal Year', fy.name);
      if (doc.companies.some((r: { company: string }) => r.company === company)) linked.push(doc.name);
    }
    return linked;
  };
  /** Every company's tree is a valid nested set: lft < rgt, children strictly inside their parent, numbers distinct. */
  const expectValidNestedSet = (rows: Row[], parentField: string) => {
    const byName = new Map(rows.map((r) => [r.name, r]));
    const numbers = rows.flatMap((r) => [r.lft, r.rgt]);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const r of rows) {
      expect(r.lft).toBeLessThan(r.rgt);
      if (r[parentField]) {
        const parent = byName.get(String(r[parentField]))!;
        expect(parent).toBeDefined();
        expect(parent.lft).toBeLessThan(r.lft);
        expect(r.rgt).toBeLessThan(parent.rgt);
      }
      const kids = rows.filter((k) => k[parentField] === r.name);
      if (!Number(r.is_group)) expect(kids).toHaveLength(0);
    }
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('creating a Company installs the standard chart, its cost centers, defaults and a fiscal year covering today', async () => {
    const co = await newCompany();
    const debtors = await get('Account', `Debtors - ${co.abbr}`);
    expect(debtors).toMatchObject({
      account_name: 'Debtors',
      account_type: 'Receivable',
      root_type: 'Asset',
      report_type: 'Balance Sheet',
      is_group: 0,
      company: co.name,
      parent_account: `Accounts Receivable - ${co.abbr}`,
      account_currency: 'USD',
      freeze_account: 'No',
    });
    expect(await get('Account', `Sales - ${co.abbr}`)).toMatchObject({ root_type: 'Income', report_type: 'Profit and Loss', is_group: 0, parent_account: `Direct Income - ${co.abbr}` });
    expect(await get('Account', `Duties and Taxes - ${co.abbr}`)).toMatchObject({ is_group: 1, account_type: 'Tax', root_type: 'Liability' });
    expect(await get('Account', `VAT - ${co.abbr}`)).toMatchObject({ is_group: 0, account_type: 'Tax', root_type: 'Liability' });
    const roots = await list('Account', { company: co.name, parent_account: ['is', 'not set'] }, ['name', 'root_type', 'is_group']);
    expect(roots.map((r) => [r.name, r.root_type, r.is_group]).sort()).toEqual(
      [
        [`Application of Funds (Assets) - ${co.abbr}`, 'Asset', 1],
        [`Equity - ${co.abbr}`, 'Equity', 1],
        [`Expenses - ${co.abbr}`, 'Expense', 1],
        [`Income - ${co.abbr}`, 'Income', 1],
        [`Source of Funds (Liabilities) - ${co.abbr}`, 'Liability', 1],
      ].sort(),
    );
    const expected = {
      default_receivable_account: `Debtors - ${co.abbr}`,
      default_payable_account: `Creditors - ${co.abbr}`,
      default_income_account: `Sales - ${co.abbr}`,
      default_expense_account: `Cost of Goods Sold - ${co.abbr}`,
      cost_of_goods_sold_account: `Cost of Goods Sold - ${co.abbr}`,
      stock_received_but_not_billed: `Stock Received But Not Billed - ${co.abbr}`,
      default_inventory_account: `Stock In Hand - ${co.abbr}`,
      stock_adjustment_account: `Stock Adjustment - ${co.abbr}`,
      round_off_account: `Round Off - ${co.abbr}`,
      round_off_cost_center: `Main - ${co.abbr}`,
      default_cash_account: `Cash - ${co.abbr}`,
      exchange_gain_loss_account: `Exchange Gain/Loss - ${co.abbr}`,
      cost_center: `Main - ${co.abbr}`,
      enable_perpetual_inventory: 1,
    };
    expect(co.doc).toMatchObject(expected);
    expect(await get('Company', co.name)).toMatchObject(expected);
    for (const field of ['default_receivable_account', 'default_payable_account', 'stock_received_but_not_billed', 'stock_adjustment_account', 'round_off_account']) {
      const account = await get('Account', expected[field as keyof typeof expected] as string);
      expect({ field, company: account.company, is_group: account.is_group }).toEqual({ field, company: co.name, is_group: 0 });
    }
    expect((await get('Account', `Creditors - ${co.abbr}`)).account_type).toBe('Payable');
    expect((await get('Account', `Stock Adjustment - ${co.abbr}`)).root_type).toBe('Expense');

    expect(await get('Cost Center', `Main - ${co.abbr}`)).toMatchObject({ is_group: 0, parent_cost_center: `${co.name} - ${co.abbr}`, company: co.name });
    expect(await get('Cost Center', `${co.name} - ${co.abbr}`)).toMatchObject({ is_group: 1, parent_cost_center: null });

    expect(await yearsCoveringToday(co.name)).toHaveLength(1);

    expectValidNestedSet(await list('Account', {}, ['name', 'parent_account', 'lft', 'rgt', 'is_group']), 'parent_account');
    expectValidNestedSet(await list('Cost Center', {}, ['name', 'parent_cost_center', 'lft', 'rgt', 'is_group']), 'parent_cost_center');
  });

  it('the demo company got its chart through the same path', async () => {
    expect(await get('Company', 'Docket Demo')).toMatchObject({ default_receivable_account: 'Debtors - DD', default_income_account: 'Sales - DD', cost_center: 'Main - DD' });
    expect((await get('Account', 'Debtors - DD')).account_type).toBe('Receivable');
  });

  it('a second company gets its own chart and its own fiscal year link; both trees stay valid', async () => {
    const a = await newCompany();
    const b = await newCompany();
    expect((await get('Account', `Debtors - ${b.abbr}`)).company).toBe(b.name);
    const [fyA] = await yearsCoveringToday(a.name);
    const [fyB] = await yearsCoveringToday(b.name);
    expect(fyB).toBeDefined();
    expect(fyB).not.toBe(fyA);
    const aCount = (await list('Account', { company: a.name }, ['name'])).length;
    expect((await list('Account', { company: b.name }, ['name'])).length).toBe(aCount);
    expectValidNestedSet(await list('Account', {}, ['name', 'parent_account', 'lft', 'rgt', 'is_group']), 'parent_account');
    const accountsA = await list('Account', { company: a.name }, ['lft', 'rgt', 'parent_account']);
    const rootA = await get('Account', `Equity - ${a.abbr}`);
    // A child of Equity lies inside its parent's range and only children of this company do.
    const equityKids = accountsA.filter((r) => r.parent_account === `Equity - ${a.abbr}`);
    expect(equityKids).toHaveLength(5);
    for (const k of equityKids) expect(k.lft > rootA.lft && k.rgt < rootA.rgt).toBe(true);
  });

  it('an account is named with its number and takes its root type from the parent', async () => {
    const co = await newCompany();
    const res = await post('Account', { account_name: 'Petty Cash', account_number: '1111', parent_account: `Cash In Hand - ${co.abbr}`, company: co.name, account_type: 'Cash', root_type: 'Expense' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: `1111 - Petty Cash - ${co.abbr}`, root_type: 'Asset', report_type: 'Balance Sheet', is_group: 0 });
    expectValidNestedSet(await list('Account', { company: co.name }, ['name', 'parent_account', 'lft', 'rgt', 'is_group']), 'parent_account');
  });

  describe('bad input is refused in Frappe\'s error shape and writes nothing', () => {
    let a: { name: string; abbr: string };
    let b: { name: string; abbr: string };
    beforeAll(async () => {
      a = await newCompany();
      b = await newCompany();
    });

    const accountCount = async () => (await list('Account', {}, ['name'])).length;

    it('a parent account of another company', async () => {
      const before = await accountCount();
      const res = await post('Account', { account_name: 'Wrong Company', parent_account: `Current Assets - ${b.abbr}`, company: a.name });
      expectRejected(res, 'LinkValidationError', 'does not belong to company');
      expect(await accountCount()).toBe(before);
    });

    it('a parent account that is not a group', async () => {
      const before = await accountCount();
      const res = await post('Account', { account_name: 'Under A Leaf', parent_account: `Debtors - ${a.abbr}`, company: a.name });
      expectRejected(res, 'ValidationError', 'is not a group node');
      expect(await accountCount()).toBe(before);
    });

    it('a root account that is not a group, or has no root type', async () => {
      const before = await accountCount();
      expectRejected(await post('Account', { account_name: 'Lonely Leaf', company: a.name, root_type: 'Asset' }), 'ValidationError', 'must be a group');
      expectRejected(await post('Account', { account_name: 'No Type', company: a.name, is_group: 1 }), 'MandatoryError', 'Root Type');
      expect(await accountCount()).toBe(before);
    });

    it('a cost center under another company\'s cost center', async () => {
      const res = await post('Cost Center', { cost_center_name: 'Stray', parent_cost_center: `${b.name} - ${b.abbr}`, company: a.name });
      expectRejected(res, 'LinkValidationError', 'does not belong to company');
      expect(await list('Cost Center', { cost_center_name: 'Stray' }, ['name'])).toHaveLength(0);
    });

    it('a company default account of another company', async () => {
      const res = await t.http.put(`/api/resource/Company/${encodeURIComponent(a.name)}`).set('Authorization', admin).send({ default_receivable_account: `Debtors - ${b.abbr}` });
      expectRejected(res, 'LinkValidationError', 'does not belong to company');
      expect((await get('Company', a.name)).default_receivable_account).toBe(`Debtors - ${a.abbr}`);
    });

    it('a fiscal year ending before it starts', async () => {
      const res = await post('Fiscal Year', { year: `Backwards ${seq}`, year_start_date: '2031-12-31', year_end_date: '2031-01-01', companies: [{ company: a.name }] });
      expectRejected(res, 'ValidationError', 'Start Date should be one year earlier');
      expect(await list('Fiscal Year', { year: `Backwards ${seq}` }, ['name'])).toHaveLength(0);
    });

    it('a fiscal year overlapping another of the same company (another company may overlap)', async () => {
      const year = today().slice(0, 4);
      const res = await post('Fiscal Year', { year: `Overlap ${seq}`, year_start_date: `${year}-06-01`, year_end_date: `${Number(year) + 1}-05-31`, companies: [{ company: a.name }] });
      expectRejected(res, 'ValidationError', 'overlapping');
      expect(await list('Fiscal Year', { year: `Overlap ${seq}` }, ['name'])).toHaveLength(0);
      // Years far from today's: one per company is fine, a second for the same company is not.
      expect((await post('Fiscal Year', { year: `FY2040 ${a.abbr}`, year_start_date: '2040-01-01', year_end_date: '2040-12-31', companies: [{ company: a.name }] })).status).toBe(200);
      expect((await post('Fiscal Year', { year: `FY2040 ${b.abbr}`, year_start_date: '2040-01-01', year_end_date: '2040-12-31', companies: [{ company: b.name }] })).status).toBe(200);
      expectRejected(
        await post('Fiscal Year', { year: `FY2040b ${a.abbr}`, year_start_date: '2040-04-01', year_end_date: '2041-03-31', companies: [{ company: a.name }] }),
        'ValidationError',
        'overlapping',
      );
    });

    it('an accounting period ending before it starts, or overlapping another of the company', async () => {
      expectRejected(await post('Accounting Period', { period_name: `AP bad ${a.abbr}`, start_date: '2040-02-01', end_date: '2040-01-01', company: a.name }), 'ValidationError', 'Start Date');
      const ok = await post('Accounting Period', {
        period_name: `AP Q1 ${a.abbr}`,
        start_date: '2040-01-01',
        end_date: '2040-03-31',
        company: a.name,
        closed_documents: [{ document_type: 'Stock Entry', closed: 1 }],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data.closed_documents).toMatchObject([{ document_type: 'Stock Entry', closed: 1 }]);
      expectRejected(await post('Accounting Period', { period_name: `AP Mar ${a.abbr}`, start_date: '2040-03-01', end_date: '2040-04-30', company: a.name }), 'ValidationError', 'overlaps');
      expect((await post('Accounting Period', { period_name: `AP Q1 ${b.abbr}`, start_date: '2040-01-01', end_date: '2040-03-31', company: b.name })).status).toBe(200);
    });

    it('a Mode of Payment account of another company', async () => {
      const name = `Wire ${seq}`;
      const res = await post('Mode of Payment', { mode_of_payment: name, type: 'Bank', accounts: [{ company: a.name, default_account: `Cash - ${b.abbr}` }] });
      expectRejected(res, 'ValidationError', 'does not match with Company');
      expect(await list('Mode of Payment', { name }, ['name'])).toHaveLength(0);
      const ok = await post('Mode of Payment', { mode_of_payment: name, type: 'Cash', accounts: [{ company: a.name, default_account: `Cash - ${a.abbr}` }, { company: b.name, default_account: `Cash - ${b.abbr}` }] });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ enabled: 1, type: 'Cash' });
    });

    it('an Accounts User reads accounts but cannot create one (403)', async () => {
      const user = await t.token(demoUserEmail('Accounts User'));
      const res = await post('Account', { account_name: 'Not Allowed', parent_account: `Current Assets - ${a.abbr}`, company: a.name }, user);
      expect(res.status).toBe(403);
      expect(res.body.exc_type).toBe('PermissionError');
      expect(await list('Account', { account_name: 'Not Allowed' }, ['name'])).toHaveLength(0);
      const read = await t.http.get(`/api/resource/Account/${encodeURIComponent(`Debtors - ${a.abbr}`)}`).set('Authorization', user);
      expect(read.status).toBe(200);
    });
  });
});
