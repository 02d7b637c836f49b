import request from 'supertest';
import { STANDARD_SELLING } from '../../src/setup/install-records';
import { ADMIN_PASSWORD, bootApp, TestApp } from '../harness/app';
import { ServerProcess, startServerProcess } from '../harness/server-process';
import { Shop } from './catalog-fixtures';

/**
 * Two server processes on one database and one Redis, each with the storefront cached: a
 * price, stock or publication change committed through one is seen by the next storefront
 * request to the other. (Without Redis only one process may serve.)
 */
(process.env.REDIS_URL ? describe : describe.skip)('storefront cache across processes (Redis)', () => {
  let t: TestApp;
  let admin: string;
  let shop: Shop;
  let second: ServerProcess;
  let other: ReturnType<typeof request>;

  const listing = async (http: ReturnType<typeof request>) => {
    const res = await http.get('/api/method/docket.storefront.products').query({ filter: JSON.stringify({ item_group: shop.root }) });
    expect(res.status).toBe(200);
    return res.body.message.items as { item_code: string; in_stock: boolean; price: { min: { rate: number } } }[];
  };

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    shop = await new Shop(t, admin).build();
    second = await startServerProcess({ DB_URL: t.config.dbUrl, REDIS_URL: process.env.REDIS_URL!, ADMIN_PASSWORD, DOCKET_DEMO: '0' });
    other = request(second.url);
  });
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  it('a price changed through one process is on the next listing from the other', async () => {
    // Both processes have the listing cached.
    expect((await listing(other)).find((p) => p.item_code === 'MUG')?.price.min.rate).toBe(8);
    expect((await listing(other)).find((p) => p.item_code === 'MUG')?.price.min.rate).toBe(8);
    expect((await listing(t.http)).find((p) => p.item_code === 'MUG')?.price.min.rate).toBe(8);
    const [price] = (await t.http.get('/api/resource/Item Price').query({ filters: JSON.stringify({ item_code: 'MUG', price_list: STANDARD_SELLING }) }).set('Authorization', admin)).body.data;
    await shop.put('Item Price', price.name, { price_list_rate: '9.5' });
    expect((await listing(other)).find((p) => p.item_code === 'MUG')?.price.min.rate).toBe(9.5);
    // and the other way round
    await other.put(`/api/resource/Item Price/${encodeURIComponent(price.name)}`).set('Authorization', admin).send({ price_list_rate: '7.25' }).expect(200);
    expect((await listing(t.http)).find((p) => p.item_code === 'MUG')?.price.min.rate).toBe(7.25);
  });

  it('a pricing rule created through one process discounts the next listing from the other, and disabling it there ends it here', async () => {
    const mugRate = async (http: ReturnType<typeof request>) => (await listing(http)).find((p) => p.item_code === 'MUG')?.price.min.rate;
    expect(await mugRate(other)).toBe(7.25); // the other process keeps the rules it priced this with
    const rule = await shop.post('Pricing Rule', {
      title: 'Mug week',
      apply_on: 'Item Code',
      items: [{ item_code: 'MUG' }],
      selling: 1,
      currency: 'USD',
      rate_or_discount: 'Discount Percentage',
      discount_percentage: 20,
    });
    expect(await mugRate(other)).toBe(5.8);
    expect(await mugRate(t.http)).toBe(5.8);
    await other.put(`/api/resource/Pricing Rule/${encodeURIComponent(rule.name as string)}`).set('Authorization', admin).send({ disable: 1 }).expect(200);
    expect(await mugRate(t.http)).toBe(7.25);
  });

  it('stock received through one process makes the product available on the other, on its page too, its price kept', async () => {
    const mugPage = async (http: ReturnType<typeof request>) => {
      const route = (await listing(http)).find((p) => p.item_code === 'MUG') as unknown as { route: string };
      const res = await http.get('/api/method/docket.storefront.product').query({ route: route.route });
      expect(res.status).toBe(200);
      return res.body.message as { in_stock: boolean; stock_qty: number | null; price: { min: { rate: number } } };
    };
    expect((await listing(other)).find((p) => p.item_code === 'MUG')?.in_stock).toBe(false);
    expect(await mugPage(other)).toEqual(expect.objectContaining({ in_stock: false, stock_qty: 0 }));
    await shop.stock.receive('MUG', shop.warehouse, 3);
    expect((await listing(other)).find((p) => p.item_code === 'MUG')).toEqual(expect.objectContaining({ in_stock: true, price: expect.objectContaining({ min: expect.objectContaining({ rate: 7.25 }) }) }));
    expect(await mugPage(other)).toEqual(expect.objectContaining({ in_stock: true, stock_qty: 3 }));
  });

  it('unpublishing through one process removes the product from the other', async () => {
    expect((await listing(other)).map((p) => p.item_code)).toContain('MUG');
    const [mug] = (await t.http.get('/api/resource/Website Item').query({ filters: JSON.stringify({ item_code: 'MUG' }) }).set('Authorization', admin)).body.data;
    await shop.put('Website Item', mug.name, { published: 0 });
    expect((await listing(other)).map((p) => p.item_code)).toEqual(['SHIRT']);
  });
});
