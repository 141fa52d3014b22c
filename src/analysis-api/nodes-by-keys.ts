import type { AnyNodeModel } from '../case-graph/node.mapper';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { GqlContext } from '../graphql/context';

/** The API models of a report's nodes, in the order of `keys`, through the request's batched loader. */
export async function nodesByKeys(
  ctx: GqlContext,
  reportId: string,
  keys: readonly string[],
): Promise<AnyNodeModel[]> {
  const nodes = await ctx.loaders.nodeByReportKey.loadMany(keys.map((key) => ({ reportId, key })));
  return nodes.map((node, i) => {
    if (!node || node instanceof Error) {
      throw new DomainError(
        DomainErrorCode.CONCURRENT_CHANGE,
        `'${keys[i]}' was deleted or renamed while this request was answered; ask again`,
      );
    }
    return node;
  });
}
