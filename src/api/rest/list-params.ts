import { DataError } from '../../kernel/errors/errors';
import { parseJsonParam } from '../../kernel/document/query';
import { ListParams } from '../../kernel/document/types';
import { ParamDef, ParamType } from './method-registry';

/**
 * Offsets and page sizes: whole numbers a JS number holds exactly. Both databases take more
 * (MariaDB's LIMIT up to 2^64-1, SQLite's a signed 64-bit integer), so every value in range binds.
 */
const COUNT: ParamDef = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
export const FILTERS: ParamDef = { type: ['array', 'object'], description: 'filters in list form [[field, operator, value]] or dict form {field: value}' };

/** Frappe's list parameters (GET /api/resource/<doctype>, frappe.client.get_list). */
export const LIST_PARAMS: Record<string, ParamDef> = {
  fields: { type: ['array', 'string'], description: 'the fields to return (or one field name), default ["name"]' },
  filters: FILTERS,
  or_filters: { ...FILTERS, description: 'conditions ORed together, then ANDed with filters' },
  order_by: { type: 'string', description: 'e.g. "modified desc"' },
  group_by: { type: 'string' },
  limit_start: { ...COUNT, description: 'offset of the first row' },
  start: { ...COUNT, description: 'alias of limit_start' },
  limit_page_length: { ...COUNT, description: 'rows per page, default 20; 0 means the largest page' },
  limit: { ...COUNT, description: 'alias of limit_page_length' },
  page_length: { ...COUNT, description: 'alias of limit_page_length' },
  as_dict: { type: 'boolean', description: 'default true; false returns lists of values' },
};

const TYPE_NAMES: Record<ParamType, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'a boolean (0, 1, true or false)',
  object: 'a JSON object',
  array: 'a JSON list',
};
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEANS = new Map<unknown, boolean>([
  [true, true], [1, true], ['1', true], ['true', true],
  [false, false], [0, false], ['0', false], ['false', false],
]);
const NO = Symbol('no match');

/** `v` as `type`, or NO. Query strings and form bodies carry text, JSON bodies typed values. */
function asType(type: ParamType, v: unknown): unknown {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : NO;
    case 'integer': {
      const n = typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : v;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : NO;
    }
    case 'number': {
      const n = typeof v === 'string' && NUMBER_RE.test(v.trim()) ? Number(v) : v;
      return typeof n === 'number' && Number.isFinite(n) ? n : NO;
    }
    case 'boolean': {
      const b = BOOLEANS.get(typeof v === 'string' ? v.trim().toLowerCase() : v);
      return b ?? NO;
    }
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : NO;
    case 'array':
      return Array.isArray(v) ? v : NO;
  }
}

function checkArg(name: string, def: ParamDef, raw: unknown): unknown {
  const types: readonly ParamType[] = typeof def.type === 'string' ? [def.type] : def.type;
  // JSON text is decoded where only a list or an object will do; where text is allowed too, the
  // handler decides (a name may look like JSON, a field list may be one plain field name).
  const structured = types.includes('array') || types.includes('object');
  const v = structured && !types.includes('string') ? parseJsonParam(name, raw) : raw;
  const bounded = def.minimum !== undefined || def.maximum !== undefined;
  const range = bounded ? ` from ${def.minimum ?? '-∞'} to ${def.maximum ?? '∞'}` : '';
  for (const type of types) {
    const out = asType(type, v);
    if (out === NO) continue;
    if (typeof out === 'number' && ((def.minimum !== undefined && out < def.minimum) || (def.maximum !== undefined && out > def.maximum))) break;
    return out;
  }
  throw new DataError(`${name} must be ${types.map((t) => TYPE_NAMES[t]).join(' or ')}${range}`);
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Checks call arguments against their declarations and returns them converted ("10" → 10,
 * "false" → false, JSON text → list or object); an absent (null or empty) argument is left
 * out; undeclared arguments pass unchanged. Throws DataError naming the first bad argument.
 */
export function checkArgs(params: Record<string, ParamDef>, args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const [name, def] of Object.entries(params)) {
    const raw = Object.hasOwn(args, name) ? args[name] : undefined;
    if (absent(raw)) {
      if (def.required) throw new DataError(`${name} is required`);
      delete out[name];
      continue;
    }
    out[name] = checkArg(name, def, raw);
  }
  return out;
}

/** Frappe's list parameters from arguments checked against LIST_PARAMS. */
export function listParamsFrom(args: Record<string, unknown>): ListParams {
  const fields = parseJsonParam('fields', args.fields);
  return {
    fields: typeof fields === 'string' ? [fields] : (fields as string[] | undefined),
    filters: args.filters,
    or_filters: args.or_filters,
    order_by: args.order_by as string | undefined,
    group_by: args.group_by as string | undefined,
    limit_start: (args.limit_start ?? args.start) as number | undefined,
    limit_page_length: (args.limit_page_length ?? args.limit ?? args.page_length) as number | undefined,
    as_dict: args.as_dict !== false,
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

/** A whitelisted method's arguments as Frappe reads them: the query string, then the body's fields over it. */
export function requestArgs(req: { query: unknown; body?: unknown }): Record<string, unknown> {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  const args = { ...(req.query as Record<string, unknown>), ...body };
  delete args.cmd;
  return args;
}
