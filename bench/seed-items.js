'use strict';
// Inserts N Items straight into MariaDB (`tabItem`), in batches, for load tests.
//   node bench/seed-items.js <count> [mariadb://root:@127.0.0.1:3306/docket_bench]
// The database must already be migrated (start Docket on it once, or `node dist/cli.js migrate`).
// Rows are BENCH-ITEM-00001…; names that already exist are left as they are.

const mysql = require('mysql2/promise');
const { mariadbOptions } = require('./lib');

const BATCH_SIZE = 1000;
const PREFIX = 'BENCH-ITEM-';

/**
 * The columns written. Item's mandatory fields are item_code, item_group and stock_uom; Check
 * fields (disabled, is_sales_item, …) and decimals have column defaults from the doctype;
 * end_of_life's default ('2099-12-31') is applied by the document layer, so it is written here.
 */
const COLUMNS = [
  'name', 'item_code', 'item_name', 'item_group', 'stock_uom', 'is_stock_item', 'end_of_life',
  'owner', 'modified_by', 'creation', 'modified', 'docstatus', 'idx',
];

/** The item code of the i-th seeded item (1-based). */
function itemCode(i, count) {
  return `${PREFIX}${String(i).padStart(Math.max(5, String(count).length), '0')}`;
}

/** UTC 'YYYY-MM-DD HH:MM:SS.ffffff' (Docket's connections use UTC and DATETIME(6)). */
function sqlDatetime(date) {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}

async function seedItems(dbUrl, count) {
  const conn = await mysql.createConnection(mariadbOptions(dbUrl));
  try {
    const [tables] = await conn.query("SHOW TABLES LIKE 'tabItem'");
    if (!tables.length) throw new Error(`${dbUrl} has no tabItem: migrate it first (start Docket on it once)`);
    // One creation time per row, 1 ms apart, so "newest first" lists have a stable order.
    const start = Date.now() - count;
    let inserted = 0;
    for (let from = 1; from <= count; from += BATCH_SIZE) {
      const rows = [];
      for (let i = from; i < from + BATCH_SIZE && i <= count; i++) {
        const code = itemCode(i, count);
        const at = sqlDatetime(new Date(start + i));
        rows.push([code, code, `Bench Item ${i}`, 'Products', 'Nos', 1, '2099-12-31', 'Administrator', 'Administrator', at, at, 0, 0]);
      }
      const [result] = await conn.query(`INSERT IGNORE INTO \`tabItem\` (${COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows]);
      inserted += result.affectedRows;
    }
    return { inserted, names: Array.from({ length: count }, (_, k) => itemCode(k + 1, count)) };
  } finally {
    await conn.end();
  }
}

module.exports = { seedItems };

if (require.main === module) {
  const count = Number(process.argv[2]);
  const dbUrl = process.argv[3] ?? 'mariadb://root:@127.0.0.1:3306/docket_bench';
  if (!Number.isInteger(count) || count < 1) {
    console.error('usage: node bench/seed-items.js <count> [mariadb://user:pass@host:3306/db]');
    process.exit(2);
  }
  const t0 = Date.now();
  seedItems(dbUrl, count).then(
    ({ inserted }) => console.log(`${inserted} of ${count} items inserted in ${Date.now() - t0} ms`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
