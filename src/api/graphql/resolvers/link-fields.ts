import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { setFieldResolvers } from '../shared/set-field-resolvers';
import { CaseView, type AnyNodeModel } from '../models/case-view';
import type { ResponseStep, Scenario } from '../models/scenario.model';

/** A link field's resolver: the nodes `read` gives from the node's own version of the case. */
const link =
  (
    read: (view: CaseView, key: string) => readonly AnyNodeModel[],
  ): GraphQLFieldResolver<AnyNodeModel, unknown> =>
  (node) =>
    read(CaseView.of(node), node.key);

const supports = link((view, key) => view.supports(key));
const supportOf = link((view, key) => view.supportOf(key));

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
const LINK_FIELDS = {
  Pathway: { supports, scenarios: link((view, key) => view.scenariosOf(key)) },
  Claim: { supports, supportOf },
  Mitigation: {
    supportOf,
    dependsOn: link((view, key) => view.dependsOn(key)),
    dependents: link((view, key) => view.dependents(key)),
  },
  Evidence: { supportOf },
  Scenario: {
    supportOf,
    pathway: (s: Scenario) => CaseView.of(s).node(s.pathwayKey),
  },
  ResponseStep: { mitigation: (step: ResponseStep) => CaseView.of(step).node(step.mitigationKey) },
};

/** GraphQLModule's transformSchema: sets the resolvers of LINK_FIELDS on the executable schema. */
export function attachLinkFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  return setFieldResolvers(schema, LINK_FIELDS);
}
