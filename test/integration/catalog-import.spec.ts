import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootApp, demoUserEmail, freshDbUrl, TestApp } from '../harness/app';

const ROOT = join(__dirname, '..', '..');

/** docket.catalog.import_items and `docket import items`: rows in whole or refused with their reason, idempotent on item_code. */
describe('catalog import', () => {
  let t: TestApp;
  let admin: string;

  const imp = (body: Record<string, unknown>, auth = admin) => t.http.post('/api/method/docket.catalog.import_items').set('Authorization', auth).send(body);
  const get = (doctype: string, filters: Record<string, unknown>, fields = '["*"]') =>
    t.http.get(`/api/resource/${doctype}`).query({ filters: JSON.stringify(filters), fields }).set('Authorization', admin);
  const rows = (price = '30') => [
    // listed out of order on purpose: variants before their template
    { item_code: 'IMP-TEE-BLK-S', variant_of: 'IMP-TEE', attributes: 'Imp Colour=Black:BLK;Imp Size=S', price },
    { item_code: 'IMP-TEE-BLK-M', variant_of: 'IMP-TEE', attributes: 'Imp Colour=Black:BLK;Imp Size=M', price },
    { item_code: 'IMP-TEE', item_name: 'Imported Tee', item_group: 'All Item Groups', stock_uom: 'Nos', has_variants: 1, attributes: 'Imp Colour;Imp Size', publish: 1, web_item_name: 'Imported Tee', ranking: 3 },
    { item_code: 'IMP-MUG', item_name: 'Imported Mug', item_group: 'All Item Groups', stock_uom: 'Nos', price: '9.5', publish: 1 },
    { item_code: 'IMP-BAD', item_name: 'Bad', item_group: 'No Such Group', stock_uom: 'Nos', price: '1', publish: 1 },
  ];

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('imports templates, variants, prices and Website Items; a bad row is reported and nothing of it written', async () => {
    const res = await imp({ rows: rows() });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ rows: 5, created: 4, updated: 0 });
    expect(res.body.message.refused).toEqual([{ row: 5, item_code: 'IMP-BAD', reason: expect.stringMatching(/No Such Group/) }]);
    expect((await get('Item', { variant_of: 'IMP-TEE' }, '["name"]')).body.data.map((r: { name: string }) => r.name).sort()).toEqual(['IMP-TEE-BLK-M', 'IMP-TEE-BLK-S']);
    expect((await get('Item Price', { item_code: 'IMP-TEE-BLK-S' })).body.data[0]).toMatchObject({ price_list: 'Standard Selling', price_list_rate: 30 });
    expect((await get('Website Item', { item_code: 'IMP-TEE' })).body.data[0]).toMatchObject({ web_item_name: 'Imported Tee', published: 1, ranking: 3, route: 'imported-tee' });
    for (const doctype of ['Item', 'Item Price']) expect((await get(doctype, { item_code: 'IMP-BAD' })).body.data).toEqual([]);
    const values = (await t.http.get('/api/resource/Item Attribute/Imp Size').set('Authorization', admin)).body.data.item_attribute_values;
    expect(values.map((v: { attribute_value: string; abbr: string }) => [v.attribute_value, v.abbr])).toEqual([
      ['S', 'S'],
      ['M', 'M'],
    ]);
  });

  it('a row whose item goes in but whose price is refused leaves nothing behind (its savepoint is undone), the next row stands', async () => {
    const res = await imp({
      rows: [
        { item_code: 'IMP-HALF', item_group: 'All Item Groups', stock_uom: 'Nos', price: '-5' },
        { item_code: 'IMP-WHOLE', item_group: 'All Item Groups', stock_uom: 'Nos', price: '5' },
      ],
    });
    expect(res.body.message).toMatchObject({ created: 1, refused: [expect.objectContaining({ row: 1, item_code: 'IMP-HALF' })] });
    expect((await get('Item', { name: 'IMP-HALF' }, '["name"]')).body.data).toEqual([]);
    expect((await get('Item', { name: 'IMP-WHOLE' }, '["name"]')).body.data).toHaveLength(1);
  });

  it('running it again updates instead of duplicating (idempotent on item_code), also from CSV', async () => {
    const again = await imp({ rows: rows('32') });
    expect(again.body.message).toMatchObject({ created: 0, updated: 4 });
    expect((await get('Item Price', { item_code: 'IMP-TEE-BLK-M' })).body.data).toEqual([expect.objectContaining({ price_list_rate: 32 })]);
    const csv = 'item_code,item_name,item_group,stock_uom,price,publish\nIMP-MUG,Imported Mug v2,All Item Groups,Nos,10,1\nIMP-CSV,From CSV,All Item Groups,Nos,4,0\n';
    const res = await imp({ csv });
    expect(res.body.message).toMatchObject({ rows: 2, created: 1, updated: 1, refused: [] });
    expect((await get('Item', { name: 'IMP-MUG' }, '["item_name"]')).body.data[0].item_name).toBe('Imported Mug v2');
    expect((await get('Website Item', { item_code: 'IMP-CSV' })).body.data[0]).toMatchObject({ published: 0 });
  });

  it('refuses a call without rows, malformed CSV, too many rows, and callers who may not create items', async () => {
    await imp({}).expect(417);
    await imp({ csv: 'item_code,"broken\n' }).expect(417);
    await imp({ rows: Array.from({ length: 2001 }, (_, i) => ({ item_code: `X${i}` })) }).expect(417);
    const sales = await t.token(demoUserEmail('Sales User'));
    const res = await imp({ rows: [{ item_code: 'IMP-NOPE', item_group: 'All Item Groups', stock_uom: 'Nos' }] }, sales);
    expect(res.body.message).toMatchObject({ created: 0, refused: [expect.objectContaining({ item_code: 'IMP-NOPE', reason: expect.stringMatching(/permi/i) })] });
  });

  it('docket import items <file>: a progress line, a summary, exit 1 when a row was refused; a second run updates', () => {
    const db = freshDbUrl();
    const dir = mkdtempSync(join(tmpdir(), 'docket-import-'));
    const file = join(dir, 'items.csv');
    writeFileSync(file, 'item_code,item_name,item_group,stock_uom,price,publish\nCLI-A,Alpha,All Item Groups,Nos,5,1\nCLI-B,Beta,Nowhere,Nos,5,1\nCLI-C,Gamma,All Item Groups,Nos,,\n');
    const cli = () =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src', 'cli.ts'), 'import', 'items', file], {
        cwd: ROOT,
        env: { ...process.env, DB_URL: db.url, DOCKET_DEMO: '0', LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 120_000,
      });
    try {
      const first = cli();
      expect(first.stdout).toContain('rows: 3, created: 2, updated: 0, refused: 1');
      expect(first.stdout).toMatch(/refused row 2 \(CLI-B\): .*Nowhere/);
      expect(first.stderr).toContain('importing [');
      expect(first.status).toBe(1);
      const second = cli();
      expect(second.stdout).toContain('rows: 3, created: 0, updated: 2, refused: 1');
    } finally {
      void db.drop();
    }
  }, 150_000);
});
