import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestListener,
} from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Limits on what one GraphQL document may ask for: deep nesting and sheer size. */
export const QUERY_LIMITS = { maxDepth: 12, maxComplexity: 2000 } as const;

/**
 * Refuses documents nested deeper than maxDepth or with more than maxComplexity fields (each
 * field counts 1; lists are not multiplied: pages are bounded by their own limits) before they
 * run. Depth counts the fields along the deepest path, leaf included: the fully nested report
 * query of the benchmark has depth 5 and complexity under 100.
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  const listener: GraphQLRequestListener<BaseContext> = {
    // A throw in the executor rejects: Apollo answers with the error and runs nothing.
    didResolveOperation: (ctx) => new Promise<void>((resolve) => resolve(checkLimits(ctx))),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

function checkLimits({
  request,
  document,
  schema,
}: GraphQLRequestContextDidResolveOperation<BaseContext>): void {
  const depth = depthOf(document);
  if (depth > QUERY_LIMITS.maxDepth) {
    throw new GraphQLError(
      `query is nested ${depth} levels deep; at most ${QUERY_LIMITS.maxDepth} are allowed`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  const complexity = getComplexity({
    schema,
    operationName: request.operationName,
    query: document,
    variables: request.variables,
    estimators: [simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > QUERY_LIMITS.maxComplexity) {
    throw new GraphQLError(
      `query has complexity ${complexity}; at most ${QUERY_LIMITS.maxComplexity} is allowed`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
}

/**
 * The deepest field selection of the document's operations, following fragment spreads at the
 * depth they are spread (validation has already refused fragment cycles).
 */
function depthOf(document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  }
  const walk = (set: SelectionSetNode | undefined, depth: number): number => {
    if (!set) return depth;
    let deepest = depth;
    for (const selection of set.selections) {
      const nested =
        selection.kind === Kind.FIELD
          ? walk(selection.selectionSet, depth + 1)
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? walk(fragments.get(selection.name.value), depth)
            : walk(selection.selectionSet, depth);
      deepest = Math.max(deepest, nested);
    }
    return deepest;
  };
  let deepest = 0;
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, walk(d.selectionSet, 0));
  }
  return deepest;
}
