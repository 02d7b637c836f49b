import { GraphQLFieldResolver, GraphQLScalarType } from 'graphql';
import { Ctx } from '../../kernel/db/context';
import { DocumentService } from '../../kernel/document/document.service';
import { DataError } from '../../kernel/errors/errors';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { MethodRegistry, MethodServices } from '../rest/method-registry';
import { GraphqlContext, WireDoc } from './context';
import { DecimalScalar } from './decimal-scalar';
import { JsonScalar } from './json-scalar';
import { methodQueryResolvers } from './method-queries';
import { encodeCursor, PageArgs, pageWindow } from './pagination';
import { buildModel, GqlDocType, GqlObject } from './schema-model';
import { storefrontResolvers } from './storefront-schema';

type Resolver<TArgs> = GraphQLFieldResolver<WireDoc, GraphqlContext, TArgs>;
/** Resolvers of one type; each declares its own argument type. */
type FieldResolvers = Record<string, Resolver<never>>;
export type ResolverMap = Record<string, GraphQLScalarType | FieldResolvers>;

/** Types a resolver's arguments (a resolver of any arguments fits FieldResolvers). */
function field<TArgs = Record<string, never>>(fn: Resolver<TArgs>): Resolver<TArgs> {
  return fn;
}

interface ListArgs extends PageArgs {
  filters?: unknown;
  or_filters?: unknown;
  order_by?: string | null;
}

interface Connection {
  items: WireDoc[];
  page_info: { has_next_page: boolean; end_cursor: string | null };
}

function asDoc(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DataError('doc must be a JSON object of field values');
  return value as Record<string, unknown>;
}

/** What the resolvers run on besides the doctype registry. */
export interface ResolverDeps {
  docs: DocumentService;
  maxPageLength: number;
  methods: MethodRegistry;
  services: MethodServices;
}

/**
 * The resolver map for the SDL of `buildSdl(registry, methods)`: per-doctype get and list
 * queries, Link `_doc` fields through the request's DataLoaders, child tables, `me`, the method
 * queries, and the generic mutations. Everything goes through DocumentService or a method's
 * handler, so permissions and the lifecycle apply.
 */
export function buildResolvers(registry: MetaRegistry, { docs, maxPageLength, methods, services }: ResolverDeps): ResolverMap {
  const model = buildModel(registry);
  const query: FieldResolvers = {
    ...methodQueryResolvers(methods, services),
    ...storefrontResolvers(() => services.storefront),
    me: field((_src, _args, c) => ({
      name: c.user.name,
      full_name: c.user.fullName ?? c.user.name,
      user_type: c.user.userType,
      roles: [...c.user.roles].sort(),
    })),
  };
  for (const d of model.docTypes) {
    query[d.getField] = field<{ name: string }>((_src, args, c) =>
      c.read(async (ctx) => docs.toJSON(ctx, d.meta, await docs.getDoc(ctx, d.meta.name, args.name))),
    );
    query[d.listField] = field<ListArgs>((_src, args, c) => list(docs, maxPageLength, d, args, c));
  }

  const map: ResolverMap = { Decimal: DecimalScalar, JSON: JsonScalar, Query: query, Mutation: mutations(docs) };
  for (const o of model.objects) map[o.name] = objectResolvers(o);
  return map;
}

async function list(docs: DocumentService, maxPageLength: number, d: GqlDocType, args: ListArgs, c: GraphqlContext): Promise<Connection> {
  const { start, limit } = pageWindow(args, maxPageLength);
  const params = {
    filters: args.filters ?? undefined,
    or_filters: args.or_filters ?? undefined,
    order_by: args.order_by ?? undefined,
  };
  return c.read(async (ctx) => {
    const items = (await docs.getList(ctx, d.meta.name, { ...params, fields: ['*'], limit_start: start, limit_page_length: limit })) as WireDoc[];
    // A full page may be the last one: look one row further.
    const more =
      items.length === limit &&
      (await docs.getList(ctx, d.meta.name, { ...params, fields: ['name'], limit_start: start + limit, limit_page_length: 1 })).length > 0;
    return { items, page_info: { has_next_page: more, end_cursor: items.length ? encodeCursor(start + items.length - 1) : null } };
  });
}

function objectResolvers(o: GqlObject): FieldResolvers {
  const out: FieldResolvers = {};
  for (const f of o.fields) {
    if (f.kind === 'link') {
      out[f.name] = field((parent, _args, c) => {
        const name = parent[f.source];
        return name ? c.linked(f.target).load(String(name)) : null;
      });
    } else if (f.kind === 'table' && !o.meta.isChild) {
      // List rows and linked documents come without child tables: load the whole document.
      out[f.name] = field(async (parent, _args, c) => {
        if (parent[f.name] !== undefined) return parent[f.name];
        const whole = await c.fullDoc(o.meta.name).load(String(parent.name));
        return whole[f.name] ?? null;
      });
    }
  }
  return out;
}

function mutations(docs: DocumentService): FieldResolvers {
  type Named = { doctype: string; name: string };
  const saved = (c: GraphqlContext, action: string, a: Named | { doctype: string }, save: (ctx: Ctx) => Promise<WireDoc>) =>
    c.write(action, a.doctype, a, async (ctx) => docs.toJSON(ctx, docs.meta(a.doctype), await save(ctx)));
  return {
    insertDoc: field<{ doctype: string; doc: unknown }>((_src, a, c) => saved(c, 'insertDoc', a, (ctx) => docs.insert(ctx, a.doctype, asDoc(a.doc)))),
    updateDoc: field<Named & { doc: unknown }>((_src, a, c) => saved(c, 'updateDoc', a, (ctx) => docs.update(ctx, a.doctype, a.name, asDoc(a.doc)))),
    submitDoc: field<Named>((_src, a, c) => saved(c, 'submitDoc', a, (ctx) => docs.submit(ctx, a.doctype, a.name))),
    cancelDoc: field<Named>((_src, a, c) => saved(c, 'cancelDoc', a, (ctx) => docs.cancel(ctx, a.doctype, a.name))),
    deleteDoc: field<Named>((_src, a, c) =>
      c.write('deleteDoc', a.doctype, a, async (ctx) => {
        await docs.delete(ctx, a.doctype, a.name);
        return true;
      }),
    ),
  };
}
