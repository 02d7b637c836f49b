import { importItems, importRows, rowSavepoints } from '../../../domain/catalog/import';
import { AttributeValue } from '../../../domain/catalog/variants';
import { DataError } from '../../../kernel/errors/errors';
import { objectArg, stringArg } from '../list-params';
import { defineMethod, ParamDef } from '../method-registry';

/** Rows one import call may hold: they share its transaction. */
const MAX_ROWS_PER_CALL = 2_000;

const ITEM: ParamDef = { type: 'string', required: true, description: 'the template Item (has_variants 1)' };
const TEMPLATE_IMAGE: ParamDef = { type: 'boolean', description: "accepted for compatibility: a variant copies the template's image when Item copies it" };

const value = (what: string, v: unknown): AttributeValue => {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new DataError(`${what} must be a string or a number`);
};

/** `{attribute: value}` (JSON), as create_variant and get_variant take it. */
function oneValueEach(raw: unknown): Record<string, AttributeValue> {
  const args = objectArg('args', raw);
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, value(`args.${k}`, v)]));
}

/** `{attribute: [values]}` (JSON), as enqueue_multiple_variant_creation takes it. */
function valueLists(raw: unknown): Record<string, AttributeValue[]> {
  const args = objectArg('args', raw);
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => {
      const list = Array.isArray(v) ? v : [v];
      return [k, list.map((x, i) => value(`args.${k}[${i}]`, x))];
    }),
  );
}

/** ERPNext's erpnext.controllers.item_variant methods, and Docket's catalogue import. */
export const CATALOG_METHODS = [
  defineMethod({
    path: 'erpnext.controllers.item_variant.create_variant',
    methods: ['GET', 'POST'],
    summary:
      "The unsaved variant of a template for one value per attribute: code TEMPLATE-ABBR1-ABBR2 (numeric values as written), the template's fields copied, attribute rows in the template's order. Refused when the values are not the template's or the combination exists",
    params: { item: ITEM, args: { type: 'object', required: true, description: '{attribute: value} (JSON)' }, use_template_image: TEMPLATE_IMAGE },
    handler: ({ ctx, args, services }) => services.variants.createVariant(ctx, stringArg('item', args.item), oneValueEach(args.args)),
  }),
  defineMethod({
    path: 'erpnext.controllers.item_variant.enqueue_multiple_variant_creation',
    methods: ['POST'],
    write: true,
    summary:
      'Creates every combination of the values that does not exist yet (the cartesian product, last attribute fastest): fewer than 10 in this request, more by a background job. Returns how many combinations were asked for; more than MAX_VARIANTS_PER_CALL (default 500) is refused',
    params: { item: ITEM, args: { type: 'object', required: true, description: '{attribute: [values]} (JSON)' }, use_template_image: TEMPLATE_IMAGE },
    handler: ({ ctx, args, services }) => services.variants.createMany(ctx, stringArg('item', args.item), valueLists(args.args)),
  }),
  defineMethod({
    path: 'erpnext.controllers.item_variant.get_variant',
    methods: ['GET', 'POST'],
    summary: "The code of the template's variant with exactly these attribute values, or null",
    params: {
      template: ITEM,
      args: { type: 'object', required: true, description: '{attribute: value} (JSON)' },
      variant: { type: 'string', description: 'accepted for compatibility (ERPNext: the variant being saved)' },
      manufacturer: { type: 'string', description: 'not supported: variants by manufacturer' },
      manufacturer_part_no: { type: 'string', description: 'not supported' },
    },
    handler: async ({ ctx, args, services }) => {
      if (args.manufacturer) throw new DataError('Variants based on Manufacturer are not supported');
      return services.variants.getVariant(ctx, stringArg('template', args.template), oneValueEach(args.args));
    },
  }),
  defineMethod({
    path: 'docket.catalog.import_items',
    methods: ['POST'],
    write: true,
    summary:
      'Loads items, templates and variants (attributes "Colour;Size" on a template, "Colour=Red:RED;Size=M" on a variant), item prices (price, price_list) and Website Items (publish, web_item_name, route…), idempotent on item_code. Each row goes in whole or is refused with its reason; at most 2,000 rows per call (the CLI `docket import items` takes any number). Returns {rows, created, updated, refused}',
    params: {
      rows: { type: 'array', description: 'the rows as JSON objects' },
      csv: { type: 'string', description: 'or the rows as CSV text with a header line' },
    },
    handler: async ({ ctx, args, services }) => {
      if ((args.rows === undefined) === (args.csv === undefined)) throw new DataError('Give either rows (JSON) or csv');
      const rows = args.csv !== undefined ? importRows(String(args.csv as string), 'csv') : importRows(JSON.stringify(args.rows), 'json');
      if (rows.length > MAX_ROWS_PER_CALL) throw new DataError(`At most ${MAX_ROWS_PER_CALL} rows per call (got ${rows.length}): use \`docket import items <file>\` for more`);
      return importItems(services.docs, rowSavepoints(ctx), rows);
    },
  }),
];
