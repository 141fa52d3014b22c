import { Field, InputType, PartialType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { IsCaseKey } from '../shared/key.validators';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsCaseKey()
  key!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.name)
  name?: string | null;
}

@InputType()
export class UpdateTeamInput extends PartialType(CreateTeamInput) {}
