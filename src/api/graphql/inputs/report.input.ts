import { ArgsType, Field, InputType, PartialType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { IsCaseKey } from '../shared/key.validators';

@InputType()
export class CreateReportInput {
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
  @MaxLength(MAX_LENGTH.name)
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the report this one iterates on.' })
  @IsOptional()
  @IsCaseKey()
  previous?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.description)
  description?: string | null;
}

@InputType()
export class UpdateReportInput extends PartialType(CreateReportInput) {}

@ArgsType()
export class CloneReportArgs {
  @Field({ description: 'The report to copy.' })
  @IsCaseKey()
  from!: string;

  @Field({ description: "The new report's key." })
  @IsCaseKey()
  key!: string;

  @Field(() => String, { nullable: true, description: "Default: the source's title." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LENGTH.title)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "The next model; default: the source's." })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.name)
  model?: string | null;
}
