import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { storefrontOnly } from '../../src/api/graphql/storefront-result-cache';

/** Which GraphQL operations have their executed result kept: queries of storefront fields only, fragments followed. */
describe('storefront result cache: which operations are kept', () => {
  const only = (source: string) => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return storefrontOnly(operation, document);
  };

  it('keeps a query of storefront fields, also through fragments, inline fragments and __typename', () => {
    expect(only('{ products { total_count } productFacets { brands { value } } }')).toBe(true);
    expect(only('query Home { __typename ...Screen } fragment Screen on Query { itemGroupTree { name } product(route: "x") { name } }')).toBe(true);
    expect(only('{ ... on Query { products { total_count } } }')).toBe(true);
  });

  it('executes every time what also asks for anything else, a mutation, or an unknown fragment', () => {
    expect(only('{ products { total_count } me { name } }')).toBe(false);
    expect(only('{ ...Screen } fragment Screen on Query { products { total_count } itemGroups { name } }')).toBe(false);
    expect(only('mutation { products { total_count } }')).toBe(false);
    expect(only('{ ...Missing }')).toBe(false);
  });
});
