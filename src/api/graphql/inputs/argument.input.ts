import { Field, InputType, Int } from '@nestjs/graphql';
import { IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { RequiresModeEnum, type RequiresMode } from '../models/case-graph.enums';
import { NodeInput } from './node.input';

/** Fields shared by the nodes whose argument rests on supports: pathways and claims. */
@InputType({ isAbstract: true })
export abstract class ArgumentInput extends NodeInput {
  @Field(() => RequiresModeEnum, { nullable: true, description: 'Defaults to all.' })
  @IsOptional()
  @IsIn(['all', 'any', 'atLeast'])
  requires?: RequiresMode | null;

  @Field(() => Int, { nullable: true, description: 'K, with requires: atLeast.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  atLeast?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Keys of the claims, mitigations and evidence it rests on; replaces the list.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  supports?: string[] | null;
}
