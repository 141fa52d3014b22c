import { Field, Int, ObjectType } from '@nestjs/graphql';
import { NodeKindEnum } from './case-graph.enums';
import type { NodeKind } from '../../../core/case-model/case';
import { StatusChange } from './status-change.model';

@ObjectType('MarginShift', {
  description: 'A pathway or claim whose margin changed; null is "more than maxOrder".',
})
export class MarginShift {
  @Field() key!: string;
  @Field(() => NodeKindEnum) nodeKind!: NodeKind;
  @Field(() => Int, { nullable: true }) before!: number | null;
  @Field(() => Int, { nullable: true }) after!: number | null;
}

@ObjectType('ArgumentChange', {
  description: 'What a status change did to the argument (the what-breaks difference).',
})
export class ArgumentChange {
  @Field() report!: string;
  @Field(() => Int, { description: 'The report version the change produced.' }) version!: number;
  @Field(() => [StatusChange]) changes!: StatusChange[];
  @Field(() => [MarginShift], { description: 'Held before, not after.' }) broken!: MarginShift[];
  @Field(() => [MarginShift], { description: 'Did not hold before, hold now.' })
  restored!: MarginShift[];
  @Field(() => [MarginShift], { description: 'Held before and after, with another margin.' })
  marginChanged!: MarginShift[];
}
