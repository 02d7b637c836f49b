import type { Ctx } from '../db/context';

/** A document in memory: field values by fieldname, child tables as arrays of rows. */
export type Doc = Record<string, any>;

/** Frappe's list parameters, already parsed from the query string or a method call. */
export interface ListParams {
  fields?: string[];
  /** List form [[field, op, value]] / [[doctype, field, op, value]] or dict form {field: value | [op, value]}. */
  filters?: unknown;
  or_filters?: unknown;
  order_by?: string;
  group_by?: string;
  limit_start?: number;
  limit_page_length?: number;
  as_dict?: boolean;
}

/**
 * A doctype's hooks, called by kernel/document/lifecycle.ts in Frappe's order (see there).
 * `doc.docstatus` is already the target status in every hook (1 while submitting, 2 while
 * cancelling); `previous` is the stored document (null on insert).
 */
export interface DocHooks {
  /** Insert only, before naming: may set fields the name is made of. */
  beforeInsert?(ctx: Ctx, doc: Doc): Promise<void> | void;
  /** Insert, draft save and submit: before the standard checks (mandatory, links). */
  beforeValidate?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  /** Insert, draft save and submit, after the standard checks. */
  validate?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  /** Insert and save of a draft, after validate. */
  beforeSave?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  /** Submit (a draft's, or insert-and-submit), after validate. */
  beforeSubmit?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  beforeCancel?(ctx: Ctx, doc: Doc, previous: Doc): Promise<void> | void;
  /** After the rows of a new document are written. */
  afterInsert?(ctx: Ctx, doc: Doc): Promise<void> | void;
  /** After a draft is written (insert or save; not submit, cancel or update after submit). */
  onUpdate?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  onSubmit?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  onCancel?(ctx: Ctx, doc: Doc, previous: Doc): Promise<void> | void;
  /** After allow_on_submit fields of a submitted document changed. */
  onUpdateAfterSubmit?(ctx: Ctx, doc: Doc, previous: Doc): Promise<void> | void;
  /** Before a document is deleted. */
  onTrash?(ctx: Ctx, doc: Doc): Promise<void> | void;
  /**
   * ERPNext's ignore_linked_doctypes: doctypes whose links to this document do not block its
   * cancel (its own ledger rows: GL Entry, Stock Ledger Entry), which onCancel reverses.
   */
  readonly ignoreLinkedDoctypes?: readonly string[];
}
