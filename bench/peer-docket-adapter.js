'use strict';
// Docket's adapter for the Vendure peer's load driver (/work/shared/peers/vendure/bench/run-bench.js),
// with the exports of its bench/adapters/vendure.js, for W1 and W2 only:
//   W1 docket.storefront.products {first: 20}: each product with its variants, their prices and stock
//   W2 docket.storefront.product {route}: the route rotates over every published product
// Run from the peer's folder (where autocannon is installed), against a Docket seeded by
// bench/peer-seed-docket.js:
//   node bench/run-bench.js --adapter /path/to/docket/bench/peer-docket-adapter.js --url http://127.0.0.1:PORT --workloads W1,W2

const LISTING = '/api/method/docket.storefront.products';
const DETAIL = '/api/method/docket.storefront.product';
const JSON_HEADERS = { 'content-type': 'application/json' };

function ok(res, what) {
  if (res.status !== 200 || !res.json || !res.json.message) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
  return res.json.message;
}

/** Every published product's route and its variants' item codes, page by page (cursor). */
async function prepare(client) {
  const slugs = [];
  const variantIds = [];
  let after = null;
  for (;;) {
    const page = ok(await client.post('prepare', LISTING, { first: 100, sort: 'name', ...(after ? { after } : {}) }), 'prepare');
    for (const p of page.items) {
      slugs.push(p.route);
      for (const v of p.variants) variantIds.push(v.item_code);
    }
    if (!page.page_info.has_next_page) break;
    after = page.page_info.end_cursor;
  }
  return { slugs, variantIds };
}

function catalogRequest() {
  return { method: 'POST', path: LISTING, headers: JSON_HEADERS, body: JSON.stringify({ first: 20 }) };
}

function detailRequest(fx, i) {
  return { method: 'POST', path: DETAIL, headers: JSON_HEADERS, body: JSON.stringify({ route: fx.slugs[i % fx.slugs.length] }) };
}

/** A W1 answer must list 20 products with priced, stock-checked variants; a W2 answer one product with them. */
function checkResponse(json) {
  const m = json && json.message;
  if (!m) throw new Error(`bad response: ${JSON.stringify(json).slice(0, 300)}`);
  const products = m.items ?? [m];
  if (m.items && m.items.length !== 20) throw new Error(`expected 20 products, got ${m.items.length}`);
  for (const p of products) {
    if (!p.variants || !p.variants.length) throw new Error(`${p.name}: no variants`);
    for (const v of p.variants) if (!v.price || v.price.rate === null || typeof v.in_stock !== 'boolean') throw new Error(`${v.item_code}: no price or stock`);
  }
}

async function unsupported() {
  throw new Error('the Docket adapter implements W1 and W2 only');
}

module.exports = { name: 'docket', path: LISTING, prepare, catalogRequest, detailRequest, checkResponse, cartSession: unsupported, checkoutSession: unsupported };
