import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  DEFEATS,
  FINDING_KINDS,
  FINDING_STATES,
  REVIEW_CLEARANCES,
  REVIEW_KINDS,
  REVIEW_STATES,
  type Defeats,
  type FindingKind,
  type FindingState,
  type ReviewClearance,
  type ReviewKind,
  type ReviewState,
} from '../../../core/review/finding';
import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { MarginChange } from './analysis.models';
import { enumOf } from './case-graph.enums';
import { Claim } from './claim.model';
import { Pathway } from './pathway.model';

export const ReviewKindEnum = enumOf<ReviewKind>(REVIEW_KINDS);
export const ReviewClearanceEnum = enumOf<ReviewClearance>(REVIEW_CLEARANCES);
export const ReviewStateEnum = enumOf<ReviewState>(REVIEW_STATES);
export const FindingKindEnum = enumOf<FindingKind>(FINDING_KINDS);
export const DefeatsEnum = enumOf<Defeats>(DEFEATS);
export const FindingStateEnum = enumOf<FindingState>(FINDING_STATES);
export const FindingsModeEnum = {
  NONE: 'none',
  ACCEPTED: 'accepted',
  OPEN_AND_ACCEPTED: 'openAndAccepted',
} as const satisfies Record<string, FindingsMode>;
registerEnumType(FindingsModeEnum, {
  name: 'FindingsMode',
  description:
    'Which review defeaters the analysis applies (SPEC §3.8): none; accepted ones; or open (and addressed) ones too.',
});
registerEnumType(ReviewKindEnum, { name: 'ReviewKind' });
registerEnumType(ReviewClearanceEnum, {
  name: 'ReviewClearance',
  description: "What the review's reviewers see: redacted never shows restricted nodes' text.",
});
registerEnumType(ReviewStateEnum, { name: 'ReviewState' });
registerEnumType(FindingKindEnum, { name: 'FindingKind' });
registerEnumType(DefeatsEnum, {
  name: 'Defeats',
  description:
    'rebutting: the pathway or claim does not hold. undermining: the mitigation or evidence fails. undercutting: the support does not support it.',
});
registerEnumType(FindingStateEnum, {
  name: 'FindingState',
  description:
    'open → addressed (authors) → resolved (reviewer; or back to open); accepted (authors concede) or withdrawn (reviewer) from open or addressed.',
});

export const ReviewExportFormatEnum = { MARKDOWN: 'markdown' } as const;
registerEnumType(ReviewExportFormatEnum, { name: 'ReviewExportFormat' });

/** The `findings:` argument of the analyses (SPEC §3.8). */
export const findingsArg = {
  type: () => FindingsModeEnum,
  defaultValue: 'none' as FindingsMode,
  description: 'Apply the review defeaters: NONE (the default), ACCEPTED, OPEN_AND_ACCEPTED.',
};

/** The `overdueFails:` argument of the analyses (SPEC §8). */
export const overdueFailsArg = {
  type: () => Boolean,
  defaultValue: false,
  description:
    'Treat mitigations overdue for verification (verifyEvery past lastVerified) as failed.',
};

@ObjectType('SupportLink', {
  description: '`to` (a pathway or claim) names `from` in its supports.',
})
export class SupportLink {
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('FindingReply')
export class FindingReply {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The reply it answers; null: the finding.' })
  parentId!: string | null;
  @Field(() => String, { nullable: true }) author!: string | null;
  @Field(() => FindingStateEnum, {
    nullable: true,
    description: 'For the note of a move: the state the finding moved to.',
  })
  movedTo!: FindingState | null;
  @Field() body!: string;
  @Field() createdAt!: Date;
  /** Whether the finding's node (or an end of its link) is restricted: for redaction. */
  restricted!: boolean;
}

@ObjectType('Finding')
export class Finding {
  id!: string;
  @Field(() => Int, { description: '1, 2, … within its review.' }) number!: number;
  @Field({ description: 'Its review (key).' }) review!: string;
  @Field(() => String, { nullable: true, description: 'The node it is on; null for a link.' })
  node!: string | null;
  @Field(() => SupportLink, { nullable: true }) link!: SupportLink | null;
  @Field(() => FindingKindEnum) kind!: FindingKind;
  @Field(() => DefeatsEnum, { nullable: true }) defeats!: Defeats | null;
  @Field() body!: string;
  @Field(() => FindingStateEnum) state!: FindingState;
  @Field(() => String, { nullable: true }) author!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  /** As FindingReply.restricted. */
  restricted!: boolean;
}

@ObjectType('ReviewShare', { description: 'One thing shared with the reviewer (append-only).' })
export class ReviewShare {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field({ description: 'Where it is: a link, a path, a meeting.' }) location!: string;
  @Field() sharedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Who recorded it.' }) sharedBy!:
    string | null;
  @Field(() => [String], { description: 'The nodes it supports.' }) nodes!: string[];
  @Field(() => ReviewClearanceEnum, { description: 'The clearance it needed.' })
  clearance!: ReviewClearance;
  /** It needed full clearance, or supports a restricted node: for redaction. */
  restricted!: boolean;
}

@ObjectType('Review')
export class Review {
  id!: string;
  @Field() key!: string;
  @Field() title!: string;
  @Field({ description: 'The reviewing organisation or team.' }) reviewer!: string;
  @Field(() => ReviewKindEnum) kind!: ReviewKind;
  @Field(() => ReviewClearanceEnum) clearance!: ReviewClearance;
  @Field(() => ReviewStateEnum) state!: ReviewState;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}

@ObjectType('ReviewImpact', {
  description:
    "What the review's open, addressed and accepted defeaters break or weaken: a what-breaks from the analysis with no findings.",
})
export class ReviewImpact {
  @Field() review!: string;
  @Field(() => Int, { description: 'Defeaters that applied.' }) defeaters!: number;
  @Field(() => [Pathway]) brokenPathways!: Pathway[];
  @Field(() => [Claim]) brokenClaims!: Claim[];
  @Field(() => [MarginChange], { description: 'Still hold, with a smaller margin.' })
  weakened!: MarginChange[];
}
