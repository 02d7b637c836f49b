import fc from 'fast-check';
import { DocketError, ValidationError } from '../../src/kernel/errors/errors';
import { Money } from '../../src/kernel/money/decimal';
import { InvalidItemAttributeValueError, ItemAttributeIncrementError, ItemVariantExistsError } from '../../src/domain/catalog/errors';
import { checkAttributeEdit, pythonTitle, validateAttributeDefinition } from '../../src/domain/catalog/attributes';
import { COPIED_FIELDS, defaultVariantSettingsFields, NEVER_COPIED, variantCopiedFields } from '../../src/domain/catalog/variant-fields';
import {
  assertNoExisting,
  assertWithinCap,
  AttributeDefinition,
  buildVariant,
  combinations,
  countCombinations,
  DEFAULT_VARIANT_CAP,
  findExisting,
  numericValueFits,
  planMultipleVariants,
  SYNC_VARIANT_LIMIT,
  TemplateItem,
  templateChanges,
  validateArgs,
  variantCode,
  variantDescription,
  variantName,
} from '../../src/domain/catalog/variants';
import { Item } from '../../src/doctypes/stock/item/item.doctype';

/** ERPNext's Item Attribute test records (Test Size, Test Colour) and test_item.py's numeric attribute. */
const TEST_SIZE: AttributeDefinition = {
  attribute_name: 'Test Size',
  item_attribute_values: [
    { attribute_value: 'Extra Small', abbr: 'XSL' },
    { attribute_value: 'Small', abbr: 'S' },
    { attribute_value: 'Medium', abbr: 'M' },
    { attribute_value: 'Large', abbr: 'L' },
    { attribute_value: 'Extra Large', abbr: 'XL' },
    { attribute_value: '2XL', abbr: '2XL' },
  ],
};
const TEST_COLOUR: AttributeDefinition = {
  attribute_name: 'Test Colour',
  item_attribute_values: [
    { attribute_value: 'Red', abbr: 'RED' },
    { attribute_value: 'Blue', abbr: 'BLUE' },
    { attribute_value: 'Green', abbr: 'GREEN' },
  ],
};
const TEST_LENGTH: AttributeDefinition = { attribute_name: 'Test Item Length', numeric_values: 1, from_range: 0, to_range: 100, increment: 0.5 };
const defs = new Map([TEST_SIZE, TEST_COLOUR, TEST_LENGTH].map((d) => [d.attribute_name, d]));

/** test_item.py's "_Test Variant Item" template. */
const variantItem = (): TemplateItem => ({
  item_code: '_Test Variant Item',
  item_name: '_Test Variant Item',
  description: '_Test Variant Item',
  item_group: '_Test Item Group Desktops',
  stock_uom: '_Test UOM',
  is_stock_item: 1,
  has_variants: 1,
  variant_based_on: 'Item Attribute',
  valuation_rate: new Money('12.5'),
  standard_rate: new Money(100),
  opening_stock: 10,
  image: '/files/t.png',
  published_in_website: 1,
  weight_per_unit: new Money('0.25'),
  weight_uom: 'Kg',
  uoms: [{ name: 'row-1', parent: '_Test Variant Item', parenttype: 'Item', parentfield: 'uoms', idx: 1, uom: 'Box', conversion_factor: new Money(12) }],
  attributes: [{ attribute: 'Test Size' }],
});

/** test_make_item_variant_with_numeric_values' "_Test Numeric Template Item". */
const numericItem = (): TemplateItem => ({
  item_code: '_Test Numeric Template Item',
  item_name: '_Test Numeric Template Item',
  description: '_Test Numeric Template Item',
  item_group: 'Products',
  stock_uom: '_Test UOM',
  has_variants: 1,
  attributes: [{ attribute: 'Test Size' }, { attribute: 'Test Item Length', numeric_values: 1, from_range: 0, to_range: 100, increment: 0.5 }],
});

const shirt = (): TemplateItem => ({
  item_code: 'SHIRT',
  item_name: 'Shirt',
  description: 'A shirt',
  item_group: 'Apparel',
  stock_uom: 'Nos',
  has_variants: 1,
  attributes: [{ attribute: 'Test Size' }, { attribute: 'Test Colour' }],
});

const thrown = (fn: () => unknown): DocketError => {
  try {
    fn();
  } catch (e) {
    return e as DocketError;
  }
  throw new Error('expected an error');
};

describe('validateArgs (validate_item_variant_attributes)', () => {
  it('returns the values keyed by the template attribute names, in the template order', () => {
    expect(validateArgs(shirt(), defs, { 'Test Colour': 'Red', 'Test Size': 'Large' })).toEqual({ 'Test Size': 'Large', 'Test Colour': 'Red' });
    expect(Object.keys(validateArgs(shirt(), defs, { 'Test Colour': 'Red', 'Test Size': 'Large' }))).toEqual(['Test Size', 'Test Colour']);
  });

  it('matches attribute names ignoring case, as ERPNext lowercases them', () => {
    expect(validateArgs(shirt(), defs, { 'test size': 'Small', 'TEST COLOUR': 'Blue' })).toEqual({ 'Test Size': 'Small', 'Test Colour': 'Blue' });
  });

  it('refuses a value not in the attribute list, with ERPNext message and InvalidItemAttributeValueError', () => {
    const e = thrown(() => validateArgs(shirt(), defs, { 'Test Size': 'Large', 'Test Colour': 'Purple' }));
    expect(e).toBeInstanceOf(InvalidItemAttributeValueError);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('Purple is not a valid Value for Attribute Test Colour of Item SHIRT.');
    expect(e.excType).toBe('InvalidItemAttributeValueError');
    expect(e.httpStatus).toBe(417);
  });

  it('compares listed values exactly (case matters, as in ERPNext)', () => {
    expect(() => validateArgs(shirt(), defs, { 'Test Size': 'large', 'Test Colour': 'Red' })).toThrow(InvalidItemAttributeValueError);
  });

  it('names the item given in the options (ERPNext names the variant being saved)', () => {
    expect(() => validateArgs(shirt(), defs, { 'Test Size': 'Huge', 'Test Colour': 'Red' }, { item: 'SHIRT-NEW' })).toThrow(
      'Huge is not a valid Value for Attribute Test Size of Item SHIRT-NEW.',
    );
  });

  it('refuses an attribute the template does not have', () => {
    const e = thrown(() => validateArgs(shirt(), defs, { 'Test Size': 'Large', 'Test Colour': 'Red', Material: 'Cotton' }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('Attribute Material is not an attribute of Item SHIRT');
  });

  it('requires every template attribute (missing or blank)', () => {
    expect(() => validateArgs(shirt(), defs, { 'Test Size': 'Large' })).toThrow(new ValidationError('Please specify Attribute Value for attribute Test Colour'));
    expect(() => validateArgs(shirt(), defs, { 'Test Size': 'Large', 'Test Colour': '  ' })).toThrow(
      new ValidationError('Please specify Attribute Value for attribute Test Colour'),
    );
  });

  it('refuses empty args (get_variant)', () => {
    expect(() => validateArgs(shirt(), defs, {})).toThrow(new ValidationError('Please specify at least one attribute in the Attributes table'));
  });

  it('refuses a template without has_variants, without attributes, with an attribute twice or an unknown attribute definition', () => {
    expect(() => validateArgs({ ...shirt(), has_variants: 0 }, defs, { 'Test Size': 'Large' })).toThrow(ValidationError);
    expect(() => validateArgs({ ...shirt(), attributes: [] }, defs, { 'Test Size': 'Large' })).toThrow(new ValidationError('Attribute table is mandatory'));
    expect(() => validateArgs({ ...shirt(), attributes: [{ attribute: 'Test Size' }, { attribute: 'Test Size' }] }, defs, { 'Test Size': 'Large' })).toThrow(
      new ValidationError('Attribute Test Size selected multiple times in Attributes Table'),
    );
    expect(() => validateArgs({ ...shirt(), attributes: [{ attribute: 'Fabric' }] }, defs, { Fabric: 'Silk' })).toThrow(new ValidationError('Item Attribute Fabric not found'));
  });

  it('test_item_attribute_change_after_variant: once Large is removed from Test Size, a Large variant is refused', () => {
    expect(validateArgs(variantItem(), defs, { 'Test Size': 'Large' })).toEqual({ 'Test Size': 'Large' });
    const emptied = new Map(defs).set('Test Size', { ...TEST_SIZE, item_attribute_values: [] });
    expect(() => validateArgs(variantItem(), emptied, { 'Test Size': 'Large' })).toThrow(InvalidItemAttributeValueError);
  });
});

describe('numeric attributes (validate_is_incremental), exact', () => {
  const range = 'Value for Attribute Test Item Length must be within the range of 0.0 to 100.0 in the increments of 0.5 for Item _Test Numeric Template Item';

  it('test_make_item_variant_with_numeric_values: 1.1 is refused, 1.5 gives _Test Numeric Template Item-L-1.5', () => {
    const e = thrown(() => variantCode(numericItem(), defs, { 'Test Size': 'Large', 'Test Item Length': 1.1 }));
    expect(e).toBeInstanceOf(InvalidItemAttributeValueError);
    expect(e.message).toBe(range);
    expect(variantCode(numericItem(), defs, { 'Test Size': 'Large', 'Test Item Length': 1.5 })).toBe('_Test Numeric Template Item-L-1.5');
  });

  it('0.5 steps: 1.5 ok, 1.25 refused; both ends included; outside refused', () => {
    const ok = (v: number | string) => validateArgs(numericItem(), defs, { 'Test Size': 'Small', 'Test Item Length': v });
    expect(ok(1.5)).toEqual({ 'Test Size': 'Small', 'Test Item Length': '1.5' });
    for (const v of [0, 100, '99.5', '0.50']) expect(() => ok(v)).not.toThrow();
    for (const v of [1.25, 100.5, -0.5, '1.0000001']) expect(() => ok(v)).toThrow(range);
  });

  it('refuses a value that is not a number', () => {
    expect(() => validateArgs(numericItem(), defs, { 'Test Size': 'Small', 'Test Item Length': 'long' })).toThrow(InvalidItemAttributeValueError);
    expect(() => validateArgs(numericItem(), defs, { 'Test Size': 'Small', 'Test Item Length': '1.5cm' })).toThrow(InvalidItemAttributeValueError);
  });

  it('is exact where a float remainder is not (0.1 steps: 0.3 and 0.7 are steps)', () => {
    const tenths: TemplateItem = { ...numericItem(), attributes: [{ attribute: 'Test Item Length', numeric_values: 1, from_range: '0', to_range: '1', increment: '0.1' }] };
    expect(0.3 % 0.1).not.toBe(0); // what a float remainder says
    for (const v of ['0.3', 0.7, '1']) expect(() => validateArgs(tenths, defs, { 'Test Item Length': v })).not.toThrow();
    expect(() => validateArgs(tenths, defs, { 'Test Item Length': '0.35' })).toThrow(
      'Value for Attribute Test Item Length must be within the range of 0.0 to 1.0 in the increments of 0.1 for Item _Test Numeric Template Item',
    );
  });

  it('counts steps from from_range, not from 0', () => {
    const odd: TemplateItem = { ...numericItem(), attributes: [{ attribute: 'Test Item Length', numeric_values: 1, from_range: 1, to_range: 9, increment: 2 }] };
    expect(() => validateArgs(odd, defs, { 'Test Item Length': 3 })).not.toThrow();
    expect(() => validateArgs(odd, defs, { 'Test Item Length': 4 })).toThrow(InvalidItemAttributeValueError);
  });

  it('takes the range from the attribute definition when the template row has none', () => {
    const bare: TemplateItem = { ...numericItem(), attributes: [{ attribute: 'Test Item Length' }] };
    expect(() => validateArgs(bare, defs, { 'Test Item Length': 2.5 })).not.toThrow();
    expect(() => validateArgs(bare, defs, { 'Test Item Length': 2.25 })).toThrow(InvalidItemAttributeValueError);
  });

  it('refuses a zero increment', () => {
    const zero: TemplateItem = { ...numericItem(), attributes: [{ attribute: 'Test Item Length', numeric_values: 1, from_range: 0, to_range: 10, increment: 0 }] };
    expect(() => validateArgs(zero, new Map([['Test Item Length', { ...TEST_LENGTH, increment: 0 }]]), { 'Test Item Length': 1 })).toThrow(
      new ValidationError('Increment for Attribute Test Item Length cannot be 0'),
    );
  });
});

describe('variantCode and variantName (make_variant_item_code)', () => {
  it('test_make_item_variant: _Test Variant Item + Large gives _Test Variant Item-L', () => {
    expect(variantCode(variantItem(), defs, { 'Test Size': 'Large' })).toBe('_Test Variant Item-L');
    expect(variantName(variantItem(), defs, { 'Test Size': 'Large' })).toBe('_Test Variant Item-L');
  });

  it("uses the abbreviations in the template's attribute order, whatever the order of the args", () => {
    expect(variantCode(shirt(), defs, { 'Test Colour': 'Blue', 'Test Size': 'Extra Large' })).toBe('SHIRT-XL-BLUE');
    const reversed = { ...shirt(), attributes: [{ attribute: 'Test Colour' }, { attribute: 'Test Size' }] };
    expect(variantCode(reversed, defs, { 'Test Size': 'Extra Large', 'Test Colour': 'Blue' })).toBe('SHIRT-BLUE-XL');
  });

  it("builds item_name from the template's item_name with the same parts (not ' - ' and values)", () => {
    expect(variantName(shirt(), defs, { 'Test Size': 'Small', 'Test Colour': 'Green' })).toBe('Shirt-S-GREEN');
    expect(variantName({ ...shirt(), item_name: '' }, defs, { 'Test Size': 'Small', 'Test Colour': 'Green' })).toBe('SHIRT-S-GREEN');
  });

  it('writes a numeric value as given', () => {
    expect(variantCode(numericItem(), defs, { 'Test Size': 'Large', 'Test Item Length': '2.50' })).toBe('_Test Numeric Template Item-L-2.50');
    expect(variantCode(numericItem(), defs, { 'Test Size': 'Large', 'Test Item Length': 3 })).toBe('_Test Numeric Template Item-L-3');
  });
});

describe('combinations (create_multiple_variants) and the cap', () => {
  it('gives the cartesian product in template order, the last attribute changing fastest', () => {
    const out = combinations(shirt(), defs, { 'Test Colour': ['Red', 'Blue'], 'Test Size': ['Small', 'Medium', 'Large'] });
    expect(out).toEqual([
      { 'Test Size': 'Small', 'Test Colour': 'Red' },
      { 'Test Size': 'Small', 'Test Colour': 'Blue' },
      { 'Test Size': 'Medium', 'Test Colour': 'Red' },
      { 'Test Size': 'Medium', 'Test Colour': 'Blue' },
      { 'Test Size': 'Large', 'Test Colour': 'Red' },
      { 'Test Size': 'Large', 'Test Colour': 'Blue' },
    ]);
    expect(out.map((a) => variantCode(shirt(), defs, a))).toEqual(['SHIRT-S-RED', 'SHIRT-S-BLUE', 'SHIRT-M-RED', 'SHIRT-M-BLUE', 'SHIRT-L-RED', 'SHIRT-L-BLUE']);
  });

  it('counts a repeated value once', () => {
    expect(countCombinations({ 'Test Size': ['Small', 'Small', 'Large'], 'Test Colour': ['Red'] })).toBe(2);
    expect(countCombinations({ 'Test Size': ['Small', ' ', 'Large '], 'Test Colour': ['Red', 'Blue'] })).toBe(4);
    expect(combinations(shirt(), defs, { 'Test Size': ['Small', 'Small', 'Large'], 'Test Colour': ['Red'] })).toHaveLength(2);
  });

  it('validates every value and every attribute', () => {
    expect(() => combinations(shirt(), defs, { 'Test Size': ['Small', 'Tiny'], 'Test Colour': ['Red'] })).toThrow(
      'Tiny is not a valid Value for Attribute Test Size of Item SHIRT.',
    );
    expect(() => combinations(shirt(), defs, { 'Test Size': ['Small'] })).toThrow('Please specify Attribute Value for attribute Test Colour');
    expect(() => combinations(shirt(), defs, { 'Test Size': ['Small'], 'Test Colour': [] })).toThrow('Please specify Attribute Value for attribute Test Colour');
    expect(() => combinations(shirt(), defs, { 'Test Size': ['Small'], 'Test Colour': ['Red'], Fit: ['Slim'] })).toThrow('Attribute Fit is not an attribute of Item SHIRT');
    expect(() => combinations(numericItem(), defs, { 'Test Size': ['Small'], 'Test Item Length': [1, 1.25] })).toThrow(InvalidItemAttributeValueError);
    expect(() => combinations(shirt(), defs, {})).toThrow('Please specify at least one attribute in the Attributes table');
  });

  it('refuses more variants than the cap (default 500), naming the count and the cap', () => {
    expect(DEFAULT_VARIANT_CAP).toBe(500);
    const many = { 'Test Item Length': Array.from({ length: 200 }, (_, i) => i / 2), 'Test Size': ['Small', 'Medium', 'Large', 'Extra Large', '2XL', 'Extra Small'] };
    expect(countCombinations(many)).toBe(1200);
    const e = thrown(() => combinations(numericItem(), defs, many));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('This would create 1200 variants; at most 500 can be created in one call');
  });

  it('allows exactly the cap, takes a configured cap, and refuses before validating or building', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => i / 2);
    expect(combinations(numericItem(), defs, { 'Test Size': ['Small', 'Medium', 'Large', 'Extra Large', '2XL'], 'Test Item Length': lengths })).toHaveLength(500);
    expect(() => combinations(shirt(), defs, { 'Test Size': ['Small', 'Large'], 'Test Colour': ['Red', 'Blue'] }, { cap: 3 })).toThrow(
      'This would create 4 variants; at most 3 can be created in one call',
    );
    // a billion combinations of invalid values: refused on the count, at once
    const huge = Array.from({ length: 1000 }, (_, i) => `v${i}`);
    const t0 = Date.now();
    expect(() => combinations(shirt(), defs, { 'Test Size': huge, 'Test Colour': huge })).toThrow('This would create 1000000 variants; at most 500 can be created in one call');
    expect(countCombinations({ a: huge, b: huge, c: huge })).toBe(1e9);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(() => assertWithinCap(501)).toThrow(ValidationError);
    expect(() => assertWithinCap(500)).not.toThrow();
    expect(countCombinations({})).toBe(0);
    expect(SYNC_VARIANT_LIMIT).toBe(10);
  });
});

describe('buildVariant (create_variant / copy_attributes_to_variant)', () => {
  it('test_make_item_variant: the unsaved _Test Variant Item-L', () => {
    const v = buildVariant(variantItem(), defs, { 'Test Size': 'Large' });
    expect(v).toMatchObject({
      doctype: 'Item',
      item_code: '_Test Variant Item-L',
      item_name: '_Test Variant Item-L',
      variant_of: '_Test Variant Item',
      has_variants: 0,
      variant_based_on: 'Item Attribute',
      attributes: [{ attribute: 'Test Size', attribute_value: 'Large', variant_of: '_Test Variant Item' }],
      item_group: '_Test Item Group Desktops',
      stock_uom: '_Test UOM',
      is_stock_item: 1,
      weight_uom: 'Kg',
    });
    expect((v.weight_per_unit as Money).toFixed()).toBe('0.25');
  });

  it('does not copy the excluded fields (code, name, valuation_rate, opening_stock, standard_rate, image, website flag)', () => {
    const v = buildVariant(variantItem(), defs, { 'Test Size': 'Large' });
    for (const f of ['valuation_rate', 'opening_stock', 'standard_rate', 'image', 'published_in_website']) expect(v).not.toHaveProperty(f);
  });

  it('copies table rows deeply, without the rows identity', () => {
    const template = variantItem();
    const v = buildVariant(template, defs, { 'Test Size': 'Large' });
    const rows = v.uoms as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ uom: 'Box', parentfield: 'uoms', idx: 1 });
    expect(rows[0]).not.toHaveProperty('name');
    expect(rows[0]).not.toHaveProperty('parent');
    rows[0].uom = 'Carton';
    expect((template.uoms as Record<string, unknown>[])[0].uom).toBe('Box');
  });

  it('composes the description: the template description, then "<div>Attribute: Value</div>" per attribute (or plain lines)', () => {
    const v = buildVariant(shirt(), defs, { 'Test Colour': 'Red', 'Test Size': 'Large' });
    expect(v.description).toBe('A shirt <div>Test Size: Large</div><div>Test Colour: Red</div>');
    expect(buildVariant(shirt(), defs, { 'Test Colour': 'Red', 'Test Size': 'Large' }, { descriptionFormat: 'text' }).description).toBe(
      'A shirt\nTest Size: Large\nTest Colour: Red',
    );
    expect(variantDescription(null, [{ attribute: 'Test Size', attribute_value: 'S' }])).toBe('<div>Test Size: S</div>');
  });

  it('writes numeric values as given in the rows and the code', () => {
    const v = buildVariant(numericItem(), defs, { 'Test Size': 'Large', 'Test Item Length': '1.5' });
    expect(v.item_code).toBe('_Test Numeric Template Item-L-1.5');
    expect(v.attributes).toEqual([
      { attribute: 'Test Size', attribute_value: 'Large', variant_of: '_Test Numeric Template Item' },
      { attribute: 'Test Item Length', attribute_value: '1.5', variant_of: '_Test Numeric Template Item' },
    ]);
  });

  it('test_copy_fields_from_template_to_variants: with Item Variant Settings [item_group, is_stock_item] the variant has the template values', () => {
    const fields = variantCopiedFields(Item.fields, ['item_group', 'is_stock_item']);
    expect(fields).toEqual(['item_group', 'stock_uom', 'is_stock_item', 'variant_based_on']); // mandatory fields always
    const template: TemplateItem = { ...variantItem(), item_group: '_Test Item Group D' };
    const v = buildVariant(template, defs, { 'Test Size': 'Extra Large' }, { fields });
    expect(v.item_code).toBe('_Test Variant Item-XL');
    for (const f of ['item_group', 'is_stock_item']) expect(v[f]).toEqual(template[f]);
    expect(v).not.toHaveProperty('weight_uom');
    expect(v).not.toHaveProperty('uoms');
  });

  it('never copies the identity fields even when a settings list names them', () => {
    const v = buildVariant(variantItem(), defs, { 'Test Size': 'Small' }, { fields: ['item_code', 'has_variants', 'attributes', 'valuation_rate', 'item_group'] });
    expect(v).toMatchObject({ item_code: '_Test Variant Item-S', has_variants: 0, item_group: '_Test Item Group Desktops' });
    expect(v.attributes).toEqual([{ attribute: 'Test Size', attribute_value: 'Small', variant_of: '_Test Variant Item' }]);
    expect(v).not.toHaveProperty('valuation_rate');
  });

  it('refuses invalid values like validateArgs', () => {
    expect(() => buildVariant(variantItem(), defs, { 'Test Size': 'Gigantic' })).toThrow(InvalidItemAttributeValueError);
  });
});

describe('COPIED_FIELDS (the fields a variant follows)', () => {
  it("is ERPNext's default Item Variant Settings list over Docket's Item, plus the mandatory fields and variant_based_on", () => {
    for (const f of ['item_group', 'stock_uom', 'is_stock_item', 'is_sales_item', 'uoms', 'item_defaults', 'taxes', 'end_of_life', 'weight_uom', 'variant_based_on']) {
      expect(COPIED_FIELDS).toContain(f);
    }
    for (const f of ['item_code', 'item_name', 'description', 'image', 'standard_rate', 'valuation_rate', 'has_variants', 'variant_of', 'attributes']) {
      expect(COPIED_FIELDS).not.toContain(f);
    }
    expect(new Set(COPIED_FIELDS).size).toBe(COPIED_FIELDS.length);
    for (const f of NEVER_COPIED) expect(COPIED_FIELDS).not.toContain(f);
  });

  it('leaves out no_copy and layout fields', () => {
    const fields = [
      { fieldname: 'brand', fieldtype: 'Link' },
      { fieldname: 'last_purchase_rate', fieldtype: 'Float', no_copy: 1 },
      { fieldname: 'sb', fieldtype: 'Section Break' },
      { fieldname: 'barcodes', fieldtype: 'Table' },
      { fieldname: 'website_image', fieldtype: 'Attach Image' },
    ];
    expect(defaultVariantSettingsFields(fields)).toEqual(['brand']);
  });
});

describe('templateChanges (variants follow later template changes)', () => {
  it('gives the followed fields whose value changed on the template', () => {
    const template = variantItem();
    const variant = buildVariant(template, defs, { 'Test Size': 'Large' });
    expect(templateChanges(template, variant)).toEqual({});
    const changed = { ...template, item_group: 'Laptops', weight_per_unit: new Money('0.250'), description: 'new text', standard_rate: new Money(5) };
    expect(templateChanges(changed, variant)).toEqual({ item_group: 'Laptops' });
  });

  it('compares tables without row identity and decimals by value', () => {
    const template = variantItem();
    const variant = { ...buildVariant(template, defs, { 'Test Size': 'Large' }), uoms: [{ name: 'other', parent: 'V', uom: 'Box', conversion_factor: new Money('12.0'), idx: 1, parentfield: 'uoms' }] };
    expect(templateChanges(template, variant)).toEqual({});
    const more = { ...template, uoms: [...(template.uoms as object[]), { uom: 'Pallet', conversion_factor: new Money(480) }] };
    const patch = templateChanges(more, variant);
    expect(Object.keys(patch)).toEqual(['uoms']);
    expect((patch.uoms as object[])[1]).toEqual({ uom: 'Pallet', conversion_factor: new Money(480) });
  });
});

describe('findExisting (find_variant) and the duplicate refusal', () => {
  const existing = [
    { item_code: 'SHIRT-S-RED', attributes: [{ attribute: 'Test Size', attribute_value: 'Small' }, { attribute: 'Test Colour', attribute_value: 'Red' }] },
    { item_code: 'SHIRT-L-RED', attributes: [{ attribute: 'Test Colour', attribute_value: 'Red' }, { attribute: 'Test Size', attribute_value: 'Large' }] },
    { item_code: 'SHIRT-L', attributes: [{ attribute: 'Test Size', attribute_value: 'Large' }] },
  ];

  it('finds the variant with exactly these values, whatever the row order', () => {
    expect(findExisting({ 'Test Size': 'Large', 'Test Colour': 'Red' }, existing)?.item_code).toBe('SHIRT-L-RED');
    expect(findExisting({ 'Test Size': 'Large' }, existing)?.item_code).toBe('SHIRT-L');
    expect(findExisting({ 'Test Size': 'Large', 'Test Colour': 'Blue' }, existing)).toBeUndefined();
    expect(findExisting({ 'Test Size': 'Medium' }, existing)).toBeUndefined();
  });

  it('skips the variant being saved', () => {
    expect(findExisting({ 'Test Size': 'Large' }, existing, 'SHIRT-L')).toBeUndefined();
  });

  it('compares numeric values as text', () => {
    const withLength = [{ item_code: 'N-L-1.5', attributes: [{ attribute: 'Test Size', attribute_value: 'Large' }, { attribute: 'Test Item Length', attribute_value: '1.5' }] }];
    expect(findExisting({ 'Test Size': 'Large', 'Test Item Length': 1.5 }, withLength)?.item_code).toBe('N-L-1.5');
    expect(findExisting({ 'Test Size': 'Large', 'Test Item Length': '1.50' }, withLength)).toBeUndefined();
  });

  it('test_make_item_variant: making _Test Variant Item Large again raises ItemVariantExistsError', () => {
    const first = buildVariant(variantItem(), defs, { 'Test Size': 'Large' });
    expect(() => assertNoExisting({ 'Test Size': 'Large' }, [])).not.toThrow();
    const e = thrown(() => assertNoExisting({ 'Test Size': 'Large' }, [first], '_Test Variant Item-L-duplicate'));
    expect(e).toBeInstanceOf(ItemVariantExistsError);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.excType).toBe('ItemVariantExistsError');
    expect(e.message).toBe('Item variant _Test Variant Item-L exists with same attributes');
  });
});

describe('planMultipleVariants (enqueue_multiple_variant_creation)', () => {
  it('skips the combinations that exist, builds the others, and says when ERPNext would use a job', () => {
    const have = [buildVariant(shirt(), defs, { 'Test Size': 'Small', 'Test Colour': 'Red' })];
    const plan = planMultipleVariants(shirt(), defs, { 'Test Size': ['Small', 'Large'], 'Test Colour': ['Red', 'Blue'] }, have);
    expect(plan.total).toBe(4);
    expect(plan.background).toBe(false);
    expect(plan.existing).toEqual(['SHIRT-S-RED']);
    expect(plan.create.map((v) => v.item_code)).toEqual(['SHIRT-S-BLUE', 'SHIRT-L-RED', 'SHIRT-L-BLUE']);
    const ten = planMultipleVariants(shirt(), defs, { 'Test Size': ['Extra Small', 'Small', 'Medium', 'Large', 'Extra Large'], 'Test Colour': ['Red', 'Blue'] }, []);
    expect(ten.total).toBe(10);
    expect(ten.background).toBe(true);
  });

  it('applies the cap to every combination asked for', () => {
    expect(() => planMultipleVariants(shirt(), defs, { 'Test Size': ['Small', 'Large'], 'Test Colour': ['Red', 'Blue'] }, [], { cap: 2 })).toThrow(
      'This would create 4 variants; at most 2 can be created in one call',
    );
  });
});

describe('Item Attribute rules (item_attribute.py)', () => {
  it('validate_numeric: a range, from below to, a non-zero increment; listed values dropped', () => {
    expect(validateAttributeDefinition({ ...TEST_LENGTH, item_attribute_values: [{ attribute_value: 'x', abbr: 'x' }] }).item_attribute_values).toEqual([]);
    expect(() => validateAttributeDefinition({ ...TEST_LENGTH, to_range: null })).toThrow(new ValidationError('Please specify from/to range'));
    expect(() => validateAttributeDefinition({ ...TEST_LENGTH, from_range: 100, to_range: 100 })).toThrow(new ValidationError('From Range has to be less than To Range'));
    const e = thrown(() => validateAttributeDefinition({ ...TEST_LENGTH, increment: '0.000' }));
    expect(e).toBeInstanceOf(ItemAttributeIncrementError);
    expect(e.message).toBe('Increment cannot be 0');
    expect(validateAttributeDefinition({ ...TEST_COLOUR, from_range: 3, increment: 1 })).toMatchObject({ from_range: 0, to_range: 0, increment: 0 });
  });

  it('validate_duplication: values and abbreviations once each, ignoring case (named title-cased)', () => {
    const dup = (rows: { attribute_value: string; abbr: string }[]) => () => validateAttributeDefinition({ attribute_name: 'Test Size', item_attribute_values: rows });
    expect(dup([{ attribute_value: 'extra large', abbr: 'XL' }, { attribute_value: 'Extra Large', abbr: 'XL2' }])).toThrow(
      new ValidationError('Attribute value: Extra Large must appear only once'),
    );
    expect(dup([{ attribute_value: 'Large', abbr: 'xl' }, { attribute_value: 'Larger', abbr: 'XL' }])).toThrow(new ValidationError('Abbreviation: Xl must appear only once'));
    expect(pythonTitle('2xl size-s')).toBe('2Xl Size-S');
  });

  it('test_item_attribute_change_after_variant: emptying Test Size while _Test Variant Item-L uses Large raises InvalidItemAttributeValueError', () => {
    const uses = [{ item_code: '_Test Variant Item-L', attribute_value: 'Large' }];
    expect(() => checkAttributeEdit(TEST_SIZE, uses)).not.toThrow();
    const e = thrown(() => checkAttributeEdit({ ...TEST_SIZE, item_attribute_values: [] }, uses));
    expect(e).toBeInstanceOf(InvalidItemAttributeValueError);
    expect(e.message).toBe(
      'The value Large is already assigned to an existing Item _Test Variant Item-L. To still proceed with editing this Attribute Value, enable Allow Rename Attribute Value in Item Variant Settings.',
    );
    expect(() => checkAttributeEdit({ ...TEST_SIZE, item_attribute_values: [] }, uses, { allowRename: true })).not.toThrow();
    expect(() => checkAttributeEdit({ ...TEST_SIZE, item_attribute_values: [] }, [])).not.toThrow();
  });

  it('a numeric edit must keep the variants values in range and on a step; numeric_values cannot switch while used', () => {
    const uses = [{ item_code: 'ROD-1.5', attribute_value: '1.5' }];
    expect(() => checkAttributeEdit({ ...TEST_LENGTH, increment: 0.25 }, uses)).not.toThrow();
    expect(() => checkAttributeEdit({ ...TEST_LENGTH, increment: 1 }, uses)).toThrow(
      'Value for Attribute Test Item Length must be within the range of 0.0 to 100.0 in the increments of 1.0 for Item ROD-1.5',
    );
    expect(() => checkAttributeEdit({ ...TEST_LENGTH, from_range: 2 }, uses)).toThrow(InvalidItemAttributeValueError);
    expect(() => checkAttributeEdit({ ...TEST_COLOUR }, [{ item_code: 'X-RED', attribute_value: 'Red' }], { previousNumeric: 1 })).toThrow(
      new ValidationError('Numeric Values cannot be changed for Attribute Test Colour as it is used in variants'),
    );
  });

  it('numericValueFits is exact and refuses a zero increment', () => {
    expect(numericValueFits({ from_range: '0.1', to_range: '0.9', increment: '0.2' }, '0.7')).toBe(true);
    expect(numericValueFits({ from_range: '0.1', to_range: '0.9', increment: '0.2' }, '0.8')).toBe(false);
    expect(numericValueFits({ from_range: 0, to_range: 1, increment: 0 }, 0)).toBe(false);
  });
});

describe('properties', () => {
  /** 1 to 4 listed attributes, each with 1 to 6 distinct values and distinct abbreviations. */
  const setup = fc
    .array(fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{0,5}$/), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 })
    .chain((valueLists) => fc.record({ valueLists: fc.constant(valueLists), picks: fc.tuple(...valueLists.map((vs) => fc.subarray(vs, { minLength: 1 }))) }));

  it('the count is the product of the value counts; combinations are that many, valid, in template order, with unique codes', () => {
    fc.assert(
      fc.property(setup, ({ valueLists, picks }) => {
        const attrDefs = new Map<string, AttributeDefinition>();
        const template: TemplateItem = { item_code: 'T', item_name: 'T', has_variants: 1, attributes: [] };
        valueLists.forEach((values, i) => {
          const name = `Attr ${i}`;
          attrDefs.set(name, { attribute_name: name, item_attribute_values: values.map((v, j) => ({ attribute_value: v, abbr: `${v.toUpperCase()}${j}` })) });
          (template.attributes as { attribute: string }[]).push({ attribute: name });
        });
        // args given in reverse order of the template's attributes
        const args: Record<string, string[]> = {};
        for (let i = picks.length - 1; i >= 0; i--) args[`Attr ${i}`] = picks[i];
        const expected = picks.reduce((n, p) => n * p.length, 1);
        expect(countCombinations(args)).toBe(expected);
        const combos = combinations(template, attrDefs, args, { cap: 10_000 });
        expect(combos).toHaveLength(expected);
        const codes = combos.map((c) => variantCode(template, attrDefs, c));
        expect(new Set(codes).size).toBe(expected);
        for (const c of combos) expect(Object.keys(c)).toEqual(valueLists.map((_, i) => `Attr ${i}`));
      }),
      { numRuns: 200 },
    );
  });
});
