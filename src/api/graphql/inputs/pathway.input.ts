import { Field, InputType, PartialType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { ArgumentInput } from './argument.input';

@InputType()
export class CreatePathwayInput extends ArgumentInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;
}

@InputType()
export class UpdatePathwayInput extends PartialType(CreatePathwayInput) {}
