import { Field, InputType, PartialType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EVIDENCE_STATUSES, type EvidenceStatus } from '../../case-model/case';
import { MAX_LENGTH } from '../../case-format/case-file-schema';
import { EvidenceStatusEnum } from '../../case-graph/case-graph.enums';
import { IsCaseKey } from '../../common/key.validators';

@InputType()
export class CreateEvidenceInput {
  @Field()
  @IsCaseKey()
  key!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.description)
  description?: string | null;

  @Field(() => EvidenceStatusEnum)
  @IsIn(EVIDENCE_STATUSES)
  status!: EvidenceStatus;
}

@InputType()
export class UpdateEvidenceInput extends PartialType(CreateEvidenceInput) {}
