import { Field, InputType, PartialType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CLAIM_KINDS, type ClaimKind } from '../../../core/case-model/case';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { ClaimKindEnum } from '../models/case-graph.enums';
import { ArgumentInput } from './argument.input';

@InputType()
export class CreateClaimInput extends ArgumentInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.statement)
  statement!: string;

  @Field(() => ClaimKindEnum, { nullable: true, description: 'Defaults to other.' })
  @IsOptional()
  @IsIn(CLAIM_KINDS)
  kind?: ClaimKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A claim with no supports holds only when assumed.',
  })
  @IsOptional()
  @IsBoolean()
  assumed?: boolean | null;
}

@InputType()
export class UpdateClaimInput extends PartialType(CreateClaimInput) {}
