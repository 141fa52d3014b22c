import {
  getNamedType,
  GraphQLObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
// graphql-js's own field collection (fragments, type conditions, @skip/@include); marked internal
// but part of graphql 16's published modules. Used only to decide what to preload.
import { collectSubfields } from 'graphql/execution/collectFields';
import type { GqlContext } from '../graphql/context';
import type { Mitigation } from '../mitigations/mitigation.model';
import type { TeamEntity } from '../teams/team.entity';
import type { CaseGraphLoaders, SettledLoader } from './case-graph.loaders';
import type { AnyNodeModel } from './node.mapper';

/** A field answered from one request loader, by one key of its node. */
interface LoadedField {
  readonly loader: (loaders: CaseGraphLoaders) => SettledLoader<unknown>;
  /** What to load for the node; null when there is nothing to load (the field is null). */
  readonly key: (node: AnyNodeModel) => string | null;
  /** The field's value from what was loaded; that itself by default. */
  readonly answer?: (loaded: unknown) => unknown;
}

const linkBy = (loader: LoadedField['loader']): LoadedField => ({ loader, key: (node) => node.id });
const supports = linkBy((l) => l.supports);
const supportOf = linkBy((l) => l.supportOf);
const team: LoadedField = {
  loader: (l) => l.teamById,
  key: (node) => (node as Mitigation).teamId,
  answer: (owner) => (owner as TeamEntity | null)?.key ?? null,
};

/**
 * The link fields of argument nodes, and a mitigation's team key, by type and field. A fully
 * nested report query resolves them about 20,000 times; as Nest @ResolveField methods, each
 * call also went through Nest's per-call wrapper (execution context, parameter pipes, exception
 * zone, promises), a large part of that query's time. So they are declared with @Field on the
 * models and resolved by plain graphql-js resolvers, set on the built schema by
 * attachLinkFieldResolvers. They take no arguments and batch through the request's loaders.
 * Nest's guards, interceptors and filters do not run for them (nor, by default, for any field
 * resolver): only for the root field they are reached through.
 */
const LINK_FIELDS: Record<string, Record<string, LoadedField>> = {
  Pathway: { supports },
  Claim: { supports, supportOf },
  Mitigation: {
    supportOf,
    dependsOn: linkBy((l) => l.dependsOn),
    dependents: linkBy((l) => l.dependents),
    team,
  },
  Evidence: { supportOf },
};

/** The loader's answer as it is: the value itself once loaded (see preloadLinkFields). */
function resolverOf(field: LoadedField): GraphQLFieldResolver<AnyNodeModel, GqlContext> {
  return (node, _args, ctx) => {
    const key = field.key(node);
    if (key === null) return null;
    const loaded = field.loader(ctx.loaders).load(key);
    if (!field.answer) return loaded;
    return loaded instanceof Promise ? loaded.then(field.answer) : field.answer(loaded);
  };
}

/** GraphQLModule's transformSchema: sets the resolvers of LINK_FIELDS on the executable schema. */
export function attachLinkFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(LINK_FIELDS)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${typeName}`);
    for (const [fieldName, field] of Object.entries(fields)) {
      const target = type.getFields()[fieldName];
      if (!target) throw new Error(`no field ${typeName}.${fieldName}`);
      target.resolve = resolverOf(field);
    }
  }
  return schema;
}

/**
 * For a resolver about to return a list of nodes of one type: loads the link fields its
 * selection asks of them, one batch per field for the whole list, so that each node's link
 * fields then resolve without a promise. Only an optimisation: what it does not preload, the
 * resolvers load on their own.
 */
export async function preloadLinkFields(
  nodes: readonly AnyNodeModel[],
  info: GraphQLResolveInfo,
  ctx: GqlContext,
): Promise<void> {
  const type = getNamedType(info.returnType);
  if (!(type instanceof GraphQLObjectType) || !Object.hasOwn(LINK_FIELDS, type.name)) return;
  if (nodes.length === 0) return;
  const fields = LINK_FIELDS[type.name];
  const selected = collectSubfields(
    info.schema,
    info.fragments,
    info.variableValues,
    type,
    info.fieldNodes,
  );
  const loads: Promise<void>[] = [];
  for (const [, fieldNodes] of selected) {
    const name = fieldNodes[0].name.value;
    if (!Object.hasOwn(fields, name)) continue;
    const field = fields[name];
    const keys = new Set<string>();
    for (const node of nodes) {
      const key = field.key(node);
      if (key !== null) keys.add(key);
    }
    loads.push(field.loader(ctx.loaders).loadAll(keys));
  }
  await Promise.all(loads);
}
