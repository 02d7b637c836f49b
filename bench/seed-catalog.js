'use strict';
// A storefront catalogue for load tests (issue 10): 10,000 templates × 5 variants = 50,000 variants.
//   node bench/seed-catalog.js [mariadb://root:@127.0.0.1:3306/docket_bench_shop]
// (alone: migrates, seeds the demo data, starts Docket once for the API part, then writes the rows).
//
// Through the API (a running Docket, Administrator token): the "Bench Catalog" Item Group with 20
// leaf groups under it, 25 Brands and 2 Item Attributes ("Bench Colour", 10 values; "Bench Size",
// 5 values). Then straight into MariaDB with INSERT … SELECT over the sequence engine (the API
// would take far too long for 60,000 items):
//   - 10,000 template Items (has_variants 1) and 50,000 variants (variant_of, one size each, the
//     colour picked by a hash), all enabled stock items, end_of_life 2099-12-31;
//   - their Item Variant Attribute rows (templates: the attribute only; variants: its value);
//   - an Item Price per variant in "Standard Selling" (no customer, no valid_from);
//   - a published Website Item per template (unique route, ranking 0…99, warehouse Stores - DD);
//   - a Bin in Stores - DD for about 80 % of the variants (actual_qty = projected_qty > 0).
// The demo data (`seed-demo`) must be in the database: its warehouse, UOM and price list are used.
// The storefront's cache is not told of these writes: restart Docket afterwards.

const mysql = require('mysql2/promise');
const { fetchJson, mariadbOptions } = require('./lib');

const TEMPLATES = 10_000;
const VARIANTS = 5;
const GROUPS = 20;
const BRANDS = 25;
const PREFIX = 'BSC-';
const ROOT_GROUP = 'Bench Catalog';
const WAREHOUSE = 'Stores - DD';
const PRICE_LIST = 'Standard Selling';
const UOM = 'Nos';
const COLOURS = ['Red', 'Blue', 'Green', 'Black', 'White', 'Grey', 'Navy', 'Yellow', 'Orange', 'Purple'];
const COLOUR_ABBRS = ['RED', 'BLU', 'GRN', 'BLK', 'WHT', 'GRY', 'NVY', 'YLW', 'ORG', 'PRP'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const COLOUR_ATTR = 'Bench Colour';
const SIZE_ATTR = 'Bench Size';
const BATCH = 2_000;

const groupName = (k) => `Bench Group ${String(k + 1).padStart(2, '0')}`;
const brandName = (k) => `Bench Brand ${String(k + 1).padStart(2, '0')}`;

/** The masters, through the API: item groups, brands, the two attributes. Skips what exists already. */
async function createMasters(url, auth) {
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  const exists = async (doctype, name) => {
    const res = await fetch(`${url}/api/resource/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}`, { headers, signal: AbortSignal.timeout(30_000) });
    await res.text();
    return res.ok;
  };
  const post = async (doctype, doc, name) => {
    if (await exists(doctype, name)) return;
    await fetchJson(`${url}/api/resource/${encodeURIComponent(doctype)}`, { method: 'POST', headers, body: JSON.stringify(doc) });
  };
  await post('Item Group', { item_group_name: ROOT_GROUP, parent_item_group: 'All Item Groups', is_group: 1 }, ROOT_GROUP);
  for (let k = 0; k < GROUPS; k++) await post('Item Group', { item_group_name: groupName(k), parent_item_group: ROOT_GROUP, is_group: 0 }, groupName(k));
  for (let k = 0; k < BRANDS; k++) await post('Brand', { brand: brandName(k) }, brandName(k));
  await post('Item Attribute', { attribute_name: COLOUR_ATTR, item_attribute_values: COLOURS.map((v, k) => ({ attribute_value: v, abbr: COLOUR_ABBRS[k] })) }, COLOUR_ATTR);
  await post('Item Attribute', { attribute_name: SIZE_ATTR, item_attribute_values: SIZES.map((v) => ({ attribute_value: v, abbr: v })) }, SIZE_ATTR);
}

/** Whether the database already holds exactly this catalogue. */
async function hasCatalog(dbUrl) {
  let conn;
  try {
    conn = await mysql.createConnection(mariadbOptions(dbUrl));
  } catch {
    return false;
  }
  try {
    const [[it]] = await conn.query('SELECT COUNT(*) AS n FROM `tabItem` WHERE name LIKE ?', [`${PREFIX}%`]);
    const [[wi]] = await conn.query('SELECT COUNT(*) AS n FROM `tabWebsite Item` WHERE item_code LIKE ?', [`${PREFIX}%`]);
    return Number(it.n) === TEMPLATES * (VARIANTS + 1) && Number(wi.n) === TEMPLATES;
  } catch {
    return false;
  } finally {
    await conn.end();
  }
}

/**
 * The rows, straight into the tables (the masters must exist). Template t (0-based) is
 * BSC-<t+1, 5 digits>; its variant k has size k and colour (t + 3k) mod 10, code
 * <template>-<colour abbr>-<size>. Returns the time taken in ms.
 */
async function writeRows(dbUrl) {
  const conn = await mysql.createConnection({ ...mariadbOptions(dbUrl), multipleStatements: false });
  const t0 = Date.now();
  try {
    for (const t of ['tabBin', 'tabItem Price', 'tabWebsite Item']) await conn.query(`DELETE FROM \`${t}\` WHERE item_code LIKE ?`, [`${PREFIX}%`]);
    await conn.query("DELETE FROM `tabItem Variant Attribute` WHERE parenttype = 'Item' AND parent LIKE ?", [`${PREFIX}%`]);
    await conn.query('DELETE FROM `tabItem` WHERE name LIKE ?', [`${PREFIX}%`]);

    for (const t of ['bench_colour', 'bench_size', 'bench_group', 'bench_brand']) await conn.query(`DROP TEMPORARY TABLE IF EXISTS ${t}`);
    await conn.query('CREATE TEMPORARY TABLE bench_colour (k INT PRIMARY KEY, value VARCHAR(140), abbr VARCHAR(140))');
    await conn.query('CREATE TEMPORARY TABLE bench_size (k INT PRIMARY KEY, value VARCHAR(140), abbr VARCHAR(140))');
    await conn.query('CREATE TEMPORARY TABLE bench_group (k INT PRIMARY KEY, name VARCHAR(140))');
    await conn.query('CREATE TEMPORARY TABLE bench_brand (k INT PRIMARY KEY, name VARCHAR(140))');
    await conn.query('INSERT INTO bench_colour VALUES ?', [COLOURS.map((v, k) => [k, v, COLOUR_ABBRS[k]])]);
    await conn.query('INSERT INTO bench_size VALUES ?', [SIZES.map((v, k) => [k, v, v])]);
    await conn.query('INSERT INTO bench_group VALUES ?', [Array.from({ length: GROUPS }, (_, k) => [k, groupName(k)])]);
    await conn.query('INSERT INTO bench_brand VALUES ?', [Array.from({ length: BRANDS }, (_, k) => [k, brandName(k)])]);

    const code = (t) => `CONCAT('${PREFIX}', LPAD(${t} + 1, 5, '0'))`;
    // one creation time per template, 1 s apart, so "newest first" has a stable order
    const created = (t) => `TIMESTAMP('2026-01-01 00:00:00') + INTERVAL ${t} SECOND`;
    const meta = (t) => `'Administrator', ${created(t)}, ${created(t)}, 'Administrator', 0`;
    const itemCols =
      'name, owner, creation, modified, modified_by, docstatus, idx, item_code, item_name, item_group, stock_uom, disabled, is_stock_item, is_sales_item, ' +
      'is_purchase_item, has_variants, variant_of, variant_based_on, brand, valuation_rate, standard_rate, description, allow_negative_stock, has_batch_no, ' +
      'has_serial_no, end_of_life, weight_per_unit, max_discount';
    const templates = (from, to) =>
      `SELECT s.seq AS t, ${code('s.seq')} AS code, CONCAT('Bench Product ', LPAD(s.seq + 1, 5, '0')) AS title, g.name AS grp, b.name AS brand ` +
      `FROM seq_${from}_to_${to} s JOIN bench_group g ON g.k = (s.seq * 7) % ${GROUPS} JOIN bench_brand b ON b.k = (s.seq * 13) % ${BRANDS}`;
    const variants = (from, to) =>
      `SELECT p.t, p.code AS template, p.title, p.grp, p.brand, v.seq AS k, CONCAT(p.code, '-', c.abbr, '-', z.abbr) AS code, c.value AS colour, z.value AS size ` +
      `FROM (${templates(from, to)}) p JOIN seq_0_to_${VARIANTS - 1} v JOIN bench_colour c ON c.k = (p.t + 3 * v.seq) % ${COLOURS.length} JOIN bench_size z ON z.k = v.seq`;

    for (let from = 0; from < TEMPLATES; from += BATCH) {
      const to = Math.min(TEMPLATES, from + BATCH) - 1;
      await conn.query(
        `INSERT INTO \`tabItem\` (${itemCols}) SELECT x.code, ${meta('x.t')}, 0, x.code, x.title, x.grp, '${UOM}', 0, 1, 1, 1, 1, NULL, 'Item Attribute', x.brand, 0, 0, ` +
          `CONCAT('A bench product in ', x.grp), 0, 0, 0, '2099-12-31', 0, 0 FROM (${templates(from, to)}) x`,
      );
      await conn.query(
        `INSERT INTO \`tabItem\` (${itemCols}) SELECT x.code, ${meta('x.t')}, 0, x.code, CONCAT(x.title, ' ', x.colour, ' ', x.size), x.grp, '${UOM}', 0, 1, 1, 1, 0, x.template, ` +
          `'Item Attribute', x.brand, 0, 0, CONCAT(x.title, ' in ', x.colour, ', size ', x.size), 0, 0, 0, '2099-12-31', 0, 0 FROM (${variants(from, to)}) x`,
      );
      const ivaCols = 'name, owner, creation, modified, modified_by, docstatus, idx, parent, parentfield, parenttype, variant_of, attribute, attribute_value, numeric_values, from_range, increment, to_range';
      for (const [idx, attr, col] of [
        [1, COLOUR_ATTR, 'colour'],
        [2, SIZE_ATTR, 'size'],
      ]) {
        await conn.query(
          `INSERT INTO \`tabItem Variant Attribute\` (${ivaCols}) SELECT CONCAT(x.code, '-A${idx}'), ${meta('x.t')}, ${idx}, x.code, 'attributes', 'Item', NULL, ?, NULL, 0, 0, 0, 0 FROM (${templates(from, to)}) x`,
          [attr],
        );
        await conn.query(
          `INSERT INTO \`tabItem Variant Attribute\` (${ivaCols}) SELECT CONCAT(x.code, '-A${idx}'), ${meta('x.t')}, ${idx}, x.code, 'attributes', 'Item', x.template, ?, x.${col}, 0, 0, 0, 0 FROM (${variants(from, to)}) x`,
          [attr],
        );
      }
      // price 5.00 … 154.99, a different one per variant
      await conn.query(
        'INSERT INTO `tabItem Price` (name, owner, creation, modified, modified_by, docstatus, idx, item_code, uom, item_name, brand, price_list, customer, buying, selling, currency, price_list_rate, valid_from, valid_upto) ' +
          `SELECT CONCAT('BSCP-', x.code), ${meta('x.t')}, 0, x.code, '${UOM}', CONCAT(x.title, ' ', x.colour, ' ', x.size), x.brand, '${PRICE_LIST}', NULL, 0, 1, 'USD', ` +
          `CAST(500 + (x.t * 7919 + x.k * 104729) % 15000 AS DECIMAL(21,9)) / 100, NULL, NULL FROM (${variants(from, to)}) x`,
      );
      await conn.query(
        'INSERT INTO `tabWebsite Item` (name, owner, creation, modified, modified_by, docstatus, idx, item_code, web_item_name, route, published, item_name, item_group, brand, stock_uom, ' +
          'has_variants, variant_of, website_image, website_warehouse, on_backorder, short_description, ranking) ' +
          `SELECT CONCAT('WEB-ITM-BSC-', LPAD(x.t + 1, 5, '0')), ${meta('x.t')}, 0, x.code, x.title, CONCAT('bench-product-', LPAD(x.t + 1, 5, '0')), 1, x.title, x.grp, x.brand, '${UOM}', ` +
          `1, NULL, NULL, '${WAREHOUSE}', 0, CONCAT('A bench product in ', x.grp, ' by ', x.brand), (x.t * 31) % 100 FROM (${templates(from, to)}) x`,
      );
      // stock for 8 variants in 10: 1 … 500 units
      const qty = `CAST(1 + (x.t * ${VARIANTS} + x.k) * 104729 % 500 AS DECIMAL(21,9))`;
      await conn.query(
        'INSERT INTO `tabBin` (name, owner, creation, modified, modified_by, docstatus, idx, item_code, warehouse, actual_qty, reserved_qty, ordered_qty, indented_qty, planned_qty, projected_qty, valuation_rate, stock_value, stock_uom) ' +
          `SELECT CONCAT('BSCB-', x.code), ${meta('x.t')}, 0, x.code, '${WAREHOUSE}', ${qty}, 0, 0, 0, 0, ${qty}, 10, ${qty} * 10, '${UOM}' ` +
          `FROM (${variants(from, to)}) x WHERE (x.t * ${VARIANTS} + x.k) * 7919 % 10 < 8`,
      );
      process.stdout.write(`\r  catalogue: ${to + 1} of ${TEMPLATES} templates (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    process.stdout.write('\n');
    for (const t of ['tabItem', 'tabItem Variant Attribute', 'tabItem Price', 'tabWebsite Item', 'tabBin']) await conn.query(`ANALYZE TABLE \`${t}\``);
    return Date.now() - t0;
  } finally {
    await conn.end();
  }
}

/** Masters through the API, then the rows; `url`/`auth`: a running Docket on `dbUrl`. */
async function seedCatalog({ url, auth, dbUrl }) {
  await createMasters(url, auth);
  return writeRows(dbUrl);
}

module.exports = { seedCatalog, hasCatalog, TEMPLATES, VARIANTS, PREFIX, ROOT_GROUP, GROUPS, groupName, COLOUR_ATTR, SIZE_ATTR, COLOURS, SIZES };

if (require.main === module) {
  const { adminToken, freePort, runCli, startServer } = require('./lib');
  const dbUrl = process.argv[2] || 'mariadb://root:@127.0.0.1:3306/docket_bench_shop';
  const env = { DB_URL: dbUrl, REDIS_URL: 'redis://127.0.0.1:6379/4', ADMIN_PASSWORD: 'bench-admin-pass', LOG_LEVEL: 'warn' };
  (async () => {
    runCli(['migrate'], env);
    runCli(['seed-demo'], env);
    const server = await startServer({ port: await freePort(), env });
    try {
      const ms = await seedCatalog({ url: server.url, auth: await adminToken(server.url, env.ADMIN_PASSWORD), dbUrl });
      console.log(`catalogue written in ${ms} ms`);
    } finally {
      await server.stop();
    }
  })().catch((err) => {
    console.error(err.stack ?? err);
    process.exit(1);
  });
}
