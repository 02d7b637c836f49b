import { MetaRegistry } from '../../kernel/metadata/meta';
import { MethodDef } from '../rest/method-registry';
import { AUTHENTICATED, SECURITY_SCHEMES, SHARED_HEADERS, SHARED_PARAMETERS, SHARED_RESPONSES, SHARED_SCHEMAS } from './components';
import { docJsonSchema } from './json-schema';
import { methodPaths, methodTags } from './method-paths';
import { compareText, createComponentOf, inputComponentOf, readComponentOf } from './names';
import { PLATFORM_SCHEMAS, PLATFORM_TAGS, platformPaths } from './platform-paths';
import { resourcePaths } from './resource-paths';
import { HttpMethod, JsonSchema, PathItemObject, TagObject } from './types';

const DESCRIPTION = `Docket's HTTP API, compatible with Frappe/ERPNext clients (frappe-js-sdk):
documents at \`/api/resource/<DocType>\`, whitelisted methods at \`/api/method/<dotted.path>\`
replying \`{"message": ...}\`, and GraphQL at \`/graphql\`. \`/api/v1/...\` is an alias of \`/api/...\`.

## Authentication
Send one of:
- **token**: \`Authorization: token <api_key>:<api_secret>\`
- **basic**: \`Authorization: Basic base64(<api_key>:<api_secret>)\`
- **bearer**: \`Authorization: Bearer <access_token>\`, an OAuth 2 token from \`POST /api/method/frappe.integrations.oauth2.get_token\`
- **sid**: the session cookie set by \`POST /api/method/login\`; writes with it also send the \`X-Frappe-CSRF-Token\` header

A request without credentials runs as Guest, which may only do what Guest is granted.

## Conventions
- Errors have Frappe's body (\`exc_type\`, \`exception\`, \`_server_messages\`) and status: 417 validation, 404 not found,
  403 permission, 401 authentication, 409 duplicate, 429 rate limit.
- Currency, Float and Percent values are exact decimals, returned as JSON numbers at the field's precision; writes
  may send them as numeric strings. Datetimes look like \`YYYY-MM-DD HH:MM:SS.ffffff\`.
- Writes take an \`Idempotency-Key\` header: a retry with the same key replays the first reply.
- Every reply carries \`X-Request-Id\`.`;

/** The order verbs take inside a path item. */
const VERBS: HttpMethod[] = ['get', 'post', 'put', 'delete'];

function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareText(a, b)));
}

function addUnique<T>(into: Map<string, T>, key: string, value: T, what: string): void {
  if (into.has(key)) throw new Error(`OpenAPI: two ${what} named ${key}`);
  into.set(key, value);
}

/** Schemas of the non-child doctypes and of the child doctypes some table holds. */
function docSchemas(registry: MetaRegistry): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const tables = new Set(registry.all().flatMap((m) => m.tableFields.map((f) => f.options)));
  for (const meta of registry.all().filter((m) => !m.isChild || tables.has(m.name))) {
    addUnique(out, readComponentOf(meta.name), docJsonSchema(meta, registry, 'read'), 'schemas');
    addUnique(out, inputComponentOf(meta.name), docJsonSchema(meta, registry, 'write'), 'schemas');
    addUnique(out, createComponentOf(meta.name), docJsonSchema(meta, registry, 'write', { create: true }), 'schemas');
  }
  for (const [name, schema] of Object.entries({ ...SHARED_SCHEMAS, ...PLATFORM_SCHEMAS })) addUnique(out, name, schema, 'schemas');
  return out;
}

function tagsOf(registry: MetaRegistry, methods: readonly MethodDef[]): TagObject[] {
  const modules = new Map<string, string[]>();
  for (const meta of registry.all().filter((m) => !m.isChild)) {
    modules.set(meta.def.module, [...(modules.get(meta.def.module) ?? []), meta.name]);
  }
  const moduleTags = [...modules].map(([name, doctypes]) => ({
    name,
    description: `Documents of the ${name} module: ${[...doctypes].sort(compareText).join(', ')}`,
  }));
  const tags = new Map<string, TagObject>();
  for (const t of [...moduleTags, ...methodTags(methods), ...PLATFORM_TAGS]) addUnique(tags, t.name, t, 'tags');
  return [...tags.values()].sort((a, b) => compareText(a.name, b.name));
}

function pathsOf(registry: MetaRegistry, methods: readonly MethodDef[]): Record<string, PathItemObject> {
  const paths = new Map<string, PathItemObject>();
  const groups = [...registry.all().filter((m) => !m.isChild).map(resourcePaths), methodPaths(methods), platformPaths()];
  for (const group of groups) for (const [path, item] of Object.entries(group)) addUnique(paths, path, item, 'paths');
  const operationIds = new Set<string>();
  for (const item of paths.values()) {
    for (const verb of VERBS) {
      const id = item[verb]?.operationId;
      if (id === undefined) continue;
      if (operationIds.has(id)) throw new Error(`OpenAPI: two operations have the operationId ${id}`);
      operationIds.add(id);
    }
  }
  return sortedRecord([...paths]);
}

/**
 * The OpenAPI 3.1 document of the whole HTTP API, derived from the doctype and method
 * registries. Pure and deterministic: the same registries give the same document.
 */
export function buildOpenApi(registry: MetaRegistry, methods: readonly MethodDef[], version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Docket',
      version,
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: AUTHENTICATED,
    tags: tagsOf(registry, methods),
    paths: pathsOf(registry, methods),
    components: {
      schemas: sortedRecord([...docSchemas(registry)]),
      parameters: sortedRecord(Object.entries(SHARED_PARAMETERS)),
      headers: sortedRecord(Object.entries(SHARED_HEADERS)),
      responses: sortedRecord(Object.entries(SHARED_RESPONSES)),
      securitySchemes: sortedRecord(Object.entries(SECURITY_SCHEMES)),
    },
  };
}
