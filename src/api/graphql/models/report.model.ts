import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ReportState } from '../../../core/case-model/case';
import type { ReportEntity } from '../../../storage/entities/report.entity';
import { ReportStateEnum } from './case-graph.enums';

@ObjectType('Report', { description: 'A risk report: pathways, claims, mitigations and evidence.' })
export class Report {
  id!: string;

  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the report this one iterates on.' })
  previous!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ReportStateEnum, {
    description:
      'draft: edited freely; published: structural edits fail (clone to change it), statuses stay live; archived: takes no changes.',
  })
  state!: ReportState;

  @Field(() => Int, { description: 'Increases with every change to the report.' })
  version!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'The instant asked about with report(key, asOf).',
  })
  asOf!: Date | null;

  /** The findings report(key, findings) asked for: the analyses of its nodes apply them. */
  findings?: FindingsMode;

  /** Whether report(key, overdueFails) asked for overdue controls to fail. */
  overdueFails?: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('ReportCounts')
export class ReportCounts {
  @Field(() => Int) pathways!: number;
  @Field(() => Int) claims!: number;
  @Field(() => Int) mitigations!: number;
  @Field(() => Int) evidence!: number;
  @Field(() => Int) scenarios!: number;
  @Field(() => Int) teams!: number;
}

export const toReport = (e: ReportEntity): Report =>
  Object.assign(new Report(), {
    id: e.id,
    key: e.key,
    title: e.title,
    model: e.model,
    previous: e.previousKey,
    description: e.description,
    state: e.state,
    version: e.version,
    asOf: null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
