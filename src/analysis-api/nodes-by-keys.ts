import { toNodeModel, type AnyNodeModel } from '../case-graph/node.mapper';
import type { GqlContext } from '../graphql/context';

/** The API models of a report's nodes, in the order of `keys`, through the request's batched loader. */
export async function nodesByKeys(
  ctx: GqlContext,
  reportId: string,
  keys: readonly string[],
): Promise<AnyNodeModel[]> {
  const entities = await ctx.loaders.nodeByReportKey.loadMany(
    keys.map((key) => ({ reportId, key })),
  );
  return entities.map((e, i) => {
    if (!e || e instanceof Error) {
      throw new Error(`node '${keys[i]}' vanished from report ${reportId}`);
    }
    return toNodeModel(e);
  });
}
