import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_LENGTH } from '../../case-model/case';
import { IsCaseKey } from '../../common/key.validators';

/** Fields every node kind's input has. */
@InputType({ isAbstract: true })
export abstract class NodeInput {
  @Field()
  @IsCaseKey()
  key!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.description)
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only tokens with clearance read its text (default false).',
  })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean | null;
}
