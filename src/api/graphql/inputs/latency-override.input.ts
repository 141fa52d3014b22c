import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { LatencyOverride } from '../../../core/analysis';
import { MAX_LENGTH } from '../../../core/case-model/case';

/** A what-if (SPEC §8): every response step of the mitigation takes this long. */
@InputType('LatencyOverrideInput')
export class LatencyOverrideInput {
  @Field({ description: 'The key of the mitigation whose steps are re-timed.' })
  @IsString()
  @MaxLength(MAX_LENGTH.key)
  mitigation!: string;

  @Field({ description: 'A duration (30s, 5m, 4h, 3d) or whole seconds ("14400").' })
  @IsString()
  @MaxLength(32)
  latency!: string;
}

/** whatBreaks' `latencies`: an ArgsType, so that the pipe validates each override. */
@ArgsType()
export class LatencyOverridesArgs {
  @Field(() => [LatencyOverrideInput], {
    nullable: true,
    description: 'Re-time response steps (SPEC §8): the on-call is not paged, 30m becomes 4h.',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LatencyOverrideInput)
  latencies?: LatencyOverrideInput[] | null;

  /** As the analysis takes them: whole seconds as a number, a duration as its text. */
  static toOverrides({ latencies }: LatencyOverridesArgs): LatencyOverride[] {
    return (latencies ?? []).map(({ mitigation, latency }) => ({
      mitigation,
      latency: /^\d+$/.test(latency) ? Number(latency) : latency,
    }));
  }
}
