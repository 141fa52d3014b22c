import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { REQUEST_STATES, type RequestState } from '../../../core/requests/information-request';
import { enumOf } from './case-graph.enums';

export const RequestStateEnum = enumOf<RequestState>(REQUEST_STATES);
registerEnumType(RequestStateEnum, {
  name: 'InformationRequestState',
  description: 'open → answered (by the team) → closed (by the asking side); open → closed.',
});

@ObjectType('InformationRequest', {
  description: 'A question to a team, optionally about nodes, due by a date (SPEC §7).',
})
export class InformationRequest {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1, 2, … within its report.' }) number!: number;
  @Field(() => String, {
    nullable: true,
    description: 'The review it serves (its key); null: the information gathering.',
  })
  review!: string | null;
  @Field({ description: 'The team asked (its key).' }) team!: string;
  @Field() question!: string;
  @Field(() => [String], { description: 'The nodes it is about.' }) nodes!: string[];
  @Field() dueAt!: Date;
  @Field(() => RequestStateEnum) state!: RequestState;
  @Field({ description: 'Open past its due date.' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) askedBy!: string | null;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { nullable: true }) answeredBy!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => [String], { description: 'Evidence items the answer produced (keys).' })
  evidence!: string[];
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  /** It names a restricted (or since deleted) node or evidence item: for redaction. */
  restricted!: boolean;
}
