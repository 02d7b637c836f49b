import { DataError } from '../../kernel/errors/errors';
import { parseJsonParam } from '../../kernel/document/query';
import { ListParams } from '../../kernel/document/types';

function int(name: string, v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < 0) throw new DataError(`${name} must be a whole number ≥ 0`);
  return n;
}

function bool(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null || v === '') return dflt;
  return !['0', 'false', 'False', false, 0].includes(v as never);
}

/** Frappe's list parameters from a query string or method arguments (JSON strings are parsed). */
export function listParamsFrom(args: Record<string, unknown>): ListParams {
  const limit = int('limit_page_length', args.limit_page_length) ?? int('limit', args.limit) ?? int('page_length', args.page_length);
  const fields = parseJsonParam('fields', args.fields);
  return {
    fields: fields === undefined ? undefined : typeof fields === 'string' ? [fields] : (fields as string[]),
    filters: parseJsonParam('filters', args.filters),
    or_filters: parseJsonParam('or_filters', args.or_filters),
    order_by: (args.order_by as string | undefined) || undefined,
    group_by: (args.group_by as string | undefined) || undefined,
    limit_start: int('limit_start', args.limit_start ?? args.start),
    limit_page_length: limit,
    as_dict: bool(args.as_dict, true),
  };
}

/** A JSON object argument (a doc given as a string or an object). */
export function objectArg(name: string, v: unknown): Record<string, unknown> {
  const parsed = parseJsonParam(name, v);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DataError(`${name} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

export function stringArg(name: string, v: unknown): string {
  if (typeof v !== 'string' || !v.trim()) throw new DataError(`${name} is required`);
  return v;
}
