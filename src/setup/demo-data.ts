import { Ctx } from '../kernel/db/context';
import { DocumentService } from '../kernel/document/document.service';
import { Doc } from '../kernel/document/types';
import { seedCatalog } from './demo-catalog';
import {
  ensureRecord,
  installStandardRecords,
  recordExists,
  ROOT_CUSTOMER_GROUP,
  ROOT_ITEM_GROUP,
  ROOT_TERRITORY,
  STANDARD_SELLING,
} from './install-records';

export const DEMO_COMPANY = 'Docket Demo';
export const DEMO_ABBR = 'DD';

export interface DemoSummary {
  /** false when the demo company already existed and nothing was written */
  created: boolean;
  company: string;
  warehouses: { root: string; stores: string; finishedGoods: string; goodsInTransit: string };
  /** item codes, stock items first */
  items: string[];
  /** Customer document names (CUST-YYYY-#####), in DEMO_CUSTOMERS order */
  customers: string[];
}

const wh = (name: string) => `${name} - ${DEMO_ABBR}`;
const WAREHOUSES = {
  root: wh('All Warehouses'),
  stores: wh('Stores'),
  finishedGoods: wh('Finished Goods'),
  goodsInTransit: wh('Goods In Transit'),
};

/** Regional warehouses, each fulfilling the orders of one territory (Warehouse.territory). */
const REGIONAL = [
  { warehouse_name: 'US Fulfilment', territory: 'United States', opening: 40 },
  { warehouse_name: 'UK Fulfilment', territory: 'United Kingdom', opening: 15 },
];
/** Opening quantity of every stock item in Stores. */
const STORES_OPENING = 100;

interface DemoItem {
  item_code: string;
  item_name: string;
  item_group: string;
  stock_uom: string;
  is_stock_item: 0 | 1;
  standard_rate: string;
  valuation_rate?: string;
  /** extra units: [uom, stock units per uom] */
  uoms?: [string, string][];
}

const ITEMS: DemoItem[] = [
  { item_code: 'HEADPHONES-WL', item_name: 'Wireless Headphones', item_group: 'Electronics', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '129.00', valuation_rate: '62.50' },
  { item_code: 'SPEAKER-BT', item_name: 'Bluetooth Speaker', item_group: 'Electronics', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '79.99', valuation_rate: '35.20' },
  { item_code: 'CHARGER-65W', item_name: 'USB-C Charger 65W', item_group: 'Electronics', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '39.50', valuation_rate: '14.75' },
  { item_code: 'CABLE-USBC-2M', item_name: 'USB-C Cable 2 m', item_group: 'Electronics', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '12.99', valuation_rate: '3.10', uoms: [['Box', '10']] },
  { item_code: 'TSHIRT-ORG', item_name: 'Organic Cotton T-Shirt', item_group: 'Apparel', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '24.00', valuation_rate: '8.40' },
  { item_code: 'HOODIE-FLC', item_name: 'Fleece Hoodie', item_group: 'Apparel', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '59.00', valuation_rate: '21.00' },
  { item_code: 'CAP-BASE', item_name: 'Baseball Cap', item_group: 'Apparel', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '19.50', valuation_rate: '5.25' },
  { item_code: 'MUG-CER', item_name: 'Ceramic Mug', item_group: 'Home & Kitchen', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '14.00', valuation_rate: '4.60', uoms: [['Box', '6']] },
  { item_code: 'KETTLE-EL', item_name: 'Electric Kettle', item_group: 'Home & Kitchen', stock_uom: 'Nos', is_stock_item: 1, standard_rate: '45.00', valuation_rate: '19.90' },
  { item_code: 'COFFEE-BEANS', item_name: 'Coffee Beans', item_group: 'Home & Kitchen', stock_uom: 'Kg', is_stock_item: 1, standard_rate: '28.00', valuation_rate: '11.30' },
  { item_code: 'GIFT-WRAP', item_name: 'Gift Wrapping', item_group: 'Services', stock_uom: 'Nos', is_stock_item: 0, standard_rate: '5.00' },
  { item_code: 'WARRANTY-1Y', item_name: 'Extended Warranty (1 year)', item_group: 'Services', stock_uom: 'Nos', is_stock_item: 0, standard_rate: '29.00' },
  { item_code: 'SETUP-SVC', item_name: 'Installation Service', item_group: 'Services', stock_uom: 'Hour', is_stock_item: 0, standard_rate: '60.00' },
];

interface DemoCustomer {
  customer_name: string;
  customer_type: 'Company' | 'Individual' | 'Partnership';
  customer_group: string;
  territory: string;
  address: { address_line1: string; city: string; state?: string; pincode: string; country: string };
  contact: { first_name: string; last_name: string; email: string; phone: string };
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    customer_name: 'Acme Corporation',
    customer_type: 'Company',
    customer_group: 'Commercial',
    territory: 'United States',
    address: { address_line1: '350 Fifth Avenue', city: 'New York', state: 'NY', pincode: '10118', country: 'United States' },
    contact: { first_name: 'Jane', last_name: 'Doe', email: 'jane.doe@acme.example.com', phone: '+1 212 555 0142' },
  },
  {
    customer_name: 'Globex Limited',
    customer_type: 'Company',
    customer_group: 'Commercial',
    territory: 'United Kingdom',
    address: { address_line1: '12 Market Street', city: 'London', pincode: 'EC1A 1BB', country: 'United Kingdom' },
    contact: { first_name: 'Oliver', last_name: 'Smith', email: 'oliver.smith@globex.example.com', phone: '+44 20 7946 0958' },
  },
  {
    customer_name: 'Initech Partners',
    customer_type: 'Partnership',
    customer_group: 'Commercial',
    territory: 'India',
    address: { address_line1: '42 MG Road', city: 'Bengaluru', state: 'Karnataka', pincode: '560001', country: 'India' },
    contact: { first_name: 'Priya', last_name: 'Sharma', email: 'priya.sharma@initech.example.com', phone: '+91 80 5550 1234' },
  },
  {
    customer_name: 'Alice Johnson',
    customer_type: 'Individual',
    customer_group: 'Individual',
    territory: 'United States',
    address: { address_line1: '1600 Elm Street', city: 'Springfield', state: 'IL', pincode: '62701', country: 'United States' },
    contact: { first_name: 'Alice', last_name: 'Johnson', email: 'alice.johnson@example.com', phone: '+1 217 555 0199' },
  },
  {
    customer_name: 'Bob Martinez',
    customer_type: 'Individual',
    customer_group: 'Individual',
    territory: 'United States',
    address: { address_line1: '88 Ocean Drive', city: 'Miami', state: 'FL', pincode: '33139', country: 'United States' },
    contact: { first_name: 'Bob', last_name: 'Martinez', email: 'bob.martinez@example.com', phone: '+1 305 555 0173' },
  },
];

async function seedWarehouses(ctx: Ctx, docs: DocumentService): Promise<void> {
  await ensureRecord(ctx, docs, 'Warehouse', WAREHOUSES.root, { warehouse_name: 'All Warehouses', company: DEMO_COMPANY, is_group: 1 });
  for (const name of ['Stores', 'Finished Goods', 'Goods In Transit']) {
    await ensureRecord(ctx, docs, 'Warehouse', wh(name), { warehouse_name: name, company: DEMO_COMPANY, parent_warehouse: WAREHOUSES.root });
  }
  for (const r of REGIONAL) {
    await ensureRecord(ctx, docs, 'Warehouse', wh(r.warehouse_name), { warehouse_name: r.warehouse_name, company: DEMO_COMPANY, parent_warehouse: WAREHOUSES.root, territory: r.territory });
  }
}

/** Opening stock of every demo stock item (ERPNext's Opening Stock reconciliation), so the Bins are real. */
async function seedOpeningStock(ctx: Ctx, docs: DocumentService): Promise<void> {
  const lines = [{ warehouse: WAREHOUSES.stores, qty: STORES_OPENING }, ...REGIONAL.map((r) => ({ warehouse: wh(r.warehouse_name), qty: r.opening }))];
  await docs.insert(ctx, 'Stock Reconciliation', {
    company: DEMO_COMPANY,
    purpose: 'Opening Stock',
    docstatus: 1,
    items: ITEMS.filter((i) => i.is_stock_item).flatMap((i) => lines.map((l) => ({ item_code: i.item_code, warehouse: l.warehouse, qty: l.qty, valuation_rate: i.valuation_rate }))),
  });
}

async function seedGroups(ctx: Ctx, docs: DocumentService): Promise<void> {
  for (const name of ['Commercial', 'Individual']) {
    await ensureRecord(ctx, docs, 'Customer Group', name, { customer_group_name: name, parent_customer_group: ROOT_CUSTOMER_GROUP, default_price_list: STANDARD_SELLING });
  }
  for (const name of ['United States', 'United Kingdom', 'India', 'Rest Of The World']) {
    await ensureRecord(ctx, docs, 'Territory', name, { territory_name: name, parent_territory: ROOT_TERRITORY });
  }
  await ensureRecord(ctx, docs, 'Item Group', 'Products', { item_group_name: 'Products', parent_item_group: ROOT_ITEM_GROUP, is_group: 1 });
  for (const name of ['Electronics', 'Apparel', 'Home & Kitchen']) {
    await ensureRecord(ctx, docs, 'Item Group', name, { item_group_name: name, parent_item_group: 'Products' });
  }
  await ensureRecord(ctx, docs, 'Item Group', 'Services', { item_group_name: 'Services', parent_item_group: ROOT_ITEM_GROUP });
}

async function seedItems(ctx: Ctx, docs: DocumentService): Promise<void> {
  for (const item of ITEMS) {
    const { uoms, ...fields } = item;
    await ensureRecord(ctx, docs, 'Item', item.item_code, {
      ...fields,
      description: item.item_name,
      uoms: [{ uom: item.stock_uom, conversion_factor: '1' }, ...(uoms ?? []).map(([uom, conversion_factor]) => ({ uom, conversion_factor }))],
      item_defaults: [
        {
          company: DEMO_COMPANY,
          default_warehouse: item.is_stock_item ? WAREHOUSES.stores : null,
          default_price_list: STANDARD_SELLING,
        },
      ],
    });
  }
}

/** A customer with its billing/shipping address and primary contact, linked both ways. */
async function seedCustomer(ctx: Ctx, docs: DocumentService, c: DemoCustomer): Promise<string> {
  const customer = await docs.insert(ctx, 'Customer', {
    customer_name: c.customer_name,
    customer_type: c.customer_type,
    customer_group: c.customer_group,
    territory: c.territory,
    default_price_list: STANDARD_SELLING,
  });
  const links = [{ link_doctype: 'Customer', link_name: customer.name }];
  const address = await docs.insert(ctx, 'Address', {
    ...c.address,
    address_title: c.customer_name,
    address_type: 'Billing',
    email_id: c.contact.email,
    phone: c.contact.phone,
    is_primary_address: 1,
    is_shipping_address: 1,
    links,
  });
  const contact = await docs.insert(ctx, 'Contact', {
    first_name: c.contact.first_name,
    last_name: c.contact.last_name,
    company_name: c.customer_type === 'Individual' ? null : c.customer_name,
    email_ids: [{ email_id: c.contact.email, is_primary: 1 }],
    phone_nos: [{ phone: c.contact.phone, is_primary_phone: 1, is_primary_mobile_no: 1 }],
    is_primary_contact: 1,
    links,
  });
  await docs.update(ctx, 'Customer', customer.name, { customer_primary_address: address.name, customer_primary_contact: contact.name });
  return customer.name;
}

async function demoCustomerNames(ctx: Ctx): Promise<string[]> {
  const names: string[] = [];
  for (const c of DEMO_CUSTOMERS) {
    const [row] = await ctx.db.query<{ name: string }>('SELECT name FROM `tabCustomer` WHERE customer_name = ? ORDER BY creation LIMIT 1', [c.customer_name]);
    if (row) names.push(row.name);
  }
  return names;
}

/** The demo's tax configuration: a default VAT template, a Tax Rule choosing it, a Net Total shipping rule free above 500. */
async function seedTaxConfig(ctx: Ctx, docs: DocumentService): Promise<void> {
  const vat = `VAT - ${DEMO_ABBR}`;
  await docs.insert(ctx, 'Sales Taxes and Charges Template', {
    title: 'VAT',
    company: DEMO_COMPANY,
    is_default: 1,
    taxes: [{ charge_type: 'On Net Total', account_head: vat, description: 'VAT 10%', rate: 10, cost_center: `Main - ${DEMO_ABBR}` }],
  });
  await docs.insert(ctx, 'Tax Rule', { tax_type: 'Sales', sales_tax_template: vat, company: DEMO_COMPANY, use_for_shopping_cart: 1, priority: 1 });
  await docs.insert(ctx, 'Shipping Rule', {
    label: 'Standard Shipping',
    company: DEMO_COMPANY,
    shipping_rule_type: 'Selling',
    account: `Freight and Forwarding Charges - ${DEMO_ABBR}`,
    cost_center: `Main - ${DEMO_ABBR}`,
    calculate_based_on: 'Net Total',
    conditions: [
      { from_value: 0, to_value: 100, shipping_amount: 10 },
      { from_value: 100.01, to_value: 500, shipping_amount: 5 },
      { from_value: 500.01, shipping_amount: 0 },
    ],
  });
}

/**
 * A few submitted invoices (taxes from the VAT Tax Rule, one with the shipping rule) and payments
 * against them (one paid in full, one in part, one left unpaid), so the books are not empty.
 */
async function seedBooks(ctx: Ctx, docs: DocumentService, customers: string[]): Promise<void> {
  const invoice = (customer: string, items: [string, number][], extra: Record<string, unknown> = {}) =>
    docs.insert(ctx, 'Sales Invoice', {
      company: DEMO_COMPANY,
      customer,
      docstatus: 1,
      items: items.map(([item_code, qty]) => ({ item_code, qty, rate: ITEMS.find((i) => i.item_code === item_code)!.standard_rate })),
      ...extra,
    });
  const pay = (inv: Doc, amount: string) =>
    docs.insert(ctx, 'Payment Entry', {
      company: DEMO_COMPANY,
      payment_type: 'Receive',
      party_type: 'Customer',
      party: inv.customer,
      paid_from: inv.debit_to,
      paid_to: `Cash - ${DEMO_ABBR}`,
      paid_amount: amount,
      received_amount: amount,
      references: [{ reference_doctype: 'Sales Invoice', reference_name: inv.name, allocated_amount: amount }],
      docstatus: 1,
    });
  const paid = await invoice(customers[0], [['HEADPHONES-WL', 2], ['CHARGER-65W', 3]]);
  await pay(paid, String(paid.outstanding_amount));
  const partly = await invoice(customers[1], [['MUG-CER', 12], ['GIFT-WRAP', 1]], { shipping_rule: 'Standard Shipping' });
  await pay(partly, '100');
  await invoice(customers[3], [['HOODIE-FLC', 1]]);
}

/**
 * The demo company "Docket Demo" (DD) with its warehouse tree (two regional warehouses mapped
 * to territories), catalogue (stock items and services) with opening stock, customer groups,
 * territories and five customers with address and contact, and the shop (brands, templates with
 * variants, prices, Website Items, a pricing rule and a coupon: src/setup/demo-catalog.ts).
 * Skips everything when the demo company exists. The caller runs it as the system (Database.runAsSystem).
 */
export async function seedDemo(ctx: Ctx, docs: DocumentService): Promise<DemoSummary> {
  const summary = (created: boolean, customers: string[]): DemoSummary => ({
    created,
    company: DEMO_COMPANY,
    warehouses: WAREHOUSES,
    items: ITEMS.map((i) => i.item_code),
    customers,
  });
  if (await recordExists(ctx, 'Company', DEMO_COMPANY)) return summary(false, await demoCustomerNames(ctx));
  await installStandardRecords(ctx, docs);
  await docs.insert(ctx, 'Company', { company_name: DEMO_COMPANY, abbr: DEMO_ABBR, default_currency: 'USD', country: 'United States' });
  await seedGroups(ctx, docs);
  await seedWarehouses(ctx, docs);
  await docs.update(ctx, 'Company', DEMO_COMPANY, { default_in_transit_warehouse: WAREHOUSES.goodsInTransit });
  await seedItems(ctx, docs);
  await seedOpeningStock(ctx, docs);
  const variants = await seedCatalog(ctx, docs, ITEMS.filter((i) => i.item_group !== 'Services'), WAREHOUSES.stores);
  await docs.insert(ctx, 'Stock Reconciliation', {
    company: DEMO_COMPANY,
    purpose: 'Opening Stock',
    docstatus: 1,
    items: variants.map((v) => ({ item_code: v.item_code, warehouse: WAREHOUSES.stores, qty: v.qty, valuation_rate: v.valuation_rate })),
  });
  await seedTaxConfig(ctx, docs);
  const customers: string[] = [];
  for (const c of DEMO_CUSTOMERS) customers.push(await seedCustomer(ctx, docs, c));
  await seedBooks(ctx, docs, customers);
  return summary(true, customers);
}
