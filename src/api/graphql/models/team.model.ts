import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Team', { description: 'A team that owns controls (security, infra, ...).' })
export class Team {
  reportId!: string;

  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}
