import { Args, Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../core/shared/domain-error';
import { Evidence } from '../evidence/evidence.model';
import type { GqlContext } from '../graphql/context';
import { Report } from '../reports/report.model';

const DAY_MS = 86_400_000;

@Resolver(() => Report)
export class ValidityResolver {
  @ResolveField(() => [Evidence], {
    description:
      'Valid evidence whose validUntil falls within the next withinDays (or has passed), soonest first.',
  })
  async expiringEvidence(
    @Parent() r: Report,
    @Args('withinDays', { type: () => Float, defaultValue: 30 }) withinDays: number,
    @Context() ctx: GqlContext,
  ): Promise<readonly Evidence[]> {
    if (!(withinDays >= 0 && withinDays <= 3650)) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `withinDays must be between 0 and 3650, got ${withinDays}`,
      );
    }
    const { view } = (await ctx.reports.get({ id: r.id })).version;
    return view.expiringBy(Date.now() + withinDays * DAY_MS);
  }
}
