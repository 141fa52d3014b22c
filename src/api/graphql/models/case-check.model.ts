import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CaseIssue', { description: 'An error or warning found in a case file.' })
export class CaseIssueModel {
  @Field() severity!: string;
  @Field() code!: string;
  @Field() message!: string;
  @Field(() => Int, { nullable: true }) line!: number | null;
  @Field(() => [String]) keys!: string[];
}

@ObjectType('CaseCheck')
export class CaseCheck {
  @Field({ description: 'True when the file has no errors (warnings allowed).' })
  valid!: boolean;

  @Field(() => [CaseIssueModel])
  issues!: CaseIssueModel[];
}
