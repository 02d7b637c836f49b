import type Decimal from 'decimal.js';

/**
 * The one definition of a doctype. Everything else (table, validation, REST schema,
 * GraphQL type, OpenAPI component) is compiled from these shapes.
 */

export const FIELD_TYPES = [
  'Data',
  'Link',
  'Dynamic Link',
  'Select',
  'Check',
  'Int',
  'Float',
  'Currency',
  'Percent',
  'Date',
  'Datetime',
  'Time',
  'Text',
  'Small Text',
  'Long Text',
  'JSON',
  'Password',
  'Table',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

/** Field types whose values are exact decimals (decimal.js in memory, DECIMAL(21,9) on MariaDB). */
export const DECIMAL_TYPES: readonly FieldType[] = ['Float', 'Currency', 'Percent'];

export interface FieldDef {
  fieldname: string;
  fieldtype: FieldType;
  label?: string;
  /**
   * Link/Table: target doctype; Select: newline-separated options; Dynamic Link: the field
   * holding the doctype; Currency: the field holding the currency (on the row or its parent),
   * whose format gives the precision.
   */
  options?: string;
  reqd?: boolean;
  unique?: boolean;
  /** Default value, or 'Today' / 'Now' for dates, or '__user' for the session user. */
  default?: string | number;
  /** Computed by the server; clients never set it. */
  read_only?: boolean;
  /** Field-level permission level (0 = the document's level). */
  permlevel?: number;
  /** May change while the document is submitted. */
  allow_on_submit?: boolean;
  /** Create a database index on this column. */
  index?: boolean;
  /** Not returned to clients that lack the field's permlevel; Password fields are never returned. */
  hidden?: boolean;
  /**
   * Decimal places for Float/Currency/Percent (0–9). Without it: Currency from System Settings
   * or the currency (2 for the standard ones), Float/Percent System Settings float_precision (3).
   */
  precision?: number;
  /** Max length for Data-like fields (default 140). */
  length?: number;
  /** Not copied when amending. */
  no_copy?: boolean;
  /** Link: the target must belong to the same company as this document. */
  same_company?: boolean;
  /** Link: value fetched from the linked document ('customer.customer_name'). */
  fetch_from?: string;
  description?: string;
}

export type PermRight =
  | 'read'
  | 'write'
  | 'create'
  | 'delete'
  | 'submit'
  | 'cancel'
  | 'amend'
  | 'report'
  | 'export';

export const PERM_RIGHTS: readonly PermRight[] = [
  'read',
  'write',
  'create',
  'delete',
  'submit',
  'cancel',
  'amend',
  'report',
  'export',
];

export interface PermDef {
  role: string;
  permlevel?: number;
  if_owner?: boolean;
  rights: PermRight[];
}

export interface DocTypeDef {
  name: string;
  module: string;
  /** Child table doctype (rows live under a parent). */
  istable?: boolean;
  is_submittable?: boolean;
  /**
   * Naming rule: 'field:<fieldname>', 'hash', 'naming_series:' (uses the naming_series field),
   * 'prompt' (client supplies name), or a series pattern like 'ACC-SUB-.YYYY.-.#####'.
   */
  autoname?: string;
  /** Nested-set tree: the Link field pointing to the parent node (lft/rgt are maintained). */
  nsm_parent_field?: string;
  /** Field holding the company, used for same-company Link checks. */
  company_field?: string;
  title_field?: string;
  sort_field?: string;
  sort_order?: 'asc' | 'desc';
  /** Composite indexes (each a list of column names). */
  indexes?: string[][];
  /**
   * Fields searched by full text (src/kernel/db/full-text.ts): a FULLTEXT index over them on
   * MariaDB, an FTS5 table `tab<DocType>__search` kept in step by triggers on SQLite.
   */
  search_fields?: string[];
  /**
   * Composite unique keys (each a list of column names), e.g. a Bin's item_code + warehouse:
   * a unique index each, and what `ctx.lockKeys` ensures and locks rows by.
   */
  unique_keys?: string[][];
  /** Write a Version row for every change (default true for non-child doctypes). */
  track_changes?: boolean;
  /**
   * The rows Guests and website users may see, as field values (Website Item: `{ published: 1 }`):
   * their reads, lists and counts are limited to them, whatever their permission rows grant.
   */
  public_filter?: Record<string, string | number>;
  fields: FieldDef[];
  permissions: PermDef[];
  description?: string;
}

/** Columns every doctype has. */
export const STANDARD_FIELDS: readonly FieldDef[] = [
  { fieldname: 'name', fieldtype: 'Data', label: 'ID', read_only: true },
  { fieldname: 'owner', fieldtype: 'Data', label: 'Created By', read_only: true },
  { fieldname: 'creation', fieldtype: 'Datetime', label: 'Created On', read_only: true },
  { fieldname: 'modified', fieldtype: 'Datetime', label: 'Last Updated On', read_only: true },
  { fieldname: 'modified_by', fieldtype: 'Data', label: 'Last Updated By', read_only: true },
  { fieldname: 'docstatus', fieldtype: 'Int', label: 'Document Status', read_only: true },
  { fieldname: 'idx', fieldtype: 'Int', label: 'Index', read_only: true },
];

/** Columns child-table rows add. */
export const CHILD_FIELDS: readonly FieldDef[] = [
  { fieldname: 'parent', fieldtype: 'Data', read_only: true },
  { fieldname: 'parentfield', fieldtype: 'Data', read_only: true },
  { fieldname: 'parenttype', fieldtype: 'Data', read_only: true },
];

export function defineDocType<const T extends DocTypeDef>(def: T): T {
  return def;
}

/** The options of a Select field as a union of literals: 'Draft\nOpen' → 'Draft' | 'Open'. */
type SelectOptions<S extends string> = S extends `${infer Head}\n${infer Tail}` ? Head | SelectOptions<Tail> : S;

/**
 * The in-memory type of a field's value, from its definition: decimals are Decimal objects
 * (Money), so `doc.qty * doc.rate` does not compile and the arithmetic goes through
 * `qty.mul(rate)`; Int is a number, Check 0 | 1, Select its options.
 */
export type ValueOf<F extends FieldDef> = F['fieldtype'] extends 'Float' | 'Currency' | 'Percent'
  ? Decimal
  : F['fieldtype'] extends 'Int'
    ? number
    : F['fieldtype'] extends 'Check'
      ? 0 | 1
      : F['fieldtype'] extends 'Select'
        ? (F['options'] extends string ? SelectOptions<F['options']> : string) | null
        : F['fieldtype'] extends 'JSON'
          ? unknown
          : string | null;

/** The standard columns of every document. */
export interface StandardDoc {
  name: string;
  owner: string;
  creation: string;
  modified: string;
  modified_by: string;
  docstatus: 0 | 1 | 2;
  idx: number;
}

/**
 * A document of doctype `D` as the kernel holds it (Password fields are never loaded). Table
 * fields are rows of the child definitions given in `Children` by fieldname:
 * `DocOf<typeof SalesOrder, { items: typeof SalesOrderItem }>`.
 */
export type DocOf<D extends DocTypeDef, Children extends Record<string, DocTypeDef> = Record<never, DocTypeDef>> = StandardDoc & {
  -readonly [F in Exclude<D['fields'][number], { fieldtype: 'Password' }> as F['fieldname']]: F['fieldtype'] extends 'Table'
    ? F['fieldname'] extends keyof Children
      ? DocOf<Children[F['fieldname']]>[]
      : Record<string, unknown>[]
    : ValueOf<F>;
};
