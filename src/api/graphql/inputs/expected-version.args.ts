import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Min } from 'class-validator';

/**
 * The optional `expectedVersion` argument of every mutation that changes one report's case or
 * statuses (`@Args() write: ExpectedVersionArgs`, passed on as the write's WriteOptions).
 * CaseService checks it in one place, under the report's lock.
 */
@ArgsType()
export class ExpectedVersionArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      'Write only if the report is still at this version (Report.version as read), else ' +
      'CONFLICT (STALE_VERSION); omitted: the last writer wins.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
