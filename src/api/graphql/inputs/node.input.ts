import { Field, InputType } from '@nestjs/graphql';
import { IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_LENGTH } from '../../../core/case-model/case';
import { IsCaseKey } from '../shared/key.validators';

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

  @Field(() => [String], {
    nullable: true,
    description:
      "Lineage: keys of the previous report's nodes this one replaces (a rename, split or merge); replaces the list.",
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(MAX_LENGTH.key, { each: true })
  previousKeys?: string[] | null;
}

/** A new node's fields that every kind has, from its input. */
export function newNodeFields(input: NodeInput) {
  return {
    key: input.key,
    description: input.description ?? null,
    ...(input.restricted ? { restricted: true } : {}),
    ...(input.previousKeys?.length ? { previousKeys: input.previousKeys } : {}),
  };
}

/** The fields every kind has that an update changes (undefined: unchanged, see definedFields). */
export function changedNodeFields(input: {
  key?: string | null;
  description?: string | null;
  restricted?: boolean | null;
  previousKeys?: string[] | null;
}) {
  return {
    key: input.key ?? undefined,
    description: input.description,
    restricted: input.restricted ?? undefined,
    // null or [] clears the lineage.
    previousKeys: input.previousKeys === undefined ? undefined : (input.previousKeys ?? []),
  };
}

/** A mitigation's or evidence item's probability from a create input, when it has one. */
export function newProbability(input: { probability?: number | null }) {
  return typeof input.probability === 'number' ? { probability: input.probability } : {};
}

/**
 * The probability an update sets: null clears it (the field is set to undefined, so it is not
 * dropped as unchanged), absent leaves it. Apply after definedFields.
 */
export function changedProbability(input: { probability?: number | null }) {
  return input.probability === undefined ? {} : { probability: input.probability ?? undefined };
}
