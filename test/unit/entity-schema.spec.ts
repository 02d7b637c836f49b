import { DataSource, Table } from 'typeorm';
import { DOCTYPES } from '../../src/doctypes';
import { doctypeEntity, schemaEntities, tableEntity } from '../../src/kernel/metadata/entity';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { defineDocType } from '../../src/kernel/metadata/types';
import { TEST_EXTENSIONS } from '../fixtures/test-order';

const registry = new MetaRegistry([...DOCTYPES, ...TEST_EXTENSIONS.doctypes]);

describe.each(['mariadb', 'sqlite'] as const)('doctype entities on %s', (engine) => {
  it('compiles every doctype, fixtures included, to an entity of table tab<DocType> holding its stored fields and no Table or Password field', () => {
    const metas = registry.all();
    expect(metas.length).toBeGreaterThan(20);
    for (const meta of metas) {
      const { options } = doctypeEntity(meta, engine);
      expect(options.tableName).toBe(`tab${meta.name}`);
      const columns = Object.values(options.columns).map((c) => c!.name);
      expect(columns).toEqual(meta.storedColumns.map((f) => f.fieldname));
      const notStored = meta.fields.filter((f) => f.fieldtype === 'Table' || f.fieldtype === 'Password').map((f) => f.fieldname);
      for (const f of notStored) expect(columns).not.toContain(f);
    }
    expect(registry.get('User')!.fields.some((f) => f.fieldtype === 'Password')).toBe(true);
  });

  it('names every entity once, the kernel tables beside the doctypes', () => {
    const names = schemaEntities(registry, engine).map((e) => e.options.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['__Auth', '__Sessions', '__Idempotency', 'tabSeries', 'Item', 'Test Order']));
  });

  it('keeps index names within MariaDB\'s 64 characters and distinct, however long the doctype and its fields', () => {
    const long = 'Very Long Doctype Name For Checking Index Name Limits';
    const meta = new MetaRegistry([
      defineDocType({
        name: long,
        module: 'Tests',
        fields: [
          { fieldname: 'a_rather_long_field_name_number_one', fieldtype: 'Data', index: true },
          { fieldname: 'a_rather_long_field_name_number_two', fieldtype: 'Data', unique: true },
        ],
        indexes: [['a_rather_long_field_name_number_one', 'a_rather_long_field_name_number_two']],
        permissions: [],
      }),
    ]).get(long)!;
    const names = (doctypeEntity(meta, engine).options.indices ?? []).map((i) => i.name!);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(64);
  });
});

describe('kernel tables as entities', () => {
  const outbox = new Table({
    name: '__Probe_Outbox',
    columns: [
      { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      { name: 'source', type: 'varchar', length: '64', isNullable: false },
      { name: 'event_id', type: 'varchar', length: '64', isNullable: false },
      { name: 'dedup_key', type: 'varchar', length: '140', isNullable: true, isUnique: true },
      { name: 'attempts', type: 'integer', default: '0', isNullable: false },
    ],
    uniques: [{ name: 'uq_probe_source_event', columnNames: ['source', 'event_id'] }],
    indices: [{ name: 'idx_probe_attempts', columnNames: ['attempts'] }],
  });

  it('keeps keys, generated ids, uniques and defaults: the table the schema builder creates from the entity is then up to date', async () => {
    const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [tableEntity(outbox)] });
    await ds.initialize();
    try {
      const plan = await ds.driver.createSchemaBuilder().log();
      for (const q of plan.upQueries) await ds.query(q.query);
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      await ds.query('INSERT INTO "__Probe_Outbox" (source, event_id, dedup_key) VALUES (?, ?, ?), (?, ?, ?)', ['shop', 'e1', 'k1', 'shop', 'e2', null]);
      expect(await ds.query('SELECT id, attempts FROM "__Probe_Outbox" ORDER BY id')).toEqual([{ id: 1, attempts: 0 }, { id: 2, attempts: 0 }]);
      await expect(ds.query('INSERT INTO "__Probe_Outbox" (source, event_id) VALUES (?, ?)', ['shop', 'e1'])).rejects.toThrow(/UNIQUE/);
      await expect(ds.query('INSERT INTO "__Probe_Outbox" (source, event_id, dedup_key) VALUES (?, ?, ?)', ['shop', 'e3', 'k1'])).rejects.toThrow(/UNIQUE/);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses what it cannot carry over rather than leaving it out', () => {
    const withForeignKey = new Table({
      name: '__Probe_Child',
      columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'outbox_id', type: 'integer' }],
      foreignKeys: [{ columnNames: ['outbox_id'], referencedTableName: '__Probe_Outbox', referencedColumnNames: ['id'] }],
    });
    expect(() => tableEntity(withForeignKey)).toThrow('__Probe_Child: foreign keys have no entity form here');
  });
});
