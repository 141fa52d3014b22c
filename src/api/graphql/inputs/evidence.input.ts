import { Field, Float, InputType, PartialType } from '@nestjs/graphql';
import {
  IsDate,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  EVIDENCE_SCOPES,
  EVIDENCE_STATUSES,
  MAX_EFFORT,
  type EvidenceScope,
  type EvidenceStatus,
} from '../../../core/case-model/case';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { EvidenceScopeEnum, EvidenceStatusEnum } from '../models/case-graph.enums';
import { NodeInput } from './node.input';

@InputType()
export class CreateEvidenceInput extends NodeInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;

  @Field(() => EvidenceStatusEnum)
  @IsIn(EVIDENCE_STATUSES)
  status!: EvidenceStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'After this instant it counts as stale; null: never.',
  })
  @IsOptional()
  @IsDate()
  validUntil?: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Failure probability, 0..1 (SPEC §3.6); null clears it on update.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  probability?: number | null;

  @Field(() => EvidenceScopeEnum, {
    nullable: true,
    description: 'model (the default): about this model, stale in a clone; standing: carries over.',
  })
  @IsOptional()
  @IsIn(EVIDENCE_SCOPES)
  scope?: EvidenceScope | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Estimated cost to redo it; null clears it on update.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_EFFORT)
  effort?: number | null;
}

@InputType()
export class UpdateEvidenceInput extends PartialType(CreateEvidenceInput) {}
