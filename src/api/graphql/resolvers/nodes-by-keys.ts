import { viewOf, type AnyNodeModel } from '../models/case-view';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import type { GqlContext } from '../context/context';

/** The API models of a report's nodes, in the order of `keys`, from the request's version. */
export async function nodesByKeys(
  ctx: GqlContext,
  reportId: string,
  keys: readonly string[],
): Promise<AnyNodeModel[]> {
  const view = viewOf((await ctx.reports.get({ id: reportId })).version);
  return keys.map((key) => {
    const node = view.node(key);
    if (!node) {
      throw new DomainError(
        DomainErrorCode.CONCURRENT_CHANGE,
        `'${key}' was deleted or renamed while this request was answered; ask again`,
      );
    }
    return node;
  });
}
