import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DocketError } from '../../kernel/errors/errors';

const log = new Logger('GraphQL');

/**
 * Apollo's `formatError`: a DocketError thrown by a resolver keeps its message and carries
 * Frappe's exc_type as `extensions.code` plus its HTTP status as `extensions.http_status`;
 * an unexpected error is logged and, outside development, shown only as "Internal server error".
 */
export function formatGraphqlError(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DocketError) {
      return { ...formatted, message: original.message, extensions: { code: original.excType, http_status: original.httpStatus } };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
    if (development) return formatted;
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', http_status: 500 } };
  };
}
