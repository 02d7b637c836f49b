import { Queryable } from '../../kernel/db/context';
import { wireNumber, Money } from '../../kernel/money/decimal';
import { decimalSql } from '../stock/reports/decimal-sql';
import { buyableWays, limited, ProductFilter, productWhere, ShopContext } from './product-query';

export interface FacetValue {
  value: string;
  count: number;
}

export interface ProductFacets {
  /** attribute → values carried by a buyable variant of the matching products, with how many products carry each */
  attributes: { attribute: string; values: FacetValue[] }[];
  brands: FacetValue[];
  item_groups: FacetValue[];
  /** the lowest and highest product price (price list rate) among the matching products */
  price: { min: number | null; max: number | null };
  total: number;
}

/**
 * Facet counts of the products a filter leaves: for each attribute value, brand and item
 * group, how many of them it would keep. A facet's own selection is left out of its counts
 * (choosing "Red" still shows how many products come in Blue), the other selections apply.
 * Four statements whatever the catalogue's size, and one more per selected attribute.
 */
export async function productFacets(db: Queryable, shop: ShopContext, filter: ProductFilter): Promise<ProductFacets> {
  const d = decimalSql(shop.engine);
  const all = productWhere(shop, filter);
  const attributeCounts = async (): Promise<ProductFacets['attributes']> => {
    // Grouped per attribute so that a selected attribute's counts ignore its own selection.
    const selected = Object.keys(filter.attributes ?? {}).filter((a) => filter.attributes?.[a]?.length);
    const groups: { only: string | null; where: ReturnType<typeof productWhere> }[] = [
      { only: null, where: all },
      ...selected.map((a) => ({ only: a, where: productWhere(shop, { ...filter, attributes: { ...filter.attributes, [a]: [] } }) })),
    ];
    // One SELECT per way an item belongs to a product (each served by its index), summed:
    // a product takes one way only, so the sum of the distinct counts is the distinct count.
    const rows = await Promise.all(
      groups.map(({ only, where }) => {
        const facetOf = only === null ? (selected.length ? ` AND a.attribute NOT IN (${selected.map(() => '?').join(', ')})` : '') : ' AND a.attribute = ?';
        const facetParams = only === null ? selected : [only];
        const ways = buyableWays('v').map(
          (way) =>
            `SELECT a.attribute AS attribute, a.attribute_value AS value, COUNT(DISTINCT wi.name) AS n ${where.from} ` +
            `JOIN \`tabItem\` v ON ${way} JOIN \`tabItem Variant Attribute\` a ON a.parent = v.name AND a.parenttype = 'Item' ` +
            `WHERE ${where.where}${facetOf} GROUP BY a.attribute, a.attribute_value`,
        );
        return db.query<{ attribute: string; value: string; n: number | string }>(
          limited(shop, `SELECT u.attribute AS attribute, u.value AS value, SUM(u.n) AS n FROM (${ways.join(' UNION ALL ')}) u GROUP BY u.attribute, u.value ORDER BY u.attribute, u.value`),
          ways.flatMap(() => [shop.today, ...where.params, ...facetParams]),
        );
      }),
    );
    const byAttribute = new Map<string, FacetValue[]>();
    for (const r of rows.flat()) {
      const list = byAttribute.get(r.attribute) ?? [];
      list.push({ value: r.value, count: Number(r.n) });
      byAttribute.set(r.attribute, list);
    }
    return [...byAttribute].sort(([a], [b]) => a.localeCompare(b)).map(([attribute, values]) => ({ attribute, values }));
  };
  const countBy = async (column: 'brand' | 'item_group', own: ProductFilter): Promise<FacetValue[]> => {
    const where = productWhere(shop, own);
    const rows = await db.query<{ value: string; n: number | string }>(
      limited(shop, `SELECT wi.${column} AS value, COUNT(*) AS n ${where.from} WHERE ${where.where} AND wi.${column} IS NOT NULL AND wi.${column} <> '' GROUP BY wi.${column} ORDER BY wi.${column}`),
      where.params,
    );
    return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  };
  const priceRange = async () => {
    const [row] = await db.query<{ lo: unknown; hi: unknown; n: number | string }>(
      limited(shop, `SELECT ${d.min('p.price')} AS lo, ${d.max('p.price')} AS hi, COUNT(*) AS n FROM (SELECT ${all.minPrice} AS price ${all.from} WHERE ${all.where}) p`),
      [...all.priceParams, ...all.params],
    );
    const wire = (v: unknown) => (v === null || v === undefined ? null : wireNumber(new Money(String(v as string))) as number);
    return { min: wire(row?.lo), max: wire(row?.hi), total: Number(row?.n ?? 0) };
  };
  const [attributes, brands, item_groups, price] = await Promise.all([
    attributeCounts(),
    countBy('brand', { ...filter, brands: [] }),
    countBy('item_group', { ...filter, item_group: null }),
    priceRange(),
  ]);
  return { attributes, brands, item_groups, price: { min: price.min, max: price.max }, total: price.total };
}
