import {
  ArgsType,
  Context,
  Field,
  Int,
  Parent,
  ResolveField,
  Resolver,
  Args,
} from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { Evidence } from '../models/evidence.model';
import type { GqlContext } from '../context/context';
import { Mitigation } from '../models/mitigation.model';
import { Report } from '../models/report.model';
import { StatusChange } from '../models/status-change.model';

@ArgsType()
export class HistoryArgs {
  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset: number = 0;
}

const DESCRIPTION = 'Status changes, newest first.';

@Resolver(() => Report)
export class ReportHistoryResolver {
  @ResolveField(() => [StatusChange], {
    description: `Every status change in the report. ${DESCRIPTION}`,
  })
  history(@Parent() r: Report, @Args() page: HistoryArgs, @Context() ctx: GqlContext) {
    return ctx.history.load({ reportId: r.id, nodeKey: null, ...page });
  }
}

@Resolver(() => Mitigation)
export class MitigationHistoryResolver {
  @ResolveField(() => [StatusChange], { description: DESCRIPTION })
  history(@Parent() m: Mitigation, @Args() page: HistoryArgs, @Context() ctx: GqlContext) {
    return ctx.history.load({ reportId: m.reportId, nodeKey: m.key, ...page });
  }
}

@Resolver(() => Evidence)
export class EvidenceHistoryResolver {
  @ResolveField(() => [StatusChange], { description: DESCRIPTION })
  history(@Parent() e: Evidence, @Args() page: HistoryArgs, @Context() ctx: GqlContext) {
    return ctx.history.load({ reportId: e.reportId, nodeKey: e.key, ...page });
  }
}
