import { choosePriceListRate, type ItemPriceRow, type PriceQuery } from '../../src/domain/pricing';

const row = (over: Partial<ItemPriceRow> & { name: string; price_list_rate: number | string }): ItemPriceRow => ({
  item_code: 'T-SHIRT',
  price_list: 'Standard Selling',
  uom: 'Nos',
  customer: null,
  currency: 'EUR',
  valid_from: null,
  valid_upto: null,
  ...over,
});

const query: PriceQuery = {
  item_code: 'T-SHIRT',
  price_list: 'Standard Selling',
  uom: 'Nos',
  stock_uom: 'Nos',
  conversion_factor: 1,
  qty: 1,
  transaction_date: '2026-06-15',
};

const pick = (prices: ItemPriceRow[], q: Partial<PriceQuery> = {}) => {
  const r = choosePriceListRate(prices, { ...query, ...q });
  return r && { rate: r.price_list_rate.toFixed(), item_price: r.item_price };
};

describe('choosePriceListRate', () => {
  it('takes the row of the price list and item, none for another list or item', () => {
    const prices = [row({ name: 'P1', price_list_rate: 20 }), row({ name: 'P2', price_list_rate: 30, price_list: 'Wholesale' }), row({ name: 'P3', price_list_rate: 40, item_code: 'MUG' })];
    expect(pick(prices)).toEqual({ rate: '20', item_price: 'P1' });
    expect(pick(prices, { price_list: 'Wholesale' })).toEqual({ rate: '30', item_price: 'P2' });
    expect(pick(prices, { price_list: 'Retail' })).toBeNull();
  });

  it('keeps to the validity dates (both bounds inclusive, blank open)', () => {
    const prices = [row({ name: 'OLD', price_list_rate: 18, valid_from: '2025-01-01', valid_upto: '2026-06-14' }), row({ name: 'NEW', price_list_rate: 22, valid_from: '2026-06-15' })];
    expect(pick(prices)).toEqual({ rate: '22', item_price: 'NEW' });
    expect(pick(prices, { transaction_date: '2026-06-14' })).toEqual({ rate: '18', item_price: 'OLD' });
    expect(pick(prices, { transaction_date: '2024-12-31' })).toBeNull();
  });

  it('prefers the latest valid_from when several rows are valid, whatever their order', () => {
    const prices = [row({ name: 'A', price_list_rate: 10 }), row({ name: 'B', price_list_rate: 12, valid_from: '2026-01-01' }), row({ name: 'C', price_list_rate: 11, valid_from: '2025-01-01' })];
    expect(pick(prices)).toEqual({ rate: '12', item_price: 'B' });
    expect(pick([...prices].reverse())).toEqual({ rate: '12', item_price: 'B' });
  });

  it("takes the customer's own row first, then the rows without a customer; another customer's never", () => {
    const prices = [row({ name: 'GEN', price_list_rate: 20 }), row({ name: 'ACME', price_list_rate: 17, customer: 'Acme' }), row({ name: 'BETA', price_list_rate: 15, customer: 'Beta' })];
    expect(pick(prices, { customer: 'Acme' })).toEqual({ rate: '17', item_price: 'ACME' });
    expect(pick(prices, { customer: 'Gamma' })).toEqual({ rate: '20', item_price: 'GEN' });
    expect(pick(prices)).toEqual({ rate: '20', item_price: 'GEN' });
  });

  it("takes the line's UOM first, else the stock UOM times conversion_factor", () => {
    const prices = [row({ name: 'NOS', price_list_rate: '2.50' }), row({ name: 'BOX', price_list_rate: 22, uom: 'Box' })];
    expect(pick(prices, { uom: 'Box', conversion_factor: 10 })).toEqual({ rate: '22', item_price: 'BOX' });
    expect(pick([prices[0]], { uom: 'Box', conversion_factor: 10 })).toEqual({ rate: '25', item_price: 'NOS' });
    expect(pick([prices[0]], { uom: 'Box', conversion_factor: '0.5' })).toEqual({ rate: '1.25', item_price: 'NOS' });
    // a row with a blank UOM is a stock-UOM row
    expect(pick([row({ name: 'BLANK', price_list_rate: 3, uom: null })], { uom: 'Box', conversion_factor: 12 })).toEqual({ rate: '36', item_price: 'BLANK' });
    expect(pick([row({ name: 'BLANK', price_list_rate: 3, uom: null })])).toEqual({ rate: '3', item_price: 'BLANK' });
  });

  it("does not look for a customer's stock-UOM row for a line in another UOM (ERPNext's order)", () => {
    const prices = [row({ name: 'GEN-NOS', price_list_rate: 2 }), row({ name: 'ACME-NOS', price_list_rate: 1, customer: 'Acme' })];
    expect(pick(prices, { customer: 'Acme', uom: 'Box', conversion_factor: 10 })).toEqual({ rate: '20', item_price: 'GEN-NOS' });
  });

  it("gives a variant without a price its template's price, and its own when it has one", () => {
    const prices = [row({ name: 'TPL', price_list_rate: 20 })];
    expect(pick(prices, { item_code: 'T-SHIRT-RED-M', variant_of: 'T-SHIRT' })).toEqual({ rate: '20', item_price: 'TPL' });
    const own = [...prices, row({ name: 'VAR', item_code: 'T-SHIRT-RED-M', price_list_rate: 24 })];
    expect(pick(own, { item_code: 'T-SHIRT-RED-M', variant_of: 'T-SHIRT' })).toEqual({ rate: '24', item_price: 'VAR' });
    expect(pick(prices, { item_code: 'T-SHIRT-RED-M' })).toBeNull();
  });

  it('keeps decimals exact', () => {
    expect(pick([row({ name: 'P', price_list_rate: '0.1' })], { uom: 'Box', conversion_factor: 3 })).toEqual({ rate: '0.3', item_price: 'P' });
  });
});
