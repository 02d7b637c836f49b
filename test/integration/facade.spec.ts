import { AuthService } from '../../src/kernel/auth/auth.service';
import { SYSTEM } from '../../src/kernel/db/context';
import { Database, NestedTransactionError, UnrecordedWriteError } from '../../src/kernel/db/database';
import { DocumentService } from '../../src/kernel/document/document.service';
import { balances, bootFixtureSuite, FixtureSuite, order, testAccounts, transfer } from '../fixtures/builders';
import { docOf, EventRecorder, recordEvents } from '../harness/events';
import { FAIL_POINTS, transferHooks } from '../fixtures/test-ledger';
import { demoUserEmail, TestApp } from '../harness/app';

/** The transactional facade on ctx, driven by the Test Transfer fixture (test/fixtures/test-ledger.ts). */
describe('the transactional facade on ctx', () => {
  let t: TestApp;
  let admin: string;
  let seller: string;
  let m: FixtureSuite['m'];
  let db: Database;
  let recorder: EventRecorder;

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    seller = await t.token(demoUserEmail('Sales User'));
    db = t.app.get(Database);
    recorder = recordEvents(t.app);
    await testAccounts(t, admin, ['World'], true);
    await testAccounts(t, admin, ['Alice', 'Bob']);
  });
  afterAll(() => t.close());

  const get = (doctype: string, name: string, auth = admin) => t.http.get(`/api/resource/${doctype}/${encodeURIComponent(name)}`).set('Authorization', auth);
  const count = async (doctype: string, filters: object) =>
    (await t.http.get('/api/method/frappe.client.get_count').query({ doctype, filters: JSON.stringify(filters) }).set('Authorization', admin).expect(200)).body.message as number;
  const submittedOrder = async () => (await t.http.post('/api/resource/Test Order').set('Authorization', admin).send(order(m.customers[0], [m.items[0]], { docstatus: 1 })).expect(200)).body.data;

  it("onSubmit locks both balances, posts ledger lines, sets the order's billed amount and emits, as one commit", async () => {
    const so = await submittedOrder();
    recorder.events.length = 0;
    const res = await transfer(t, seller, 'World', 'Alice', '12.35', { against_order: so.name }).expect(200);
    const tr = res.body.data;
    expect(tr.docstatus).toBe(1);
    expect(tr.validated_as).toBe(1); // validate saw the target docstatus of an insert-and-submit
    expect(await balances(t, admin, ['World', 'Alice'])).toEqual({ balance: { World: -12.35, Alice: 12.35 }, rows: { World: 1, Alice: 1 } });
    expect(await count('Test Ledger Line', { voucher: tr.name, docstatus: 1 })).toBe(2);
    const after = (await get('Test Order', so.name).expect(200)).body.data;
    expect(after.billed_amount).toBe(12.35);
    expect(after.modified > so.modified).toBe(true);
    expect(after.modified_by).toBe(demoUserEmail('Sales User'));
    const versions = await t.http
      .get('/api/resource/Version')
      .query({ fields: '["data"]', filters: JSON.stringify({ ref_doctype: 'Test Order', docname: so.name }) })
      .set('Authorization', admin)
      .expect(200);
    expect(versions.body.data.map((v: { data: string }) => JSON.parse(v.data).changed)).toEqual([[['billed_amount', 0, 12.35]]]);
    // Alice's own insert (in the setup) may be relayed late on a loaded machine: only this transfer's effects count
    const mine = () => recorder.events.filter((e) => docOf(e)?.name === tr.name || (docOf(e)?.name === 'Alice' && e.name !== 'doc.after_insert'));
    await recorder.until(() => mine().length >= 3);
    expect(mine().map((e) => `${e.name} ${docOf(e)?.doctype}`).sort()).toEqual(['doc.after_insert Test Transfer', 'doc.on_submit Test Transfer', 'doc.on_update Test Account']);
  });

  it('asSystem inside a request reveals nothing to the caller: no permlevel field in the reply, no ledger read', async () => {
    const res = await transfer(t, seller, 'World', 'Bob', 1).expect(200);
    expect(res.body.data).not.toHaveProperty('approval_code');
    expect((await get('Test Transfer', res.body.data.name, seller).expect(200)).body.data).not.toHaveProperty('approval_code');
    expect((await get('Test Transfer', res.body.data.name).expect(200)).body.data.approval_code).toMatch(/^OK-/);
    await t.http.get('/api/resource/Test Ledger Line').set('Authorization', seller).expect(403);
    const user = await t.app.get(AuthService).loadUser(demoUserEmail('Sales User'));
    await db.run(user, {}, { write: false }, async (ctx) => {
      await expect(ctx.getValue('Test Transfer', res.body.data.name, ['approval_code'])).rejects.toThrow('No permission to read Test Transfer.approval_code');
      const code = await ctx.asSystem((sys) => sys.getValue('Test Transfer', res.body.data.name, ['approval_code']));
      expect(code?.approval_code).toMatch(/^OK-/);
      expect(ctx.elevated).toBe(false);
    });
  });

  it.each(FAIL_POINTS.filter((p) => p !== 'nested-run'))('a hook failing %s leaves nothing: no balance row, no ledger line, no order change, no event', async (failAt) => {
    const so = await submittedOrder();
    const account = `Fresh ${failAt}`;
    await testAccounts(t, admin, [account]);
    const world = (await balances(t, admin, ['World'])).balance.World;
    const outboxRows = async () => (await db.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM `__Outbox`'))[0].n;
    const before = await outboxRows();
    const res = await transfer(t, seller, 'World', account, 5, { against_order: so.name, fail_at: failAt }).expect(417);
    expect(res.body.exception).toContain(`Test Transfer failed ${failAt}`);
    expect(await balances(t, admin, ['World', account])).toEqual({ balance: { World: world }, rows: { World: 1 } });
    expect(await count('Test Ledger Line', { account })).toBe(0);
    const after = (await get('Test Order', so.name).expect(200)).body.data;
    expect([after.billed_amount, after.modified]).toEqual([0, so.modified]);
    expect(await count('Version', { ref_doctype: 'Test Order', docname: so.name })).toBe(0);
    // a rolled-back transaction leaves no outbox row, so no event of it can ever be delivered
    expect(Number(await outboxRows())).toBe(Number(before));
  });

  it('a submit by PUT that fails in onSubmit leaves the draft as it was', async () => {
    const draft = (await t.http.post('/api/resource/Test Transfer').set('Authorization', seller).send({ from_account: 'World', to_account: 'Bob', amount: 3, fail_at: 'after-emit' }).expect(200)).body.data;
    expect(draft.validated_as).toBe(0);
    await t.http.put(`/api/resource/Test Transfer/${draft.name}`).set('Authorization', seller).send({ docstatus: 1 }).expect(417);
    const now = (await get('Test Transfer', draft.name).expect(200)).body.data;
    expect([now.docstatus, now.modified, now.approval_code]).toEqual([0, draft.modified, null]);
    expect(await count('Test Ledger Line', { voucher: draft.name })).toBe(0);
  });

  it('cancelling ignores the voucher’s own ledger lines (ignoreLinkedDoctypes) but not other submitted links', async () => {
    const so = await submittedOrder();
    const tr = (await transfer(t, seller, 'World', 'Bob', 4, { against_order: so.name }).expect(200)).body.data;
    const bob = (await balances(t, admin, ['Bob'])).balance.Bob;
    const blocked = await t.http.put(`/api/resource/Test Order/${so.name}`).set('Authorization', admin).send({ docstatus: 2 }).expect(417);
    expect(blocked.body.exc_type).toBe('LinkExistsError');
    transferHooks.length = 0;
    await t.http.put(`/api/resource/Test Transfer/${tr.name}`).set('Authorization', seller).send({ docstatus: 2 }).expect(200);
    expect(transferHooks).toEqual(['beforeCancel', 'onCancel']);
    expect((await balances(t, admin, ['Bob'])).balance.Bob).toBe(bob - 4);
    expect(await count('Test Ledger Line', { voucher: tr.name, is_cancelled: 1 })).toBe(2);
  });

  it("runs the hooks in Frappe's order in every path", async () => {
    transferHooks.length = 0;
    const draft = (await t.http.post('/api/resource/Test Transfer').set('Authorization', seller).send({ from_account: 'World', to_account: 'Bob', amount: 1 }).expect(200)).body.data;
    expect(transferHooks.splice(0)).toEqual(['beforeInsert', 'beforeValidate', 'validate', 'beforeSave', 'afterInsert', 'onUpdate']);
    await t.http.put(`/api/resource/Test Transfer/${draft.name}`).set('Authorization', seller).send({ amount: 2 }).expect(200);
    expect(transferHooks.splice(0)).toEqual(['beforeValidate', 'validate', 'beforeSave', 'onUpdate']);
    const submitted = await t.http.put(`/api/resource/Test Transfer/${draft.name}`).set('Authorization', seller).send({ docstatus: 1 }).expect(200);
    expect(transferHooks.splice(0)).toEqual(['beforeValidate', 'validate', 'beforeSubmit', 'onSubmit']);
    expect(submitted.body.data.validated_as).toBe(1);
    await transfer(t, seller, 'World', 'Bob', 1).expect(200);
    expect(transferHooks.splice(0)).toEqual(['beforeInsert', 'beforeValidate', 'validate', 'beforeSubmit', 'afterInsert', 'onSubmit']);
  });

  it('refuses a nested run, runAsSystem or autonomous inside a run, from a hook and directly, without hanging', async () => {
    const res = await transfer(t, seller, 'World', 'Bob', 1, { fail_at: 'nested-run' }).expect(500);
    expect(res.body.exc_type).toBe('Exception');
    await expect(db.runAsSystem(SYSTEM, () => db.runAsSystem(SYSTEM, async () => 1))).rejects.toThrow(NestedTransactionError);
    await expect(db.runAsSystem(SYSTEM, () => db.autonomous(async () => 1))).rejects.toThrow(NestedTransactionError);
    await expect(db.run(SYSTEM, {}, { write: false }, () => db.run(SYSTEM, {}, { write: true }, async () => 1))).rejects.toThrow(NestedTransactionError);
    expect(await db.runAsSystem(SYSTEM, async (ctx) => ctx.asSystem(async (sys) => sys.db === ctx.db && sys.inTransaction))).toBe(true);
  });

  it('refuses a write that does not name its tables, and rolls it back', async () => {
    await expect(
      db.runAsSystem(SYSTEM, (ctx) => ctx.db.query("UPDATE `tabTest Account` SET allow_negative = 1 WHERE name = 'Alice'")),
    ).rejects.toThrow(UnrecordedWriteError);
    expect(await db.runAsSystem(SYSTEM, (ctx) => ctx.getValue('Test Account', 'Alice', ['allow_negative']))).toEqual({ allow_negative: 0 });
  });

  it('setValue refuses the fields the kernel keeps and unknown fields', async () => {
    await expect(db.runAsSystem(SYSTEM, (ctx) => ctx.setValue('Test Account', 'Alice', { docstatus: 1 }))).rejects.toThrow('kept by the kernel');
    await expect(db.runAsSystem(SYSTEM, (ctx) => ctx.setValue('Test Account', 'Alice', { nope: 1 }))).rejects.toThrow('has no field nope');
    await expect(db.runAsSystem(SYSTEM, (ctx) => ctx.lockKeys('Test Balance', [{ account: 'Alice' }]))).rejects.toThrow('is not a unique key');
  });

  it('validates Link fields with one query per linked doctype and inserts child rows in one statement, whatever the number of rows', async () => {
    const docs = t.app.get(DocumentService);
    // Statements one insert sends on its transaction's connection.
    const statements = (rows: number) =>
      db.runAsSystem(SYSTEM, async (ctx) => {
        const before = ctx.db.statements;
        await docs.insert(ctx, 'Test Order', order(m.customers[0], Array(rows).fill(m.items[0])));
        return ctx.db.statements - before;
      });
    const one = await statements(1);
    const fifty = await statements(50);
    // 49 more child rows cost no statement: one lookup per linked doctype, one INSERT for all the rows
    expect(fifty).toBe(one);
    const twoHundredAndOne = await statements(201);
    // past 200 rows a second INSERT takes the rest
    expect(twoHundredAndOne - one).toBe(1);
  });

  it('a transaction reads a document by name once, until it writes that table; outside one every read goes to the database', async () => {
    const customer = m.customers[0];
    const cost = await db.runAsSystem(SYSTEM, async (ctx) => {
      const at = () => ctx.db.statements;
      const s0 = at();
      const first = await ctx.getValue('Customer', customer, ['customer_name']);
      const s1 = at();
      const again = await ctx.getValue('Customer', customer, ['customer_name', 'customer_group']);
      const s2 = at();
      await ctx.setValue('Customer', customer, { customer_name: `${first!.customer_name}` });
      const s3 = at();
      const afterWrite = await ctx.getValue('Customer', customer, ['customer_name']);
      const s4 = at();
      return { read: s1 - s0, reread: s2 - s1, afterWrite: s4 - s3, same: again!.customer_name === first!.customer_name && afterWrite!.customer_name === first!.customer_name };
    });
    expect(cost).toEqual({ read: 1, reread: 0, afterWrite: 1, same: true });
    const outside = await db.run(SYSTEM, {}, { write: false }, async (ctx) => {
      const before = ctx.db.statements;
      await ctx.getValue('Customer', customer, ['customer_name']);
      await ctx.getValue('Customer', customer, ['customer_name']);
      return ctx.db.statements - before;
    });
    expect(outside).toBe(2);
  });
});
