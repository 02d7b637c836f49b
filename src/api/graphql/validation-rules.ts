import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';

/**
 * Validation rules that bound what one GraphQL document may ask for. Every rule's work is linear
 * in the document: a fragment is measured once per validation (per operation and page size for
 * the cost estimate), however often it is spread. Token count is bounded before this, by the parser.
 */
export interface DocumentLimits {
  /** how deeply fields nest (fragments add no level; `__schema` is bounded by graphql-js's own introspection rule) */
  depth: number;
  /** aliases per operation, `__typename` ones included */
  aliases: number;
  /** directives per operation */
  directives: number;
  /** field selections per operation once every fragment spread is expanded (stops fragment fan-out) */
  selections: number;
  /** operations per document */
  operations: number;
  /** Docket's estimate of the objects an operation may resolve */
  cost: CostLimits;
}

export interface CostLimits {
  /** the highest cost an operation may have */
  max: number;
  /** page size a list query gets without `limit` */
  defaultLimit: number;
  /** the kernel's page-size cap (a `limit` above it, or from a variable, counts as this) */
  maxLimit: number;
  /** rows counted for each child table */
  tableRows: number;
}

export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  return [operationLimitRule(limits.operations), ...armorRules(limits), costLimitRule(limits.cost)];
}

/**
 * graphql-armor reports "Syntax Error: …" (these are not syntax errors); ours keep its
 * message, say which limit refused the document and leave the code to Apollo
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400).
 */
function reportAs(limit: string, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit, max } }))],
  };
}

function armorRules(limits: DocumentLimits): ValidationRule[] {
  return new ApolloArmor({
    // per caller, see introspection-policy.ts
    blockFieldSuggestion: { enabled: false },
    // the parser counts tokens itself (Apollo's parseOptions.maxTokens): one parse, not two
    maxTokens: { enabled: false },
    maxDepth: { n: limits.depth, flattenFragments: true, ignoreIntrospection: true, ...reportAs('depth', limits.depth) },
    maxAliases: { n: limits.aliases, allowList: [], ...reportAs('aliases', limits.aliases) },
    maxDirectives: { n: limits.directives, ...reportAs('directives', limits.directives) },
    // armor's generic cost with unit weights = the number of selections after fragment expansion
    costLimit: {
      maxCost: limits.selections,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
      exposeLimits: false,
      errorMessage: `The operation selects more than ${limits.selections} fields once its fragments are expanded`,
      ...reportAs('selections', limits.selections),
    },
  }).protect().validationRules;
}

/** Rejects documents with more than `max` operations (each one is validated, whichever is run). */
export function operationLimitRule(max: number): ValidationRule {
  return (context) => ({
    Document(node) {
      const count = node.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
      if (count > max) {
        context.reportError(
          new GraphQLError(`The document holds ${count} operations; at most ${max} are allowed`, { extensions: { limit: 'operations', max, actual: count } }),
        );
      }
    },
  });
}

/** The page size a list field asks for, as far as the document tells (variables are not known yet). */
function limitOf(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, op: OperationDefinitionNode, limits: CostLimits): number {
  let value = args?.find((a) => a.name.value === 'limit')?.value;
  if (value?.kind === Kind.VARIABLE) {
    const name = value.name.value;
    value = op.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue ?? undefined;
    if (!value) return limits.maxLimit;
  }
  if (value?.kind !== Kind.INT) return limits.defaultLimit;
  return Math.min(Math.max(Number(value.value), 1), limits.maxLimit);
}

/**
 * Cost = the number of objects an operation may resolve: each object field costs one per parent
 * it resolves under, and a list multiplies what is below it by its page size (`limit`) or, for
 * child tables, by `tableRows`. Scalar and introspection fields are free.
 *
 * The cost of a selection set is proportional to the number of parents it resolves under
 * (`times`), so a named fragment is costed once for one parent per page size of the list
 * around it, and each spread multiplies that: linear in the document, not in its expansion.
 */
class CostEstimate {
  /** cost of fragment `name` for one parent, by `name/listSize` */
  private readonly fragments = new Map<string, number>();

  constructor(
    private readonly context: ValidationContext,
    private readonly op: OperationDefinitionNode,
    private readonly limits: CostLimits,
  ) {}

  of(set: SelectionSetNode | undefined, parent: GraphQLCompositeType, times: number, listSize: number): number {
    if (!set) return 0;
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const def = parent.getFields()[sel.name.value];
        const type = def && getNamedType(def.type);
        if (!def || !isCompositeType(type)) continue;
        const count = isListType(getNullableType(def.type)) ? times * listSize : times;
        const below = def.args.some((a) => a.name === 'limit') ? limitOf(sel.arguments, this.op, this.limits) : this.limits.tableRows;
        total += count + this.of(sel.selectionSet, type, count, below);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? this.context.getSchema().getType(sel.typeCondition.name.value) : parent;
        if (isCompositeType(on)) total += this.of(sel.selectionSet, on, times, listSize);
      } else {
        total += times * this.fragment(sel.name.value, listSize);
      }
    }
    return total;
  }

  private fragment(name: string, listSize: number): number {
    const key = `${name}/${listSize}`;
    const known = this.fragments.get(key);
    if (known !== undefined) return known;
    // a spread inside its own fragment (a cycle, which graphql reports) adds nothing
    this.fragments.set(key, 0);
    const fragment = this.context.getFragment(name);
    const on = fragment && this.context.getSchema().getType(fragment.typeCondition.name.value);
    const cost = fragment && isCompositeType(on) ? this.of(fragment.selectionSet, on, 1, listSize) : 0;
    this.fragments.set(key, cost);
    return cost;
  }
}

/** Rejects operations whose estimated cost exceeds `limits.max`. */
export function costLimitRule(limits: CostLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = node.operation === 'mutation' ? schema.getMutationType() : node.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
      if (!root) return;
      const cost = new CostEstimate(context, node, limits).of(node.selectionSet, root, 1, limits.tableRows);
      if (cost > limits.max) {
        context.reportError(
          new GraphQLError(
            `The query could resolve about ${cost} objects; at most ${limits.max} are allowed (lower list limits or select fewer nested objects)`,
            { nodes: [node], extensions: { limit: 'cost', max: limits.max, actual: cost } },
          ),
        );
      }
    },
  });
}
