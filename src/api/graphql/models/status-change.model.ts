import { Field, ObjectType } from '@nestjs/graphql';
import { NodeKindEnum } from './case-graph.enums';
import type { StatusChangeEntity } from '../../../storage/entities/status-change.entity';

@ObjectType('StatusChange', {
  description: 'One change of a mitigation’s or evidence item’s status.',
})
export class StatusChange {
  @Field({ description: 'The node’s key when it changed.' }) key!: string;
  @Field(() => NodeKindEnum) nodeKind!: 'mitigation' | 'evidence';
  @Field(() => String, { nullable: true, description: 'Null when the node came into being.' })
  from!: string | null;
  @Field() to!: string;
  @Field() at!: Date;
  @Field({ description: 'api, webhook, import, expiry or clone (cloneReport).' }) source!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Token name or system; null when anonymous.',
  })
  actor!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  /** For redaction: the note of a restricted node's change needs clearance. */
  reportId!: string;
}

export const toStatusChange = (e: StatusChangeEntity): StatusChange => ({
  reportId: e.reportId,
  key: e.nodeKey,
  nodeKind: e.nodeKind,
  from: e.fromStatus,
  to: e.toStatus,
  at: e.changedAt,
  source: e.source,
  actor: e.actor,
  note: e.note,
});
