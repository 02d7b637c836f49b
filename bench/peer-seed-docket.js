'use strict';
// The Vendure peer's catalogue in a Docket database, for the W1/W2 comparison (issue 10):
// 300 products alternating 3 and 4 size variants (1,050 variants), stock 100,000 each in the
// website warehouse, prices as the peer's seed.js gives them (10 + (7i + 3v) mod 490 + 0.99),
// 6 category groups and 25 brands, names and routes as the peer's (bench-product-<i>).
//   node bench/peer-seed-docket.js [mariadb://root:@127.0.0.1:3306/docket_bench_shop_peer]
// Migrates, adds the demo data (company, warehouse, price list, Webshop Settings), unpublishes
// the demo products (the peer lists its 300 only), creates the masters through the API and
// writes the items straight into MariaDB.

const mysql = require('mysql2/promise');
const { adminToken, fetchJson, freePort, mariadbOptions, resetStores, runCli, startServer } = require('./lib');

const DB_URL = process.argv[2] || 'mariadb://root:@127.0.0.1:3306/docket_bench_shop_peer';
const REDIS_URL = 'redis://127.0.0.1:6379/5';
const ADMIN_PASSWORD = 'bench-admin-pass';
const N_PRODUCTS = 300;
const STOCK = 100_000;
const SIZES = ['S', 'M', 'L', 'XL'];
const ATTR = 'Peer Size';
const ADJ = ['Classic', 'Modern', 'Compact', 'Deluxe', 'Rugged', 'Smart', 'Eco', 'Pro', 'Ultra', 'Mini'];
const NOUN = ['Lamp', 'Chair', 'Camera', 'Laptop', 'Shoe', 'Racket', 'Tent', 'Planter', 'Desk', 'Bag', 'Jacket', 'Speaker'];
const CATEGORIES = [
  ['Peer Electronics', 'Peer Computers'],
  ['Peer Electronics', 'Peer Photo'],
  ['Peer Home & Garden', 'Peer Furniture'],
  ['Peer Home & Garden', 'Peer Plants'],
  ['Peer Sports & Outdoor', 'Peer Equipment'],
  ['Peer Sports & Outdoor', 'Peer Footwear'],
];
const WAREHOUSE = 'Stores - DD';
const SERVER_ENV = { DB_URL, REDIS_URL, ADMIN_PASSWORD, LOG_LEVEL: 'warn' };

async function masters(url, auth) {
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  const post = (doctype, doc) => fetchJson(`${url}/api/resource/${encodeURIComponent(doctype)}`, { method: 'POST', headers, body: JSON.stringify(doc) });
  await post('Item Group', { item_group_name: 'Peer Catalog', parent_item_group: 'All Item Groups', is_group: 1 });
  for (const parent of [...new Set(CATEGORIES.map((c) => c[0]))]) await post('Item Group', { item_group_name: parent, parent_item_group: 'Peer Catalog', is_group: 1 });
  for (const [parent, leaf] of CATEGORIES) await post('Item Group', { item_group_name: leaf, parent_item_group: parent, is_group: 0 });
  for (let b = 0; b < 25; b++) await post('Brand', { brand: `Brand ${b}` });
  await post('Item Attribute', { attribute_name: ATTR, item_attribute_values: SIZES.map((s) => ({ attribute_value: s, abbr: s })) });
}

async function rows(conn) {
  const now = '2026-12-01 00:00:00.000000';
  const meta = ['Administrator', now, now, 'Administrator', 0, 0];
  const items = [];
  const attrs = [];
  const prices = [];
  const bins = [];
  const webItems = [];
  for (let i = 1; i <= N_PRODUCTS; i++) {
    const name = `${ADJ[i % ADJ.length]} ${NOUN[i % NOUN.length]} ${i}`;
    const template = `BENCH-${i}`;
    const group = CATEGORIES[i % CATEGORIES.length][1];
    const brand = `Brand ${i % 25}`;
    const description = `Benchmark product number ${i}. A plain description of moderate length, so that the detail query returns a realistic amount of text.`;
    const nVar = i % 2 === 0 ? 4 : 3;
    // name … idx, item_code, item_name, item_group, stock_uom, disabled, is_stock_item, is_sales_item, is_purchase_item, has_variants, variant_of, variant_based_on, brand,
    // valuation_rate, standard_rate, description, allow_negative_stock, has_batch_no, has_serial_no, end_of_life, weight_per_unit, max_discount
    items.push([template, ...meta, template, name, group, 'Nos', 0, 1, 1, 1, 1, null, 'Item Attribute', brand, 0, 0, description, 0, 0, 0, '2099-12-31', 0, 0]);
    attrs.push([`${template}-A1`, ...meta.slice(0, 5), 1, template, 'attributes', 'Item', null, ATTR, null, 0, 0, 0, 0]);
    webItems.push([`WEB-ITM-PEER-${i}`, ...meta, template, name, `bench-product-${i}`, 1, name, group, brand, 'Nos', 1, null, WAREHOUSE, 0, description, description, 0]);
    for (let v = 0; v < nVar; v++) {
      const code = `${template}-${SIZES[v]}`;
      const price = (10 + ((i * 7 + v * 3) % 490) + 0.99).toFixed(2);
      items.push([code, ...meta, code, `${name} ${SIZES[v]}`, group, 'Nos', 0, 1, 1, 1, 0, template, 'Item Attribute', brand, 0, 0, description, 0, 0, 0, '2099-12-31', 0, 0]);
      attrs.push([`${code}-A1`, ...meta.slice(0, 5), 1, code, 'attributes', 'Item', template, ATTR, SIZES[v], 0, 0, 0, 0]);
      prices.push([`PEERP-${code}`, ...meta, code, 'Nos', `${name} ${SIZES[v]}`, brand, 'Standard Selling', null, 0, 1, 'USD', price, null, null]);
      bins.push([`PEERB-${code}`, ...meta, code, WAREHOUSE, STOCK, 0, 0, 0, 0, STOCK, 10, STOCK * 10, 'Nos']);
    }
  }
  const m = 'name, owner, creation, modified, modified_by, docstatus, idx';
  await conn.query(
    `INSERT INTO \`tabItem\` (${m}, item_code, item_name, item_group, stock_uom, disabled, is_stock_item, is_sales_item, is_purchase_item, has_variants, variant_of, variant_based_on, brand, ` +
      'valuation_rate, standard_rate, description, allow_negative_stock, has_batch_no, has_serial_no, end_of_life, weight_per_unit, max_discount) VALUES ?',
    [items],
  );
  await conn.query(
    `INSERT INTO \`tabItem Variant Attribute\` (${m}, parent, parentfield, parenttype, variant_of, attribute, attribute_value, numeric_values, from_range, increment, to_range) VALUES ?`,
    [attrs],
  );
  await conn.query(`INSERT INTO \`tabItem Price\` (${m}, item_code, uom, item_name, brand, price_list, customer, buying, selling, currency, price_list_rate, valid_from, valid_upto) VALUES ?`, [prices]);
  await conn.query(
    `INSERT INTO \`tabBin\` (${m}, item_code, warehouse, actual_qty, reserved_qty, ordered_qty, indented_qty, planned_qty, projected_qty, valuation_rate, stock_value, stock_uom) VALUES ?`,
    [bins],
  );
  await conn.query(
    `INSERT INTO \`tabWebsite Item\` (${m}, item_code, web_item_name, route, published, item_name, item_group, brand, stock_uom, has_variants, variant_of, website_warehouse, on_backorder, ` +
      'short_description, web_long_description, ranking) VALUES ?',
    [webItems],
  );
  await conn.query("UPDATE `tabWebsite Item` SET published = 0 WHERE item_code NOT LIKE 'BENCH-%'");
  for (const t of ['tabItem', 'tabItem Variant Attribute', 'tabItem Price', 'tabWebsite Item', 'tabBin']) await conn.query(`ANALYZE TABLE \`${t}\``);
  return { products: webItems.length, variants: prices.length };
}

async function seedPeerCatalog() {
  await resetStores(DB_URL, REDIS_URL);
  runCli(['migrate'], SERVER_ENV);
  runCli(['seed-demo'], SERVER_ENV);
  const server = await startServer({ port: await freePort(), env: SERVER_ENV });
  try {
    await masters(server.url, await adminToken(server.url, ADMIN_PASSWORD));
  } finally {
    await server.stop();
  }
  const conn = await mysql.createConnection(mariadbOptions(DB_URL));
  try {
    return await rows(conn);
  } finally {
    await conn.end();
  }
}

module.exports = { seedPeerCatalog, DB_URL, REDIS_URL };

if (require.main === module) {
  seedPeerCatalog()
    .then((n) => console.log(`peer catalogue: ${n.products} products, ${n.variants} variants in ${DB_URL}`))
    .catch((err) => {
      console.error(err.stack ?? err);
      process.exit(1);
    });
}
