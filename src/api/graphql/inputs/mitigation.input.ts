import { Field, Float, InputType, PartialType } from '@nestjs/graphql';
import {
  IsArray,
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
  MAX_EFFORT,
  MITIGATION_KINDS,
  MITIGATION_STATUSES,
  type MitigationKind,
  type MitigationStatus,
} from '../../../core/case-model/case';
import { MAX_LENGTH } from '../../../core/case-model/case';
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
}

@InputType()
export class UpdateMitigationInput extends PartialType(CreateMitigationInput) {}
