import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../../config/config';
import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { ApiModule } from '../api.module';
import { ApiRunner } from '../api-runner';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { GraphqlContext, GraphqlDeps } from './context';
import { formatGraphqlError } from './errors';
import { DEFAULT_LIMIT } from './pagination';
import { buildResolvers } from './resolvers';
import { buildSdl } from './sdl';
import { costLimitRule, depthLimitRule } from './validation-rules';

export const GRAPHQL_PATH = '/graphql';
const MAX_DEPTH = 8;
const MAX_COST = 5000;
/** rows a child table is assumed to hold when estimating a query's cost */
const TABLE_ROWS_ESTIMATE = 10;

function graphqlOptions(registry: MetaRegistry, docs: DocumentService, db: Database, config: AppConfig, runner: ApiRunner): ApolloDriverConfig {
  const deps: GraphqlDeps = { docs, db, runner, maxPageLength: config.maxPageLength };
  const development = config.env === 'development';
  return {
    path: GRAPHQL_PATH,
    typeDefs: buildSdl(registry),
    resolvers: buildResolvers(registry, docs, config.maxPageLength),
    // Apollo's Fastify integration calls this with Fastify's request and reply.
    context: (req: HttpRequest, reply: HttpReply) => GraphqlContext.fromRequest(req, reply, deps),
    introspection: true,
    graphiql: false,
    includeStacktraceInErrorResponses: development,
    validationRules: [
      depthLimitRule(MAX_DEPTH),
      costLimitRule({ max: MAX_COST, defaultLimit: DEFAULT_LIMIT, maxLimit: config.maxPageLength, tableRows: TABLE_ROWS_ESTIMATE }),
    ],
    formatError: formatGraphqlError(development),
  };
}

/**
 * GraphQL at /graphql: SDL and resolvers generated from the doctype registry (no code-first
 * classes). The caller is the one the auth hook put on the request.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ApiModule],
      inject: [MetaRegistry, DocumentService, Database, AppConfig, ApiRunner],
      useFactory: graphqlOptions,
    }),
  ],
})
export class GraphqlApiModule {}
