import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One mutation: who asked, what, when, and how it ended.' })
export class AuditEntry {
  @Field()
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The name of the token used.' })
  actor!: string | null;

  @Field({ description: 'The mutation, e.g. setMitigationStatus.' })
  operation!: string;

  @Field(() => String, { nullable: true })
  report!: string | null;

  @Field({
    description:
      'Its arguments as JSON; long strings (case files) as length and SHA-256. To a token ' +
      'without clearance, text of writes to a node that is not there and unrestricted now (and ' +
      'of case files) reads [restricted]; keys, statuses, numbers and flags stay.',
  })
  arguments!: string;

  @Field({
    description:
      'ok, or the error code the caller got; UNFINISHED while it runs, and for good if the service stopped before it finished.',
  })
  outcome!: string;
}
