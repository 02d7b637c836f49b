import { SYSTEM } from '../../src/kernel/db/context';
import { Database } from '../../src/kernel/db/database';
import { redeemCoupon, releaseCoupon } from '../../src/domain/pricing/coupon-redemption';
import { today } from '../../src/kernel/time/clock';
import { bootApp, TestApp } from '../harness/app';

/** Coupon uses counted exactly: the price function honours maximum_use, and racing orders never take more uses than there are. */
describe('coupon redemption', () => {
  let t: TestApp;
  let admin: string;
  let db: Database;
  let rule: string;
  let seq = 0;

  const coupon = async (maximum_use: number, extra: Record<string, unknown> = {}) => {
    const code = `RACE${process.pid % 1000}X${++seq}`;
    const res = await t.http.post('/api/resource/Coupon Code').set('Authorization', admin).send({ coupon_name: code, coupon_code: code, pricing_rule: rule, maximum_use, ...extra });
    expect(res.status).toBe(200);
    return code;
  };
  const used = async (code: string) => Number((await db.pool.query('SELECT used FROM `tabCoupon Code` WHERE coupon_code = ?', [code]))[0].used);
  const details = (coupon_code: string) =>
    t.http
      .post('/api/method/erpnext.stock.get_item_details.get_item_details')
      .set('Authorization', admin)
      .send({ args: JSON.stringify({ item_code: 'MUG-CER', company: 'Docket Demo', selling_price_list: 'Standard Selling', qty: 1, coupon_code }) });

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    db = t.app.get(Database);
    const res = await t.http.post('/api/resource/Pricing Rule').set('Authorization', admin).send({
      title: 'Race coupon',
      apply_on: 'Item Code',
      items: [{ item_code: 'MUG-CER' }],
      selling: 1,
      currency: 'USD',
      coupon_code_based: 1,
      rate_or_discount: 'Discount Percentage',
      discount_percentage: 50,
      priority: '5',
    });
    expect(res.status).toBe(200);
    rule = res.body.data.name;
  });
  afterAll(() => t.close());

  it('get_item_details applies a valid coupon and refuses an expired, a not yet valid, a used-up or an unknown one', async () => {
    const ok = await details(await coupon(5));
    expect(ok.status).toBe(200);
    expect(ok.body.message).toMatchObject({ price_list_rate: 14, rate: 7, discount_percentage: 50, pricing_rules: JSON.stringify([rule]) });
    const cases: [string, RegExp][] = [
      [await coupon(5, { valid_upto: '2020-01-31', valid_from: '2020-01-01' }), /validity has expired/],
      [await coupon(5, { valid_from: '2099-01-01' }), /validity has not started/],
      [await coupon(1, {}), /no longer valid/],
      ['NO-SUCH-CODE', /Please enter a valid coupon code/],
    ];
    await db.runAsSystem(SYSTEM, (ctx) => redeemCoupon(ctx, cases[2][0], today()));
    for (const [code, message] of cases) {
      const res = await details(code);
      expect(res.status).toBe(417);
      expect(res.text).toMatch(/Please enter a valid coupon code/);
      expect(res.text).toMatch(message);
    }
  });

  it('redeem counts one use; release gives it back', async () => {
    const code = await coupon(2);
    await db.runAsSystem(SYSTEM, (ctx) => redeemCoupon(ctx, code, today()));
    expect(await used(code)).toBe(1);
    const [row] = await db.pool.query('SELECT name FROM `tabCoupon Code` WHERE coupon_code = ?', [code]);
    await db.runAsSystem(SYSTEM, (ctx) => releaseCoupon(ctx, row.name as string));
    expect(await used(code)).toBe(0);
  });

  it('orders racing for the last uses: exactly as many succeed as there are uses, the others are refused', async () => {
    const code = await coupon(3);
    await db.runAsSystem(SYSTEM, (ctx) => redeemCoupon(ctx, code, today()));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => db.runAsSystem(SYSTEM, (ctx) => redeemCoupon(ctx, code, today()))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(18);
    expect(refused.every((r) => /no longer valid/.test(String(r.reason)))).toBe(true);
    expect(await used(code)).toBe(3);
  });
});
