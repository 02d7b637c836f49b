import { HttpVerb, MethodDef, ParamDef, ParamType } from '../rest/method-registry';
import { errorResponses, GUEST_ALLOWED, idempotencyKeyRef, replayedHeader } from './components';
import { compareText, pascalOf } from './names';
import { HttpMethod, JsonSchema, OperationObject, ParameterObject, PathItemObject, RequestBodyObject, ResponseObject, TagObject } from './types';

/** Frappe's @whitelist default. */
const ALL_VERBS: HttpVerb[] = ['GET', 'POST', 'PUT', 'DELETE'];
const VERB_ORDER: HttpVerb[] = ['GET', 'POST', 'PUT', 'DELETE'];
export const TOP_LEVEL_TAG = 'Methods';

/** `frappe.client.get_list` → tag `frappe.client`; paths without a module (login, ping) → `Methods`. */
export function methodTag(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? TOP_LEVEL_TAG : path.slice(0, dot);
}

export function methodTags(methods: readonly MethodDef[]): TagObject[] {
  const names = [...new Set(methods.map((m) => methodTag(m.path)))];
  return names.map((name) => ({
    name,
    description: name === TOP_LEVEL_TAG ? 'Whitelisted methods without a module path' : `Whitelisted methods of ${name}`,
  }));
}

function paramSchema(p: ParamDef, inQuery: boolean): JsonSchema {
  const types = typeof p.type === 'string' ? [p.type] : [...p.type];
  const isJson = (t: ParamType) => t === 'object' || t === 'array';
  const json = types.filter(isJson);
  // In a query string a list or an object travels as JSON text.
  const listed = inQuery ? [...new Set(types.map((t) => (isJson(t) ? 'string' : t)))] : types;
  const schema: JsonSchema = { type: listed.length === 1 ? listed[0] : listed };
  if (p.minimum !== undefined) schema.minimum = p.minimum;
  if (p.maximum !== undefined) schema.maximum = p.maximum;
  const description = [p.description, inQuery && json.length ? `JSON-encoded ${json.join(' or ')}` : undefined].filter(Boolean).join('; ');
  if (description) schema.description = description;
  return schema;
}

function queryParameters(params: Record<string, ParamDef>): ParameterObject[] {
  return Object.entries(params).map(([name, p]) => {
    const schema = paramSchema(p, true);
    const { description, ...rest } = schema;
    return { name, in: 'query', ...(description ? { description } : {}), ...(p.required ? { required: true } : {}), schema: rest };
  });
}

function requestBody(m: MethodDef, params: Record<string, ParamDef>): RequestBodyObject {
  const required = Object.entries(params)
    .filter(([, p]) => p.required)
    .map(([name]) => name);
  const properties = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, paramSchema(p, false)]));
  const schema: JsonSchema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  return { required: required.length > 0, content: { [m.form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema } } };
}

function reply(m: MethodDef): ResponseObject {
  const schema: JsonSchema = m.raw
    ? { type: 'object', description: "The method's reply itself (not wrapped in message)" }
    : {
        type: 'object',
        description: 'The return value in message; {} when the method returns nothing',
        properties: { message: { description: 'The return value of the method' } },
      };
  return { description: 'Success', ...(m.write ? { headers: replayedHeader() } : {}), content: { 'application/json': { schema } } };
}

function notesOf(m: MethodDef, verbs: HttpVerb[]): string {
  const notes = [`Allowed verbs: ${verbs.join(', ')}.`];
  if (m.allowGuest) notes.push('Guest (no credentials) may call it.');
  if (m.write) notes.push('Runs in one write transaction; send Idempotency-Key to retry it safely.');
  return notes.join(' ');
}

function operation(m: MethodDef, verb: HttpVerb, verbs: HttpVerb[]): OperationObject {
  const params = m.params ?? {};
  const hasParams = Object.keys(params).length > 0;
  const parameters = [...(verb === 'GET' ? queryParameters(params) : []), ...(m.write ? [idempotencyKeyRef()] : [])];
  return {
    operationId: `${verb.toLowerCase()}${pascalOf(m.path)}`,
    summary: m.summary,
    description: notesOf(m, verbs),
    tags: [methodTag(m.path)],
    ...(parameters.length ? { parameters } : {}),
    ...(verb !== 'GET' && hasParams ? { requestBody: requestBody(m, params) } : {}),
    responses: { '200': reply(m), ...errorResponses(!!m.write) },
    ...(m.allowGuest ? { security: GUEST_ALLOWED } : {}),
  };
}

/** /api/method/<path> for every whitelisted method, one operation per allowed verb. */
export function methodPaths(methods: readonly MethodDef[]): Record<string, PathItemObject> {
  const out: Record<string, PathItemObject> = {};
  for (const m of [...methods].sort((a, b) => compareText(a.path, b.path))) {
    const verbs = VERB_ORDER.filter((v) => (m.methods ?? ALL_VERBS).includes(v));
    const item: PathItemObject = {};
    for (const verb of verbs) item[verb.toLowerCase() as HttpMethod] = operation(m, verb, verbs);
    out[`/api/method/${m.path}`] = item;
  }
  return out;
}
