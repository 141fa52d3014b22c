import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { REQUEST_STATES, type RequestState } from '../../../core/requests/information-request';
import { RequestStateEnum } from '../models/request.models';
import { IsCaseKey, IsText } from '../shared/key.validators';
import { PageArgs } from './pagination.args';

/** Keys a request or answer names: at most this many. */
const MAX_KEYS = 1000;

@InputType()
export class CreateInformationRequestInput {
  @Field({ description: 'The team asked (its key).' })
  @IsCaseKey()
  team!: string;

  @Field()
  @IsText(MAX_LENGTH.description)
  question!: string;

  @Field(() => [String], { defaultValue: [], description: 'The nodes it is about.' })
  @IsArray()
  @ArrayMaxSize(MAX_KEYS)
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  nodes!: string[];

  @Field(() => Date, { description: 'When the answer is due (in the future).' })
  @IsDate()
  dueAt!: Date;
}

@InputType()
export class AnswerInformationRequestInput {
  @Field()
  @IsText(MAX_LENGTH.description)
  answer!: string;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Evidence items of the report the answer produced (keys).',
  })
  @IsArray()
  @ArrayMaxSize(MAX_KEYS)
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  evidence!: string[];
}

@ArgsType()
export class RequestFilterArgs extends PageArgs {
  @Field(() => RequestStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(REQUEST_STATES)
  state?: RequestState | null;

  @Field(() => String, { nullable: true, description: 'Only those to this team.' })
  @IsOptional()
  @IsString()
  team?: string | null;

  @Field(() => String, { nullable: true, description: 'Only those of this review (its key).' })
  @IsOptional()
  @IsString()
  review?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only those open past their due date; false: only the others.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}

@ArgsType()
export class RequestArgs {
  @Field()
  @IsString()
  report!: string;

  @Field(() => Int, { description: "The request's number in its report." })
  @IsInt()
  @Min(1)
  request!: number;
}
