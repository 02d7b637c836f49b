import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../../config/config';
import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { ApiModule } from '../api.module';
import { ApiRunner } from '../api-runner';
import { METHOD_REGISTRY, MethodRegistry, MethodServices } from '../rest/method-registry';
import { METHOD_SERVICES } from '../rest/method-services';
import { Database } from '../../kernel/db/database';
import { DocumentService } from '../../kernel/document/document.service';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { stringifyExactJson } from '../../kernel/money/json';
import { GraphqlContext, GraphqlDeps } from './context';
import { formatGraphqlError } from './errors';
import { DEFAULT_LIMIT } from './pagination';
import { buildResolvers } from './resolvers';
import { buildSdl } from './sdl';
import { introspectionPolicy } from './introspection-policy';
import { DocumentLimits, documentLimitRules } from './validation-rules';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { storefrontResultCache } from './storefront-result-cache';

export const GRAPHQL_PATH = '/graphql';
/** lexical tokens per document, counted by the parser: bounds all later work (and graphql-js's quadratic field-merge check) */
const MAX_TOKENS = 1000;
/** field nesting (fragments add no level) */
const MAX_DEPTH = 8;
/** aliases per operation, `__typename` included: a page rarely needs more than a few */
const MAX_ALIASES = 30;
/** `@include`/`@skip` per operation */
const MAX_DIRECTIVES = 50;
/** fields per operation with every fragment spread expanded: stops fragment fan-out (F0 spreads F1 twice, F1 spreads F2 twice…) */
const MAX_SELECTIONS = 5000;
/** operations per document: clients send one, GraphiQL a few */
const MAX_OPERATIONS = 20;
/** objects an operation may resolve, estimated from page sizes and nesting */
const MAX_COST = 5000;
/** rows a child table is assumed to hold when estimating a query's cost */
const TABLE_ROWS_ESTIMATE = 10;

function documentLimits(config: AppConfig): DocumentLimits {
  return {
    depth: MAX_DEPTH,
    aliases: MAX_ALIASES,
    directives: MAX_DIRECTIVES,
    selections: MAX_SELECTIONS,
    operations: MAX_OPERATIONS,
    cost: { max: MAX_COST, defaultLimit: DEFAULT_LIMIT, maxLimit: config.maxPageLength, tableRows: TABLE_ROWS_ESTIMATE },
  };
}

function graphqlOptions(
  registry: MetaRegistry,
  docs: DocumentService,
  db: Database,
  config: AppConfig,
  runner: ApiRunner,
  methods: MethodRegistry,
  services: MethodServices,
): ApolloDriverConfig {
  const deps: GraphqlDeps = { docs, db, runner, maxPageLength: config.maxPageLength };
  const development = config.env === 'development';
  return {
    path: GRAPHQL_PATH,
    typeDefs: buildSdl(registry, methods),
    resolvers: buildResolvers(registry, { docs, maxPageLength: config.maxPageLength, methods, services }),
    // Apollo's Fastify integration calls this with Fastify's request and reply.
    context: (req: HttpRequest, reply: HttpReply) => GraphqlContext.fromRequest(req, reply, deps),
    // decided per caller by introspectionPolicy
    introspection: true,
    graphiql: false,
    includeStacktraceInErrorResponses: development,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: documentLimitRules(documentLimits(config)),
    // Apollo's cache hints are not used (the storefront keeps its own answers): no per-field hook
    plugins: [introspectionPolicy(config.security.guestIntrospection), ApolloServerPluginCacheControlDisabled(), storefrontResultCache(() => services.storefront)],
    formatError: formatGraphqlError(development),
    // Decimals a double would change are ExactNumbers: written with their digits.
    stringifyResult: stringifyExactJson,
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
      inject: [MetaRegistry, DocumentService, Database, AppConfig, ApiRunner, METHOD_REGISTRY, METHOD_SERVICES],
      useFactory: graphqlOptions,
    }),
  ],
})
export class GraphqlApiModule {}
