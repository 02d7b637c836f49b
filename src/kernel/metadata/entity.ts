import { EntitySchema, EntitySchemaColumnOptions, Table, TableColumn } from 'typeorm';
import { DbEngine } from '../../config/config';
import { internalTables } from '../db/internal-tables';
import { DocTypeMeta, MetaRegistry } from './meta';
import { columnFor, indexesFor } from './table';

/** A row of a doctype's table as TypeORM reads it: column name to stored value. */
export type Row = Record<string, unknown>;

/** The TypeORM entity of a doctype: table `tab<DocType>`, one column per stored field. */
export function doctypeEntity(meta: DocTypeMeta, engine: DbEngine): EntitySchema<Row> {
  return new EntitySchema<Row>({
    name: meta.name,
    tableName: meta.tableName,
    columns: Object.fromEntries(meta.storedColumns.map((f) => [f.fieldname, columnFor(meta, f, engine)])),
    indices: indexesFor(meta, engine),
  });
}

/**
 * The entity of a hand-built kernel table, named after the table. What an entity cannot say the
 * same way (foreign keys, checks, computed columns) is refused, never silently left out.
 */
export function tableEntity(table: Table): EntitySchema<Row> {
  const unsupported = [table.foreignKeys.length && 'foreign keys', table.checks.length && 'checks', table.exclusions.length && 'exclusions', table.columns.some((c) => c.asExpression) && 'computed columns'].filter(Boolean);
  if (unsupported.length) throw new Error(`${table.name}: ${unsupported.join(', ')} have no entity form here; use indexes and keys`);
  return new EntitySchema<Row>({
    name: table.name,
    tableName: table.name,
    columns: Object.fromEntries(table.columns.map((c) => [c.name, tableColumnOptions(c)])),
    indices: table.indices.map((i) => ({ name: i.name, columns: i.columnNames, ...(i.isUnique ? { unique: true } : {}), ...(i.where ? { where: i.where } : {}) })),
    uniques: table.uniques.map((u) => ({ name: u.name, columns: u.columnNames })),
  });
}

function tableColumnOptions(c: TableColumn): EntitySchemaColumnOptions {
  return {
    name: c.name,
    type: c.type as EntitySchemaColumnOptions['type'],
    nullable: c.isNullable,
    primary: c.isPrimary || undefined,
    unique: c.isUnique || undefined,
    // MariaDB and SQLite know increment, uuid and rowid (identity is PostgreSQL's)
    generated: c.isGenerated ? ((c.generationStrategy as 'increment' | 'uuid' | 'rowid' | undefined) ?? true) : undefined,
    length: c.length || undefined,
    precision: c.precision ?? undefined,
    scale: c.scale,
    unsigned: c.unsigned || undefined,
    charset: c.charset,
    collation: c.collation,
    enum: c.enum,
    comment: c.comment,
    // a Table's default is an SQL expression; an entity takes one as a function
    default: c.default === undefined ? undefined : () => String(c.default),
  };
}

/** Every table Docket keeps, as entities: the kernel's own tables, then one per doctype. */
export function schemaEntities(registry: MetaRegistry, engine: DbEngine): EntitySchema<Row>[] {
  return [...internalTables(engine).map(tableEntity), ...registry.all().map((m) => doctypeEntity(m, engine))];
}
