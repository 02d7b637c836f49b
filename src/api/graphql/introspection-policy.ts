import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { GraphqlContext } from './context';

/** graphql-armor's block-field-suggestions alone: it masks "Did you mean …?" in error messages. */
const [hideSuggestions] = new ApolloArmor({
  blockFieldSuggestion: { enabled: true },
  maxTokens: { enabled: false },
  costLimit: { enabled: false },
  maxAliases: { enabled: false },
  maxDirectives: { enabled: false },
  maxDepth: { enabled: false },
}).protect().plugins;

/**
 * Apollo's `introspection` switch is global; this decides per request. Logged-in callers may
 * always introspect; Guest only when `guestMayIntrospect` (GRAPHQL_INTROSPECTION, on by default
 * outside production). A Guest who may not is refused `__schema` and `__type` (not `__typename`)
 * and gets no field-name suggestions in error messages, which would leak the schema too.
 */
export function introspectionPolicy(guestMayIntrospect: boolean): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart(request) {
      if (guestMayIntrospect || request.contextValue.user.name !== 'Guest') return;
      const masking = await hideSuggestions.requestDidStart?.(request);
      return {
        ...masking,
        async didResolveOperation({ schema, document }) {
          const [found] = validate(schema, document, [NoSchemaIntrospectionCustomRule]);
          if (!found) return;
          const node = found.nodes?.[0];
          const field = node?.kind === Kind.FIELD ? node.name.value : '__schema';
          throw new GraphQLError(`Schema introspection (${field}) is not available to Guest; log in to introspect`, {
            nodes: found.nodes,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
