import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { DocumentNode, FormattedExecutionResult, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { StorefrontService } from '../../domain/storefront/storefront.service';
import type { Held } from '../../domain/storefront/storefront-cache';
import type { GraphqlContext } from './context';
import { STOREFRONT_QUERY_NAMES } from './storefront-schema';

const CACHEABLE_FIELDS = new Set<string>([...STOREFRONT_QUERY_NAMES, '__typename']);

/** Whether every top-level field of the operation (through its fragments) is a storefront query. */
export function storefrontOnly(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const only = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return CACHEABLE_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return !!fragment;
      seen.add(s.name.value);
      return only(fragment.selectionSet);
    });
  return only(operation.selectionSet);
}

/**
 * Keeps the executed result of a GraphQL query made of storefront fields only (products,
 * productFacets, product, itemGroupTree), like the storefront's answers: for the caller (guests
 * share one), per query text, operation and variables, until a storefront table changes. A kept
 * result is sent without executing the query again (graphql-js resolving a page's 2,000 fields
 * cost ten times what the answer itself did); results with errors are not kept.
 */
export function storefrontResultCache(storefront: () => StorefrontService): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      let held: Held<FormattedExecutionResult> | null = null;
      return {
        async responseForOperation(rc: GraphQLRequestContext<GraphqlContext>) {
          if (!rc.operation || !rc.document || !storefrontOnly(rc.operation, rc.document)) return null;
          const key = JSON.stringify(['graphql', rc.source, rc.operationName ?? null, rc.request.variables ?? {}]);
          held = await storefront().held<FormattedExecutionResult>(rc.contextValue.user, key);
          if (!held.value) return null;
          const result = held.value;
          held = null;
          return { http: rc.response.http, body: { kind: 'single', singleResult: result } };
        },
        async willSendResponse(rc) {
          if (!held || rc.response.body.kind !== 'single' || rc.response.body.singleResult.errors) return;
          await held.keep(rc.response.body.singleResult);
        },
      };
    },
  };
}
