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

/** Per-doctype hooks, called by kernel/document/lifecycle.ts in Frappe's order. */
export interface DocController {
  beforeInsert?(ctx: Ctx, doc: Doc): Promise<void> | void;
  /** Runs on every save (insert, update, submit) before anything is written. */
  validate?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  beforeSubmit?(ctx: Ctx, doc: Doc): Promise<void> | void;
  beforeCancel?(ctx: Ctx, doc: Doc): Promise<void> | void;
  afterInsert?(ctx: Ctx, doc: Doc): Promise<void> | void;
  onUpdate?(ctx: Ctx, doc: Doc, previous: Doc | null): Promise<void> | void;
  onSubmit?(ctx: Ctx, doc: Doc): Promise<void> | void;
  onCancel?(ctx: Ctx, doc: Doc): Promise<void> | void;
  onTrash?(ctx: Ctx, doc: Doc): Promise<void> | void;
}

export interface ControllerDef extends DocController {
  doctype: string;
}

export function defineController(doctype: string, hooks: DocController): ControllerDef {
  return { doctype, ...hooks };
}
