import { Field, ObjectType } from '@nestjs/graphql';
import type { TeamEntity } from './team.entity';

@ObjectType('Team', { description: 'A team that owns controls (security, infra, ...).' })
export class Team {
  id!: string;
  reportId!: string;

  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

export const toTeam = (e: TeamEntity): Team =>
  Object.assign(new Team(), { id: e.id, reportId: e.reportId, key: e.key, name: e.name });
