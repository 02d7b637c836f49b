import { bootApp, demoUserEmail, onMariaDb, TestApp } from '../harness/app';
import { StockMasters } from './stock-fixtures';

const RESERVE = '/api/method/docket.stock.reserve_stock';
const RELEASE = '/api/method/docket.stock.release_stock';
const VALIDATE = '/api/method/docket.stock.validate_stock';

describe(`stock reservations (${onMariaDb() ? 'MariaDB' : 'SQLite'})`, () => {
  let t: TestApp;
  let admin: string;
  let m: StockMasters;
  const [east, west, empty] = ['East', 'West', 'Empty'].map((w) => `${w} - RSV`);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
    m = await StockMasters.create(t, admin, 'Reserve Co', 'RSV');
    for (const w of ['East', 'West', 'Empty']) await m.warehouse(w);
    for (const code of ['RSV-A', 'RSV-B', 'RSV-HOT']) await m.item(code);
    // RSV-A is on sale in the shop (guests may ask about it); RSV-B is not.
    await m.post('Item Price', { item_code: 'RSV-A', price_list: 'Standard Selling', price_list_rate: '5' });
    await m.post('Website Item', { item_code: 'RSV-A', web_item_name: 'Reserved A' });
    await m.receive('RSV-A', east, 10);
    await m.receive('RSV-A', west, '2.5');
    await m.receive('RSV-B', east, 4);
    await m.receive('RSV-HOT', east, 30);
  });
  afterAll(() => t.close());

  const reserve = (items: unknown[], auth = admin) => t.http.post(RESERVE).set('Authorization', auth).send({ items });
  const release = (items: unknown[], auth = admin) => t.http.post(RELEASE).set('Authorization', auth).send({ items });

  it('reserves every line: reserved_qty up, projected_qty down by the same amount, actual_qty untouched', async () => {
    const res = await reserve([
      { item_code: 'RSV-B', warehouse: east, qty: 1 },
      { item_code: 'RSV-A', warehouse: east, qty: '3.25' },
    ]).expect(200);
    expect(res.body.message).toEqual([
      { item_code: 'RSV-B', warehouse: east, reserved_qty: 1, projected_qty: 3 },
      { item_code: 'RSV-A', warehouse: east, reserved_qty: 3.25, projected_qty: 6.75 },
    ]);
    expect(await m.bin('RSV-A', east)).toEqual({ actual_qty: 10, reserved_qty: 3.25, projected_qty: 6.75 });
    expect(await m.bin('RSV-B', east)).toEqual({ actual_qty: 4, reserved_qty: 1, projected_qty: 3 });
  });

  it('refuses a request whose second line exceeds the projected quantity, and reserves nothing of it', async () => {
    const before = [await m.bin('RSV-A', west), await m.bin('RSV-B', east)];
    const res = await reserve([
      { item_code: 'RSV-A', warehouse: west, qty: 2 },
      { item_code: 'RSV-B', warehouse: east, qty: 5 },
    ]).expect(417);
    expect(res.body.exc_type).toBe('ValidationError');
    expect(res.body.exception).toContain(`5 units of Item RSV-B needed in Warehouse ${east} to reserve, but its projected quantity is 3.`);
    expect([await m.bin('RSV-A', west), await m.bin('RSV-B', east)]).toEqual(before);
  });

  it('refuses a line on an item and warehouse without a Bin: its projected quantity is 0', async () => {
    const res = await reserve([{ item_code: 'RSV-A', warehouse: empty, qty: 1 }]).expect(417);
    expect(res.body.exception).toContain(`1 units of Item RSV-A needed in Warehouse ${empty} to reserve, but its projected quantity is 0.`);
    expect(await m.bin('RSV-A', empty)).toEqual({ actual_qty: 0, reserved_qty: 0, projected_qty: 0 });
  });

  it('checks two lines of one item and warehouse together', async () => {
    const res = await reserve([
      { item_code: 'RSV-A', warehouse: west, qty: '1.5' },
      { item_code: 'RSV-A', warehouse: west, qty: '1.5' },
    ]).expect(417);
    expect(res.body.exception).toContain('3 units of Item RSV-A');
    expect(await m.bin('RSV-A', west)).toEqual({ actual_qty: 2.5, reserved_qty: 0, projected_qty: 2.5 });
  });

  it('releases what was reserved, and refuses to release more than is reserved (nothing partial)', async () => {
    await reserve([{ item_code: 'RSV-A', warehouse: west, qty: 2 }]).expect(200);
    const over = await release([
      { item_code: 'RSV-A', warehouse: west, qty: 1 },
      { item_code: 'RSV-B', warehouse: east, qty: 2 },
    ]).expect(417);
    expect(over.body.exception).toContain(`Cannot release 2 units of Item RSV-B in Warehouse ${east}: only 1 reserved.`);
    expect(await m.bin('RSV-A', west)).toEqual({ actual_qty: 2.5, reserved_qty: 2, projected_qty: 0.5 });
    await release([{ item_code: 'RSV-A', warehouse: west, qty: 2 }]).expect(200);
    expect(await m.bin('RSV-A', west)).toEqual({ actual_qty: 2.5, reserved_qty: 0, projected_qty: 2.5 });
  });

  it.each([
    ['a zero quantity', [{ item_code: 'RSV-A', warehouse: east, qty: 0 }], 'Row #1: Qty must be greater than 0'],
    ['a negative quantity', [{ item_code: 'RSV-A', warehouse: east, qty: -1 }], 'Row #1: Qty must be greater than 0'],
    ['a quantity that is not a number', [{ item_code: 'RSV-A', warehouse: east, qty: 'lots' }], 'Row #1: Qty must be a number'],
    ['more than 9 decimal places', [{ item_code: 'RSV-A', warehouse: east, qty: '0.0000000001' }], 'Row #1: Qty has more than 9 decimal places'],
    ['a line without a warehouse', [{ item_code: 'RSV-A', qty: 1 }], 'Row #1: Warehouse is required'],
    ['no lines', [], 'Give at least one line'],
  ])('refuses %s with a 417', async (_what, items, message) => {
    const before = await m.bin('RSV-A', east);
    const res = await reserve(items).expect(417);
    expect(res.body.exception).toContain(message);
    expect(await m.bin('RSV-A', east)).toEqual(before);
  });

  it('lets Sales Managers reserve and refuses Stock and Sales Users (403)', async () => {
    const line = [{ item_code: 'RSV-A', warehouse: west, qty: 1 }];
    await reserve(line, await t.token(demoUserEmail('Sales Manager'))).expect(200);
    await release(line, await t.token(demoUserEmail('Stock Manager'))).expect(200);
    for (const role of ['Stock User', 'Sales User']) {
      const res = await reserve(line, await t.token(demoUserEmail(role))).expect(403);
      expect(res.body.exc_type).toBe('PermissionError');
    }
    await t.http.post(RESERVE).send({ items: line }).expect(403);
    expect(await m.bin('RSV-A', west)).toEqual({ actual_qty: 2.5, reserved_qty: 0, projected_qty: 2.5 });
  });

  describe('validate_stock', () => {
    it('answers whether one warehouse covers the quantity, for guests too', async () => {
      const yes = await t.http.get(VALIDATE).query({ item_code: 'RSV-A', qty: '2.5', warehouse: west }).expect(200);
      expect(yes.body.message).toEqual({ item_code: 'RSV-A', warehouse: west, qty: 2.5, projected_qty: 2.5, available: true });
      const no = await t.http.get(VALIDATE).query({ item_code: 'RSV-A', qty: '2.51', warehouse: west }).expect(200);
      expect(no.body.message).toMatchObject({ projected_qty: 2.5, available: false });
    });

    it('sums the projected quantity over all Bins of the item without a warehouse (reservations count)', async () => {
      const auth = await t.token('customer1@demo.docket');
      const res = await t.http.get(VALIDATE).query({ item_code: 'RSV-A', qty: 9 }).set('Authorization', auth).expect(200);
      // east 10 - 3.25 reserved, west 2.5
      expect(res.body.message).toEqual({ item_code: 'RSV-A', warehouse: null, qty: 9, projected_qty: 9.25, available: true });
      const none = await t.http.get(VALIDATE).query({ item_code: 'RSV-A', qty: 1, warehouse: empty }).expect(200);
      expect(none.body.message).toMatchObject({ projected_qty: 0, available: false });
    });

    it('refuses bad input with a 417, and an unknown item or one not on sale (for a guest) with a 404', async () => {
      for (const qty of ['0', '-2', 'x']) {
        const res = await t.http.get(VALIDATE).query({ item_code: 'RSV-A', qty }).expect(417);
        expect(res.body.exception).toMatch(/qty must be (a number|greater than 0)/);
      }
      await t.http.get(VALIDATE).query({ qty: 1 }).expect(417);
      await t.http.get(VALIDATE).query({ item_code: 'NO-SUCH-ITEM', qty: 1 }).expect(404);
      // an item that is not on sale does not exist for a guest; staff see it
      await t.http.get(VALIDATE).query({ item_code: 'RSV-B', qty: 1 }).expect(404);
      await t.http.get(VALIDATE).query({ item_code: 'RSV-B', qty: 1 }).set('Authorization', admin).expect(200);
    });
  });

  (onMariaDb() ? it : it.skip)('100 concurrent reservations of 1 against a projected 30: exactly 30 succeed', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => reserve([{ item_code: 'RSV-HOT', warehouse: east, qty: 1 }])));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    const refused = replies.filter((r) => r.status !== 200);
    expect(new Set(refused.map((r) => r.status))).toEqual(new Set([417]));
    expect(refused[0].body.exception).toContain('units of Item RSV-HOT needed');
    expect(await m.bin('RSV-HOT', east)).toEqual({ actual_qty: 30, reserved_qty: 30, projected_qty: 0 });
  });
});
