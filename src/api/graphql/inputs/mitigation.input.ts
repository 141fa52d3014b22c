import { Field, Float, InputType, PartialType } from '@nestjs/graphql';
import {
  IsArray,
  IsDate,
  IsIn,
  Matches,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  MAX_EFFORT,
  MITIGATION_KINDS,
  MITIGATION_STATUSES,
  type MitigationKind,
  type MitigationStatus,
} from '../../../core/case-model/case';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { DURATION_HINT, DURATION_PATTERN, parseDuration } from '../../../core/case-model/duration';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { MitigationKindEnum, MitigationStatusEnum } from '../models/case-graph.enums';
import { NodeInput } from './node.input';
import { IsCaseKey } from '../shared/key.validators';

@InputType()
export class CreateMitigationInput extends NodeInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;

  @Field(() => MitigationKindEnum, { nullable: true, description: 'Defaults to other.' })
  @IsOptional()
  @IsIn(MITIGATION_KINDS)
  kind?: MitigationKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'Owning team key; an undeclared team is created.',
  })
  @IsOptional()
  @IsCaseKey()
  team?: string | null;

  @Field(() => MitigationStatusEnum)
  @IsIn(MITIGATION_STATUSES)
  status!: MitigationStatus;

  @Field(() => [String], {
    nullable: true,
    description: 'Keys of the mitigations it depends on; replaces the list.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  dependsOn?: string[] | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_EFFORT)
  effort?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Failure probability, 0..1 (SPEC §3.6); null clears it on update.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  probability?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'How often it must be verified (SPEC §8): 30s, 5m, 2h, 90d; null clears it on update.',
  })
  @IsOptional()
  @MaxLength(16)
  @Matches(DURATION_PATTERN, { message: `verifyEvery ${DURATION_HINT}` })
  verifyEvery?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was last verified to work; null clears it on update.',
  })
  @IsOptional()
  @IsDate()
  lastVerified?: Date | null;

  /** The verification fields as the case holds them: seconds and an ISO instant. */
  static verification(input: Pick<CreateMitigationInput, 'verifyEvery' | 'lastVerified'>): {
    verifyEvery?: number;
    lastVerified?: string;
  } {
    const fields: { verifyEvery?: number; lastVerified?: string } = {};
    if (input.verifyEvery !== null && input.verifyEvery !== undefined) {
      const seconds = parseDuration(input.verifyEvery);
      if (seconds === null || seconds === 0) {
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          `verifyEvery '${input.verifyEvery}' must be a positive duration of at most 36500d`,
        );
      }
      fields.verifyEvery = seconds;
    }
    if (input.lastVerified) fields.lastVerified = input.lastVerified.toISOString();
    return fields;
  }
}

@InputType()
export class UpdateMitigationInput extends PartialType(CreateMitigationInput) {}
