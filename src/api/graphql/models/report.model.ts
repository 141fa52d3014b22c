import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ReportEntity } from '../../../storage/entities/report.entity';

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

  @Field(() => Int, { description: 'Increases with every change to the report.' })
  version!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'The instant asked about with report(key, asOf).',
  })
  asOf!: Date | null;

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
    version: e.version,
    asOf: null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
