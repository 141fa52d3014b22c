import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { CaseView, type AnyNodeModel } from './case-view';

type Link = (view: CaseView, key: string) => readonly AnyNodeModel[];

const supports: Link = (view, key) => view.supports(key);
const supportOf: Link = (view, key) => view.supportOf(key);

/**
 * The link fields of argument nodes, by type and field. A fully nested report query resolves
 * them tens of thousands of times; as Nest @ResolveField methods, each call also went through
 * Nest's per-call wrapper (execution context, parameter pipes, exception zone, promises), a
 * large part of that query's time. So they are declared with @Field on the models and resolved
 * by plain graphql-js resolvers, set on the built schema by attachLinkFieldResolvers, from the
 * node's own version of the case (CaseView): synchronously, without a query. Nest's guards,
 * interceptors and filters do not run for them (nor, by default, for any field resolver): only
 * for the root field they are reached through.
 */
const LINK_FIELDS: Record<string, Record<string, Link>> = {
  Pathway: { supports },
  Claim: { supports, supportOf },
  Mitigation: {
    supportOf,
    dependsOn: (view, key) => view.dependsOn(key),
    dependents: (view, key) => view.dependents(key),
  },
  Evidence: { supportOf },
};

function resolverOf(link: Link): GraphQLFieldResolver<AnyNodeModel, unknown> {
  return (node) => link(CaseView.of(node), node.key);
}

/** GraphQLModule's transformSchema: sets the resolvers of LINK_FIELDS on the executable schema. */
export function attachLinkFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(LINK_FIELDS)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${typeName}`);
    for (const [fieldName, link] of Object.entries(fields)) {
      const target = type.getFields()[fieldName];
      if (!target) throw new Error(`no field ${typeName}.${fieldName}`);
      target.resolve = resolverOf(link);
    }
  }
  return schema;
}
