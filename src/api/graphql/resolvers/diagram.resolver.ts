import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_MAX_ORDER } from '../../../core/analysis';
import type { DiagramFormat } from '../../../core/diagram';
import type { GqlContext } from '../context/context';
import { hasClearance } from './redaction';
import { Report } from '../models/report.model';
import { DiagramFormatEnum } from '../models/diagram.enums';
import { DiagramService } from '../../../case/diagram/diagram.service';

@Resolver(() => Report)
export class DiagramResolver {
  constructor(private readonly diagrams: DiagramService) {}

  @ResolveField(() => String, {
    description:
      "One pathway's argument drawn as a graph (pathway → claims → mitigations and evidence, " +
      'dependsOn dashed), each node coloured by its state after failing `failed`: holds, ' +
      'weakened, broken, failed, not-holding.',
  })
  async diagram(
    @Parent() r: Report,
    @Args('format', { type: () => DiagramFormatEnum }) format: DiagramFormat,
    @Args('pathway', { description: 'Key of the pathway to draw.' }) pathway: string,
    @Args('failed', {
      type: () => [String],
      defaultValue: [],
      description: 'Mitigations and evidence to fail first, as in whatBreaks.',
    })
    failed: string[],
    @Args('maxOrder', {
      type: () => Int,
      defaultValue: DEFAULT_MAX_ORDER,
      description: 'Margins above it are shown as ">maxOrder".',
    })
    maxOrder: number,
    @Context() ctx: GqlContext,
  ): Promise<string> {
    return this.diagrams.draw({
      clearance: await hasClearance(ctx.auth),
      reportId: r.id,
      asOf: r.asOf ?? undefined,
      pathway,
      format,
      failed,
      maxOrder,
    });
  }
}
