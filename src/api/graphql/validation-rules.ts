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
 * Two small validation rules that bound what one GraphQL document may ask of the database:
 * how deeply selections nest, and roughly how many objects it may resolve. Introspection
 * fields (`__schema`, `__type`, `__typename`) are not counted.
 */

/** Fragment names already entered on the current path (cycles are reported by graphql itself). */
type Path = ReadonlySet<string>;

function depthOf(context: ValidationContext, set: SelectionSetNode | undefined, path: Path): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (!sel.name.value.startsWith('__')) deepest = Math.max(deepest, 1 + depthOf(context, sel.selectionSet, path));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(context, sel.selectionSet, path));
    } else {
      const fragment = context.getFragment(sel.name.value);
      if (fragment && !path.has(sel.name.value)) {
        deepest = Math.max(deepest, depthOf(context, fragment.selectionSet, new Set([...path, sel.name.value])));
      }
    }
  }
  return deepest;
}

/** Rejects operations whose selections nest deeper than `max` fields. */
export function depthLimitRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const depth = depthOf(context, node.selectionSet, new Set());
      if (depth > max) {
        context.reportError(
          new GraphQLError(`The query nests ${depth} levels deep; at most ${max} are allowed`, {
            nodes: [node],
            extensions: { limit: 'depth', max, actual: depth },
          }),
        );
      }
    },
  });
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
 * child tables, by `tableRows`. Scalar fields are free.
 */
function costOf(
  context: ValidationContext,
  op: OperationDefinitionNode,
  limits: CostLimits,
  set: SelectionSetNode | undefined,
  parent: GraphQLCompositeType,
  times: number,
  listSize: number,
  path: Path,
): number {
  if (!set) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const def = parent.getFields()[sel.name.value];
      const type = def && getNamedType(def.type);
      if (!def || !isCompositeType(type)) continue;
      const count = isListType(getNullableType(def.type)) ? times * listSize : times;
      const below = def.args.some((a) => a.name === 'limit') ? limitOf(sel.arguments, op, limits) : limits.tableRows;
      total += count + costOf(context, op, limits, sel.selectionSet, type, count, below, path);
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : context.getFragment(sel.name.value);
      if (!fragment || (sel.kind === Kind.FRAGMENT_SPREAD && path.has(sel.name.value))) continue;
      const on = fragment.typeCondition ? context.getSchema().getType(fragment.typeCondition.name.value) : parent;
      if (!isCompositeType(on)) continue;
      const inner = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...path, sel.name.value]) : path;
      total += costOf(context, op, limits, fragment.selectionSet, on, times, listSize, inner);
    }
  }
  return total;
}

/** Rejects operations whose estimated cost exceeds `limits.max`. */
export function costLimitRule(limits: CostLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = node.operation === 'mutation' ? schema.getMutationType() : node.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
      if (!root) return;
      const cost = costOf(context, node, limits, node.selectionSet, root, 1, limits.tableRows, new Set());
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
