import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { jsonNumber } from '../../kernel/money/decimal';

type Variables = { readonly [name: string]: unknown } | null | undefined;

function literal(ast: ValueNode, variables: Variables): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      // with its digits, as in a JSON body (a decimal field takes them as written)
      return jsonNumber(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}

/** Any JSON value, as variables or as inline literals (`filters: {status: "Open"}`). */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literal(ast, variables),
});
