import Decimal from 'decimal.js';
import { Ctx } from '../../kernel/db/context';
import { DataError, ValidationError } from '../../kernel/errors/errors';
import { Money } from '../../kernel/money/decimal';
import { ProductFilter, PRODUCT_SORTS, ProductSort } from './product-query';
import { CATALOG, type Memo } from './storefront-cache';

/** The most products one page may hold. */
export const MAX_PRODUCTS_PER_PAGE = 100;
/** Values one filter may list (brands, values of one attribute). */
const MAX_VALUES = 50;

/** A filter as a client sends it (REST JSON or GraphQL input), before it is checked. */
export interface ProductFilterInput {
  item_group?: unknown;
  brand?: unknown;
  attributes?: unknown;
  price_min?: unknown;
  price_max?: unknown;
  in_stock?: unknown;
}

/** A search term cleaned into a SQL condition on `wi` (the kernel's full-text match), or null for none. */
export type SearchCondition = (term: string) => { sql: string; params: unknown[] } | null;

const text = (what: string, v: unknown): string => {
  if (typeof v !== 'string' || !v.trim() || v.length > 140) throw new DataError(`${what} must be a non-empty string of at most 140 characters`);
  return v.trim();
};

/** A list of strings (a single string counts as a list of one). */
function strings(what: string, v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  if (list.length > MAX_VALUES) throw new DataError(`${what}: at most ${MAX_VALUES} values`);
  return [...new Set(list.map((x) => text(what, x)))];
}

function decimal(what: string, v: unknown): Decimal | null {
  if (v === undefined || v === null || v === '') return null;
  let d: Decimal;
  try {
    d = new Money(typeof v === 'number' || typeof v === 'string' ? v : String(v as string));
  } catch {
    throw new DataError(`${what} must be a number`);
  }
  if (!d.isFinite() || d.isNeg()) throw new DataError(`${what} must be a number of at least 0`);
  return d;
}

function flag(what: string, v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0 || v === '0' || v === 'false') return false;
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  throw new DataError(`${what} must be true or false`);
}

/** Checks a client's filter against the catalogue: the group and attributes must exist (a 417 names what does not); `memo` keeps what it read. */
export async function productFilter(ctx: Ctx, memo: Memo, input: ProductFilterInput, search: string | null, searchCondition: SearchCondition): Promise<ProductFilter> {
  const filter: ProductFilter = {};
  if (input.item_group !== undefined && input.item_group !== null && input.item_group !== '') {
    const name = text('item_group', input.item_group);
    const group = await memo(`item-group|${name}`, () => ctx.asSystem((sys) => sys.getValue('Item Group', name, ['name', 'lft', 'rgt'])), CATALOG);
    if (!group) throw new ValidationError(`Item Group ${name} not found`);
    filter.item_group = { name, lft: Number(group.lft), rgt: Number(group.rgt) };
  }
  filter.brands = strings('brand', input.brand);
  if (input.attributes !== undefined && input.attributes !== null) {
    if (typeof input.attributes !== 'object' || Array.isArray(input.attributes)) throw new DataError('attributes must be an object {attribute: [values]}');
    const entries = Object.entries(input.attributes as Record<string, unknown>);
    if (entries.length > 10) throw new DataError('attributes: at most 10 attributes');
    const attributes: Record<string, string[]> = {};
    for (const [attribute, values] of entries) attributes[text('attribute', attribute)] = strings(`attributes.${attribute}`, values);
    const names = Object.keys(attributes);
    if (names.length) {
      const known = await memo(`attributes|${JSON.stringify([...names].sort())}`, () =>
        ctx.asSystem((sys) => sys.getList('Item Attribute', { filters: { name: ['in', names] }, fields: ['name'], limit: names.length })),
        CATALOG,
      );
      const missing = names.filter((n) => !known.some((k) => k.name === n));
      if (missing.length) throw new ValidationError(`Item Attribute ${missing.join(', ')} not found`);
    }
    filter.attributes = attributes;
  }
  filter.price_min = decimal('price_min', input.price_min);
  filter.price_max = decimal('price_max', input.price_max);
  if (filter.price_min && filter.price_max && filter.price_min.gt(filter.price_max)) throw new DataError('price_min cannot be greater than price_max');
  filter.in_stock = flag('in_stock', input.in_stock);
  if (search !== null && search !== undefined && search !== '') {
    if (typeof search !== 'string') throw new DataError('search must be a string');
    filter.search = searchCondition(search);
  }
  return filter;
}

export function productSort(v: unknown): ProductSort {
  if (v === undefined || v === null || v === '') return 'ranking';
  if (typeof v === 'string' && (PRODUCT_SORTS as readonly string[]).includes(v)) return v as ProductSort;
  throw new DataError(`sort must be one of ${PRODUCT_SORTS.join(', ')}`);
}

export function pageSize(v: unknown, fallback: number): number {
  if (v === undefined || v === null || v === '') return Math.min(fallback, MAX_PRODUCTS_PER_PAGE);
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PRODUCTS_PER_PAGE) throw new DataError(`page size must be a whole number from 1 to ${MAX_PRODUCTS_PER_PAGE}`);
  return n;
}

/** The quantity prices are for (default 1). */
export function productQty(v: unknown): Money {
  if (v === undefined || v === null || v === '') return new Money(1);
  const q = decimal('qty', v);
  if (!q || q.lte(0) || q.gt(1_000_000)) throw new DataError('qty must be greater than 0 and at most 1000000');
  return q;
}
