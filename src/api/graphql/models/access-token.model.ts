import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { enumOf } from './case-graph.enums';
import { IsCaseKey } from '../shared/key.validators';
import { ROLES, type Role } from '../../../case/auth/policy';

export const RoleEnum = enumOf<Role>(ROLES);
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'viewer: read. reviewer: read (comments when they exist). editor: change the case and statuses. owner: also delete the report and manage its tokens. hook / metrics: machine tokens for POST /hooks/alertmanager or GET /metrics only.',
});

@ObjectType({ description: 'A bearer token as listed: never its secret.' })
export class AccessToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'The one report it is good for; null: every report.',
  })
  report!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A team-scoped editor: that team’s mitigation statuses only.',
  })
  team!: string | null;

  @Field({
    description:
      "Sees the title, statement, description and notes of restricted nodes (a review's token: its review has full clearance).",
  })
  clearance!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'A reviewer token bound to this review of its report: it acts in no other.',
  })
  review!: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The token that created it.' })
  createdBy!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreatedAccessToken {
  @Field({ description: 'The secret, shown this once: only its hash is kept.' })
  token!: string;

  @Field(() => AccessToken)
  accessToken!: AccessToken;
}

@InputType()
export class CreateAccessTokenInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Bind it to one report (its key).' })
  @IsOptional()
  @IsCaseKey()
  report?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For an editor: only this team’s mitigation statuses.',
  })
  @IsOptional()
  @IsCaseKey()
  team?: string | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  clearance?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "For a reviewer bound to a report: only this review (its key). The review's clearance decides what the token sees.",
  })
  @IsOptional()
  @IsCaseKey()
  review?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; null: never.' })
  @IsOptional()
  expiresAt?: Date | null;
}
