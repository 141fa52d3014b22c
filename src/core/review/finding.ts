import type { NodeKind } from '../case-model/case';

/**
 * SPEC §7: a review's findings and their life. Pure: the service stores them, this says which
 * kinds exist and who may move a finding where.
 */

export const REVIEW_KINDS = ['internal', 'external'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** What the review's reviewer tokens see: `redacted` never shows restricted nodes. */
export const REVIEW_CLEARANCES = ['full', 'redacted'] as const;
export type ReviewClearance = (typeof REVIEW_CLEARANCES)[number];

export const REVIEW_STATES = ['open', 'closed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const FINDING_KINDS = ['question', 'comment', 'defeater'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** How a defeater defeats (SPEC §3.8, after Eliminative Argumentation). */
export const DEFEATS = ['rebutting', 'undermining', 'undercutting'] as const;
export type Defeats = (typeof DEFEATS)[number];

export const FINDING_STATES = ['open', 'addressed', 'resolved', 'accepted', 'withdrawn'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** The two sides of a review: the report's authors, and its reviewer. */
export type ReviewSide = 'authors' | 'reviewer';

/**
 * Who may move a finding from one state to another. The authors address a finding or concede it
 * (accepted: the defeater stands); the reviewer agrees with the answer (resolved), finds it
 * wanting (back to open) or withdraws the finding. Resolved, accepted and withdrawn are final.
 */
const TRANSITIONS: Record<FindingState, Partial<Record<FindingState, ReviewSide>>> = {
  open: { addressed: 'authors', accepted: 'authors', withdrawn: 'reviewer' },
  addressed: { resolved: 'reviewer', open: 'reviewer', accepted: 'authors', withdrawn: 'reviewer' },
  resolved: {},
  accepted: {},
  withdrawn: {},
};

/** Why `side` may not move a finding `from` → `to`; null when it may. */
export function refusedTransition(
  from: FindingState,
  to: FindingState,
  side: ReviewSide,
): string | null {
  const allowed = TRANSITIONS[from];
  const by = allowed[to];
  if (by === side) return null;
  const next = Object.keys(allowed);
  if (by === undefined) {
    return next.length === 0
      ? `a finding that is ${from} is final: it moves no more`
      : `a finding that is ${from} may move to ${next.join(', ')}, not ${to}`;
  }
  return `only the ${by === 'authors' ? "report's authors" : 'reviewer'} may move a finding from ${from} to ${to}`;
}

/** The states a finding may move to from `from`, by side. */
export function nextStates(from: FindingState): Partial<Record<FindingState, ReviewSide>> {
  return TRANSITIONS[from];
}

/** A finding's kind and defeat type, checked together. */
export function findingKindIssue(kind: FindingKind, defeats: Defeats | null): string | null {
  if (kind === 'defeater' && defeats === null) {
    return 'a defeater needs defeats: rebutting, undermining or undercutting';
  }
  if (kind !== 'defeater' && defeats !== null) {
    return `a ${kind} defeats nothing: leave defeats out`;
  }
  return null;
}

/** What a finding attaches to: a node of a kind, or a support link. */
export type FindingTargetKind = NodeKind | 'link';

/** What each kind of defeater may attack (SPEC §3.8). */
const DEFEATER_TARGETS: Record<Defeats, { what: string; kinds: readonly FindingTargetKind[] }> = {
  rebutting: { what: 'a pathway or claim', kinds: ['pathway', 'claim'] },
  undermining: { what: 'a mitigation or evidence item', kinds: ['mitigation', 'evidence'] },
  undercutting: { what: 'a support link', kinds: ['link'] },
};

/** Why a `defeats` defeater may not attack the target (a node's kind and key, or a link). */
export function defeaterTargetIssue(
  defeats: Defeats,
  target: { kind: 'link' } | { kind: NodeKind; key: string },
): string | null {
  const { what, kinds } = DEFEATER_TARGETS[defeats];
  if (kinds.includes(target.kind)) return null;
  const named = 'key' in target ? `the ${target.kind} '${target.key}'` : 'a support link';
  const article = defeats === 'rebutting' ? 'a' : 'an';
  return `${article} ${defeats} defeater attacks ${what}, not ${named}`;
}
