import { ValidationError } from '../../src/kernel/errors/errors';
import { fts5Query, fullTextIndexable, fullTextMatch, fullTextRank, mariadbBooleanQuery, searchWords } from '../../src/kernel/db/full-text';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { defineDocType } from '../../src/kernel/metadata/types';

const registry = new MetaRegistry([
  defineDocType({
    name: 'Gadget',
    module: 'Tests',
    search_fields: ['gadget_name', 'blurb'],
    fields: [
      { fieldname: 'gadget_name', fieldtype: 'Data' },
      { fieldname: 'blurb', fieldtype: 'Text' },
    ],
    permissions: [],
  }),
]);
const meta = registry.get('Gadget')!;

describe('full-text search terms', () => {
  it('cuts a term into words of letters and digits, unicode aware, without repeats', () => {
    expect(searchWords('Blue  laptop-15, blue!')).toEqual(['Blue', 'laptop', '15']);
    expect(searchWords('Café Straße 東京 ٣٤')).toEqual(['Café', 'Straße', '東京', '٣٤']);
  });

  it.each([
    ["'; DROP TABLE x; --", ['DROP', 'TABLE', 'x']],
    ['+a -b', ['a', 'b']],
    ['"quoted"', ['quoted']],
    ['*', []],
    ['a* OR 1=1', ['a', '1']],
    ['NEAR(a b)', ['a', 'b']],
    ['col:word', ['col', 'word']],
    ['>x <y ~z (w) @2 ^v', ['x', 'y', 'z', 'w', '2', 'v']],
    ['not AND or', []],
    ['', []],
  ])('drops every operator of %j', (term, words) => {
    expect(searchWords(term)).toEqual(words);
  });

  it('refuses a term of more than 200 characters or 10 words with a ValidationError', () => {
    expect(() => searchWords('x'.repeat(201))).toThrow(ValidationError);
    expect(() => searchWords('x'.repeat(201))).toThrow(/at most 200 characters/);
    expect(searchWords('x'.repeat(200))).toHaveLength(1);
    expect(() => searchWords('a b c d e f g h i j k')).toThrow(/at most 10/);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(10);
  });

  it('makes each word a required prefix', () => {
    expect(mariadbBooleanQuery(['blue', 'lap'])).toBe('+blue* +lap*');
    expect(fts5Query(['blue', 'lap'])).toBe('"blue"* "lap"*');
  });

  it("knows which words MariaDB's FULLTEXT index holds", () => {
    expect(fullTextIndexable('lap')).toBe(true);
    expect(fullTextIndexable('ab')).toBe(false);
    expect(fullTextIndexable('the')).toBe(false);
    // the start of a stopword: the index holds no "with", "about", "where"
    expect(fullTextIndexable('wit')).toBe(false);
    expect(fullTextIndexable('Abou')).toBe(false);
    expect(fullTextIndexable('wher')).toBe(false);
    expect(fullTextIndexable('witn')).toBe(true);
    expect(fullTextIndexable('them')).toBe(true);
    expect(fullTextIndexable('東京都')).toBe(true);
    expect(fullTextIndexable('x'.repeat(84))).toBe(true);
    expect(fullTextIndexable('x'.repeat(85))).toBe(false);
  });

  it('compiles a condition with the term only in the parameters', () => {
    expect(fullTextMatch('sqlite', meta, 't', 'Blue lap"top')).toEqual({
      sql: 't.rowid IN (SELECT rowid FROM `tabGadget__search` WHERE `tabGadget__search` MATCH ?)',
      params: ['"Blue"* "lap"* "top"*'],
    });
    expect(fullTextMatch('mariadb', meta, 't', 'blue laptop')).toEqual({
      sql: 'MATCH(t.`gadget_name`, t.`blurb`) AGAINST (? IN BOOLEAN MODE)',
      params: ['+blue* +laptop*'],
    });
    const short = fullTextMatch('mariadb', meta, 't', 'blue 15')!;
    expect(short.sql).toBe('(MATCH(t.`gadget_name`, t.`blurb`) AGAINST (? IN BOOLEAN MODE) AND (t.`gadget_name` REGEXP ? OR t.`blurb` REGEXP ?))');
    expect(short.params).toEqual(['+blue*', '(^|[^[:alnum:]])15', '(^|[^[:alnum:]])15']);
    expect(fullTextMatch('mariadb', meta, 't', '*** OR')).toBeNull();
    expect(fullTextMatch('sqlite', meta, 't', '"" ()')).toBeNull();
  });

  it('compiles a relevance ORDER BY', () => {
    expect(fullTextRank('mariadb', meta, 't', 'blue 15')).toEqual({ sql: 'MATCH(t.`gadget_name`, t.`blurb`) AGAINST (? IN BOOLEAN MODE) DESC', params: ['+blue*'] });
    expect(fullTextRank('mariadb', meta, 't', 'ab')).toEqual({ sql: 'NULL', params: [] });
    expect(fullTextRank('sqlite', meta, 't', 'ab')?.params).toEqual(['"ab"*']);
    expect(fullTextRank('sqlite', meta, 't', '()')).toBeNull();
  });

  it('refuses an alias that is not an identifier, and a doctype without search_fields', () => {
    expect(() => fullTextMatch('sqlite', meta, 't; DROP', 'x')).toThrow();
  });

  it('refuses search_fields that are not stored text fields', () => {
    const def = (search_fields: string[]) =>
      defineDocType({ name: 'Bad', module: 'Tests', search_fields, fields: [{ fieldname: 'qty', fieldtype: 'Int' }], permissions: [] });
    expect(() => new MetaRegistry([def(['qty'])])).toThrow(/not a stored text field/);
    expect(() => new MetaRegistry([def(['nope'])])).toThrow(/not a stored text field/);
  });
});
