import Decimal from 'decimal.js';
import { GraphQLFieldResolver } from 'graphql';
import { PermissionError } from '../../kernel/errors/errors';
import { checkArgs } from '../rest/list-params';
import { MethodRegistry, MethodServices, ParamDef, ParamType, QueryMethodDef } from '../rest/method-registry';
import { GraphqlContext } from './context';

/** GraphQL input type of a method parameter of one type; several types (filters: list or object) are JSON. */
const INPUT_TYPE_OF: Record<ParamType, string> = {
  string: 'String',
  integer: 'Int',
  number: 'Decimal',
  boolean: 'Boolean',
  object: 'JSON',
  array: 'JSON',
};

function inputType(p: ParamDef): string {
  const type = typeof p.type === 'string' ? INPUT_TYPE_OF[p.type] : p.type.length === 1 ? INPUT_TYPE_OF[p.type[0]] : 'JSON';
  return p.required ? `${type}!` : type;
}

/** A method query as a root field of the SDL: `field(arg: Type, ...)`, its JSON answer and the method's summary. */
export interface MethodQueryField {
  signature: string;
  type: 'JSON';
  description: string;
}

/** The root query field of a method (arguments in the method's declaration order). */
export function methodQueryField(m: QueryMethodDef): MethodQueryField {
  const args = Object.entries(m.params ?? {}).map(([name, p]) => `${name}: ${inputType(p)}`);
  return {
    signature: args.length ? `${m.graphql.field}(${args.join(', ')})` : m.graphql.field,
    type: 'JSON',
    description: `${m.summary} (the method ${m.path})`,
  };
}

/** GraphQL's parsed argument back to what a REST caller would have sent: a Decimal as its digits. */
function restValue(v: unknown): unknown {
  return v instanceof Decimal ? v.toFixed() : v;
}

/**
 * Resolvers of the method queries: each runs the method's handler in a read context of the
 * caller, after the same guest and argument checks as /api/method, and answers what the REST
 * call has in `message`.
 */
export function methodQueryResolvers(
  methods: MethodRegistry,
  services: MethodServices,
): Record<string, GraphQLFieldResolver<unknown, GraphqlContext, Record<string, unknown>>> {
  const out: Record<string, GraphQLFieldResolver<unknown, GraphqlContext, Record<string, unknown>>> = {};
  for (const m of methods.queries()) {
    out[m.graphql.field] = (_src, given, c) => {
      if (!m.allowGuest && c.user.name === 'Guest') throw new PermissionError('Not permitted');
      const args = checkArgs(m.params ?? {}, Object.fromEntries(Object.entries(given).map(([k, v]) => [k, restValue(v)])));
      return c.read((ctx) => m.handler({ ctx, args, services }));
    };
  }
  return out;
}
