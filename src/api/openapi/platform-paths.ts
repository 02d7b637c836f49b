import { errorResponses, schemaRef } from './components';
import { JsonSchema, PathItemObject, TagObject } from './types';

/** Routes outside the doctype and method registries: GraphQL, health probes, metrics. */

export const GRAPHQL_TAG = 'GraphQL';
export const OPERATIONS_TAG = 'Operations';

export const PLATFORM_TAGS: TagObject[] = [
  { name: GRAPHQL_TAG, description: 'The GraphQL API generated from the same doctypes (schema.graphql)' },
  { name: OPERATIONS_TAG, description: 'Health probes and Prometheus metrics (no authentication)' },
];

export const PLATFORM_SCHEMAS: Record<string, JsonSchema> = {
  GraphqlRequest: {
    type: 'object',
    required: ['query'],
    properties: {
      query: { type: 'string', description: 'A GraphQL document' },
      variables: { type: ['object', 'null'], description: 'Values of the variables of the operation' },
      operationName: { type: ['string', 'null'], description: 'The operation to run when the document holds several' },
    },
  },
  GraphqlResponse: {
    type: 'object',
    properties: {
      data: { type: ['object', 'null'] },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['message'],
          properties: {
            message: { type: 'string' },
            path: { type: 'array', items: { type: ['string', 'integer'] } },
            extensions: {
              type: 'object',
              description: "code: Frappe's exc_type (or a GraphQL code); http_status: the status REST would answer",
              properties: { code: { type: 'string' }, http_status: { type: 'integer' } },
            },
          },
        },
      },
    },
  },
  HealthCheckResult: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
      info: { type: 'object', description: 'Checks that are up' },
      error: { type: 'object', description: 'Checks that are down' },
      details: { type: 'object', description: 'Every check' },
    },
  },
};

function health(operationId: string, summary: string, description: string, withDown: boolean): PathItemObject {
  const result = { 'application/json': { schema: schemaRef('HealthCheckResult') } };
  return {
    get: {
      operationId,
      summary,
      description,
      tags: [OPERATIONS_TAG],
      security: [],
      responses: {
        '200': { description: 'Up', content: result },
        ...pick(errorResponses(false), ['401']),
        ...(withDown ? { '503': { description: 'A dependency is down', content: result } } : {}),
      },
    },
  };
}

export function platformPaths(): Record<string, PathItemObject> {
  return {
    '/api/health/live': health('healthLive', 'Liveness probe', 'The process is up and its event loop answers.', false),
    '/api/health/ready': health('healthReady', 'Readiness probe', 'The database answers, and Redis when it is configured.', true),
    '/graphql': {
      post: {
        operationId: 'graphql',
        summary: 'Run a GraphQL operation',
        description:
          'Same callers and permissions as REST. Errors come in errors[] with HTTP 200; queries deeper or costlier than the limits are refused.',
        tags: [GRAPHQL_TAG],
        requestBody: { required: true, content: { 'application/json': { schema: schemaRef('GraphqlRequest') } } },
        responses: {
          '200': { description: 'The result', content: { 'application/json': { schema: schemaRef('GraphqlResponse') } } },
          '400': { description: 'The request is not a valid GraphQL request', content: { 'application/json': { schema: schemaRef('GraphqlResponse') } } },
          ...pick(errorResponses(false), ['401', '429']),
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        description: 'HTTP request counts and latencies, process and runtime metrics, in the Prometheus text format.',
        tags: [OPERATIONS_TAG],
        security: [],
        responses: {
          '200': { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...pick(errorResponses(false), ['401']),
        },
      },
    },
  };
}

function pick<T>(from: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.map((k) => [k, from[k]]));
}
