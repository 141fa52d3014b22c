import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import {
  DEFEATS,
  FINDING_KINDS,
  REVIEW_CLEARANCES,
  REVIEW_KINDS,
  type Defeats,
  type FindingKind,
  type ReviewClearance,
  type ReviewKind,
} from '../../../core/review/finding';
import {
  DefeatsEnum,
  FindingKindEnum,
  ReviewClearanceEnum,
  ReviewKindEnum,
} from '../models/review.models';
import { IsCaseKey, IsText } from '../shared/key.validators';

@InputType()
export class CreateReviewInput {
  @Field()
  @IsCaseKey()
  key!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;

  @Field({ description: 'The reviewing organisation or team.' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.name)
  reviewer!: string;

  @Field(() => ReviewKindEnum)
  @IsIn(REVIEW_KINDS)
  kind!: ReviewKind;

  @Field(() => ReviewClearanceEnum)
  @IsIn(REVIEW_CLEARANCES)
  clearance!: ReviewClearance;
}

@InputType()
export class SupportLinkInput {
  @Field({ description: 'The support.' })
  @IsCaseKey()
  from!: string;

  @Field({ description: 'The pathway or claim whose supports name it.' })
  @IsCaseKey()
  to!: string;
}

@InputType({ description: 'On a node or on a support link: give exactly one.' })
export class AddFindingInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCaseKey()
  node?: string | null;

  @Field(() => SupportLinkInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupportLinkInput)
  link?: SupportLinkInput | null;

  @Field(() => FindingKindEnum)
  @IsIn(FINDING_KINDS)
  kind!: FindingKind;

  @Field(() => DefeatsEnum, { nullable: true, description: 'For a defeater, and only for one.' })
  @IsOptional()
  @IsIn(DEFEATS)
  defeats?: Defeats | null;

  @Field()
  @IsText(MAX_LENGTH.description)
  body!: string;
}

@ArgsType()
export class FindingArgs {
  @Field()
  @IsString()
  report!: string;

  @Field()
  @IsString()
  review!: string;

  @Field(() => Int, { description: "The finding's number in its review." })
  @IsInt()
  @Min(1)
  finding!: number;
}

@InputType()
export class RecordSharedInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title!: string;

  @Field({ description: 'Where it is: a link, a data-room path, a meeting.' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.note)
  location!: string;

  @Field(() => Date, { nullable: true, description: 'When it was shared; default now.' })
  @IsOptional()
  sharedAt?: Date | null;

  @Field(() => [String], { defaultValue: [], description: 'The nodes it supports.' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  nodes!: string[];

  @Field(() => ReviewClearanceEnum, { description: 'The clearance it needed.' })
  @IsIn(REVIEW_CLEARANCES)
  clearance!: ReviewClearance;
}
