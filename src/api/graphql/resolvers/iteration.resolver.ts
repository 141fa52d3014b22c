import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { IterationService } from '../../../case/iteration/iteration.service';
import { apiOrigin } from '../context/api-origin';
import type { GqlContext } from '../context/context';
import { CloneReportArgs } from '../inputs/report.input';
import { Report, toReport } from '../models/report.model';

/** SPEC §6: iterating a report for the next model. */
@Resolver()
export class IterationResolver {
  constructor(private readonly iteration: IterationService) {}

  @Mutation(() => Report, {
    description:
      'Copies a report for the next model as a draft (previous: from); model-scoped evidence becomes stale.',
  })
  async cloneReport(@Args() args: CloneReportArgs, @Context() ctx: GqlContext): Promise<Report> {
    const { name } = await ctx.auth.principal();
    const { from, key, title, model } = args;
    return toReport(await this.iteration.cloneReport(from, { key, title, model }, name));
  }

  @Mutation(() => Report, {
    description:
      "Freezes the argument's structure (edits then fail with CONFLICT); statuses stay live.",
  })
  async publishReport(@Args('key') key: string, @Context() ctx: GqlContext): Promise<Report> {
    return toReport(await this.iteration.publishReport(key, await apiOrigin(ctx.auth, undefined)));
  }

  @Mutation(() => Report, { description: 'Takes the report out of service: it takes no changes.' })
  async archiveReport(@Args('key') key: string, @Context() ctx: GqlContext): Promise<Report> {
    return toReport(await this.iteration.archiveReport(key, await apiOrigin(ctx.auth, undefined)));
  }
}
