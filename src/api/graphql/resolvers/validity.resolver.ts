import { Args, Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { viewOf } from '../models/case-view';
import { Evidence } from '../models/evidence.model';
import { Mitigation } from '../models/mitigation.model';
import type { GqlContext } from '../context/context';
import { Report } from '../models/report.model';

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
    refuseWindow(withinDays);
    return viewOf((await ctx.reports.get({ id: r.id })).version).expiringBy(
      Date.now() + withinDays * DAY_MS,
    );
  }

  @ResolveField(() => [Mitigation], {
    description:
      'Mitigations in place whose verification (verifyEvery after lastVerified, SPEC §8) falls due within the next withinDays or is overdue (never verified first), soonest first.',
  })
  async verificationDue(
    @Parent() r: Report,
    @Args('withinDays', { type: () => Float, defaultValue: 30 }) withinDays: number,
    @Context() ctx: GqlContext,
  ): Promise<readonly Mitigation[]> {
    refuseWindow(withinDays);
    return viewOf((await ctx.reports.get({ id: r.id })).version).verificationDueBy(
      Date.now() + withinDays * DAY_MS,
    );
  }
}

function refuseWindow(withinDays: number): void {
  if (!(withinDays >= 0 && withinDays <= 3650)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `withinDays must be between 0 and 3650, got ${withinDays}`,
    );
  }
}
