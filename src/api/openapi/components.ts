import { pascalOf } from './names';
import { HeaderObject, JsonSchema, ParameterObject, Ref, ResponseObject, SecurityRequirement } from './types';

/** Components every part of the document shares: auth schemes, the error body, list parameters. */

export const SECURITY_SCHEMES = {
  basic: {
    type: 'http',
    scheme: 'basic',
    description: 'HTTP Basic with the API key as user name and the API secret as password',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'An OAuth 2 access token from POST /api/method/frappe.integrations.oauth2.get_token',
  },
  sid: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sid',
    description:
      'The session cookie set by POST /api/method/login. Writes with it must send the X-Frappe-CSRF-Token header (the csrf_token of the login reply)',
  },
  token: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'token <api_key>:<api_secret> (keys from frappe.core.doctype.user.user.generate_keys)',
  },
} as const;

/** Any one of the schemes. */
export const AUTHENTICATED: SecurityRequirement[] = [{ token: [] }, { basic: [] }, { bearer: [] }, { sid: [] }];
/** Any one of the schemes, or none (the caller is then Guest). */
export const GUEST_ALLOWED: SecurityRequirement[] = [...AUTHENTICATED, {}];

export const FRAPPE_ERROR = 'FrappeError';

export const SHARED_SCHEMAS: Record<string, JsonSchema> = {
  [FRAPPE_ERROR]: {
    type: 'object',
    description: "Frappe's error body",
    required: ['exc_type'],
    properties: {
      exc_type: { type: 'string', description: 'The exception class, e.g. ValidationError', examples: ['MandatoryError'] },
      exception: { type: 'string', description: 'frappe.exceptions.<exc_type>: <message>' },
      _server_messages: {
        type: 'string',
        description: 'A JSON list of JSON strings, each an object {message, title, indicator, raise_exception}',
      },
      exc: { type: 'string', description: 'A JSON list of tracebacks (development mode only)' },
    },
  },
};

const ref = (kind: 'parameters' | 'responses' | 'headers' | 'schemas', name: string): Ref => ({ $ref: `#/components/${kind}/${name}` });
export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const LIST_PARAMETERS: Record<string, ParameterObject> = {
  fields: {
    name: 'fields',
    in: 'query',
    description: 'JSON list of the fields to return; default ["name"], ["*"] for every field',
    schema: { type: 'string' },
    example: '["name","modified"]',
  },
  filters: {
    name: 'filters',
    in: 'query',
    description:
      'JSON filters, all of which must hold: a list of [field, operator, value] (or [doctype, field, operator, value]) or an object {field: value} / {field: [operator, value]}. Operators: = != > < >= <= like, not like, in, not in, is (set / not set), between, descendants of, ancestors of',
    schema: { type: 'string' },
    example: '[["docstatus","=",1]]',
  },
  or_filters: {
    name: 'or_filters',
    in: 'query',
    description: 'JSON filters in the same forms as filters, any one of which must hold (ANDed with filters)',
    schema: { type: 'string' },
  },
  order_by: {
    name: 'order_by',
    in: 'query',
    description: 'Sort order, e.g. "modified desc"; default: the doctype\'s sort field and order',
    schema: { type: 'string' },
    example: 'modified desc',
  },
  group_by: {
    name: 'group_by',
    in: 'query',
    description: 'A field to group rows by (with aggregate fields such as "count(name) as count")',
    schema: { type: 'string' },
  },
  limit_start: {
    name: 'limit_start',
    in: 'query',
    description: 'Rows to skip (offset)',
    schema: { type: 'integer', minimum: 0, default: 0 },
  },
  limit_page_length: {
    name: 'limit_page_length',
    in: 'query',
    description: 'Rows to return; default 20. 0 asks for every row, which the server caps at its maximum page size',
    schema: { type: 'integer', minimum: 0, default: 20 },
  },
  limit: {
    name: 'limit',
    in: 'query',
    description: 'Alias of limit_page_length, used when limit_page_length is absent',
    schema: { type: 'integer', minimum: 0 },
  },
  as_dict: {
    name: 'as_dict',
    in: 'query',
    description: 'true: rows as objects; false: rows as lists of values in the order of fields',
    schema: { type: 'boolean', default: true },
  },
};

export const DOC_NAME_PARAMETER: ParameterObject = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'The document name, URL-encoded (names may contain spaces and slashes)',
  schema: { type: 'string' },
};

export const IDEMPOTENCY_KEY = 'IdempotencyKey';

export const SHARED_PARAMETERS: Record<string, ParameterObject> = {
  ...Object.fromEntries(Object.entries(LIST_PARAMETERS).map(([k, p]) => [paramComponent(k), p])),
  DocName: DOC_NAME_PARAMETER,
  [IDEMPOTENCY_KEY]: {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'A client-chosen key (1-255 characters, kept 24 hours per user): a retry with the same key and request replays the first response (with Idempotent-Replayed: true); the same key with a different request fails with 422, and one still in progress with 409',
    schema: { type: 'string', maxLength: 255 },
  },
};

/** `or_filters` → `ListOrFilters` */
function paramComponent(listParam: string): string {
  return pascalOf(`list ${listParam}`);
}

export const listParameterRefs = (): Ref[] => Object.keys(LIST_PARAMETERS).map((k) => ref('parameters', paramComponent(k)));
export const docNameRef = (): Ref => ref('parameters', 'DocName');
export const idempotencyKeyRef = (): Ref => ref('parameters', IDEMPOTENCY_KEY);

export const SHARED_HEADERS: Record<string, HeaderObject> = {
  IdempotentReplayed: {
    description: 'true when the response is the stored reply to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: { description: 'Seconds until the rate limit resets', schema: { type: 'integer' } },
  RateLimitLimit: { description: 'Requests allowed per window', schema: { type: 'integer' } },
  RateLimitRemaining: { description: 'Requests left in the window', schema: { type: 'integer' } },
  RateLimitReset: { description: 'Seconds until the window resets', schema: { type: 'integer' } },
};

export const replayedHeader = () => ({ 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') });

function errorResponse(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: schemaRef(FRAPPE_ERROR) } },
  };
}

/** Shared error responses, by HTTP status. */
const ERRORS: Record<string, [string, ResponseObject]> = {
  '400': ['BadRequest', errorResponse('CSRFTokenError (a cookie session write without X-Frappe-CSRF-Token), InvalidAuthorizationToken, or a body that is not JSON')],
  '401': ['Unauthorized', errorResponse('AuthenticationError: bad credentials, or an expired or unknown token')],
  '403': ['Forbidden', errorResponse('PermissionError: the caller lacks the right, or the method is not allowed for Guest')],
  '404': ['NotFound', errorResponse('DoesNotExistError: no such doctype or document')],
  '409': ['Conflict', errorResponse('DuplicateEntryError (the name exists) or IdempotencyConflictError (the same Idempotency-Key is in progress)')],
  '417': [
    'ValidationFailed',
    errorResponse(
      'ValidationError or a subclass: MandatoryError, LinkValidationError, LinkExistsError, TimestampMismatchError, DocstatusTransitionError, UpdateAfterSubmitError, UniqueValidationError, DataError',
    ),
  ],
  '422': ['IdempotencyMismatch', errorResponse('IdempotencyMismatchError: the Idempotency-Key was used with a different request')],
  '429': [
    'TooManyRequests',
    errorResponse('TooManyRequestsError: the rate limit of the caller is spent', {
      'Retry-After': ref('headers', 'RetryAfter'),
      'X-RateLimit-Limit': ref('headers', 'RateLimitLimit'),
      'X-RateLimit-Remaining': ref('headers', 'RateLimitRemaining'),
      'X-RateLimit-Reset': ref('headers', 'RateLimitReset'),
    }),
  ],
};

export const SHARED_RESPONSES: Record<string, ResponseObject> = Object.fromEntries(Object.values(ERRORS));

/** The error responses of an operation: reads may fail with 401/403/404/417/429; writes also with 400/409/422. */
export function errorResponses(write: boolean): Record<string, Ref> {
  const statuses = write ? ['400', '401', '403', '404', '409', '417', '422', '429'] : ['401', '403', '404', '417', '429'];
  return Object.fromEntries(statuses.map((s) => [s, ref('responses', ERRORS[s][0])]));
}
