/**
 * The case model: a risk report's argument as plain data, keyed by `key`.
 *
 * This is the one shape shared by the case file format, the structural validator, the storage
 * mapping and the analysis engine. It has no framework imports.
 */

export const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Maximum text lengths, in UTF-16 code units (JavaScript's `length`, never fewer than the
 * characters PostgreSQL counts), so that a case stays a document and fits its columns.
 */
export const MAX_LENGTH = {
  key: 80,
  name: 200,
  title: 300,
  statement: 2000,
  description: 10000,
  /** A status change's note (setMitigationStatus, setEvidenceStatus). */
  note: 2000,
} as const;

/**
 * The largest `effort` of a mitigation (any consistent unit): sums of efforts (roadmap costs,
 * plan budgets) stay finite.
 */
export const MAX_EFFORT = 1e12;

export const CLAIM_KINDS = [
  'alignment',
  'capability',
  'monitoring',
  'security',
  'deployment',
  'assessment',
  'other',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const MITIGATION_KINDS = [
  'security',
  'monitoring',
  'interpretability',
  'alignment',
  'process',
  'infrastructure',
  'other',
] as const;
export type MitigationKind = (typeof MITIGATION_KINDS)[number];

export const MITIGATION_STATUSES = [
  'in_place',
  'in_progress',
  'planned',
  'degraded',
  'failed',
  'retired',
] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export const EVIDENCE_STATUSES = ['valid', 'stale', 'invalidated'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * What evidence is about (SPEC §6): `model` evidence (an alignment audit, a capability evaluation)
 * is about one model and goes stale when the report is cloned for the next; `standing` evidence
 * (an infrastructure audit) carries over.
 */
export const EVIDENCE_SCOPES = ['model', 'standing'] as const;
export type EvidenceScope = (typeof EVIDENCE_SCOPES)[number];

/** A report's life (SPEC §6): a draft is edited, a published report's argument is frozen. */
export const REPORT_STATES = ['draft', 'published', 'archived'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** How many of a node's supports must hold for the node to hold (SPEC §3.1). */
export type Requirement =
  | { readonly mode: 'all' }
  | { readonly mode: 'any' }
  | { readonly mode: 'atLeast'; readonly atLeast: number };

export const REQUIRE_ALL: Requirement = { mode: 'all' };

export interface CaseReport {
  readonly key: string;
  readonly title: string;
  readonly model: string | null;
  readonly previous: string | null;
  readonly description: string | null;
  /** Absent: draft. */
  readonly state?: ReportState;
}

export interface CaseTeam {
  readonly key: string;
  readonly name: string | null;
}

export interface CasePathway {
  readonly key: string;
  readonly title: string;
  readonly description: string | null;
  /** Only tokens with clearance may read its text (title or statement, description, notes). */
  readonly restricted?: boolean;
  /** Lineage (SPEC §6): the keys of the previous report's nodes this one replaces; absent: none. */
  readonly previousKeys?: readonly string[];
  readonly requires: Requirement;
  /** Keys of the claims, mitigations and evidence this pathway's argument rests on, in order. */
  readonly supports: readonly string[];
}

export interface CaseClaim {
  readonly key: string;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly description: string | null;
  /** Only tokens with clearance may read its text (title or statement, description, notes). */
  readonly restricted?: boolean;
  /** Lineage (SPEC §6): the keys of the previous report's nodes this one replaces; absent: none. */
  readonly previousKeys?: readonly string[];

  readonly requires: Requirement;
  readonly supports: readonly string[];
  /** A claim with no supports holds only when assumed. */
  readonly assumed: boolean;
}

export interface CaseMitigation {
  readonly key: string;
  readonly title: string;
  readonly kind: MitigationKind;
  readonly description: string | null;
  /** Only tokens with clearance may read its text (title or statement, description, notes). */
  readonly restricted?: boolean;
  /** Lineage (SPEC §6): the keys of the previous report's nodes this one replaces; absent: none. */
  readonly previousKeys?: readonly string[];

  /** Team key, or null when no team owns it. */
  readonly team: string | null;
  readonly status: MitigationStatus;
  /** Keys of mitigations this one holds only while they hold too. */
  readonly dependsOn: readonly string[];
  /** Estimated cost to put in place, any consistent unit; null when not estimated. */
  readonly effort: number | null;
  /**
   * Chance (0..1) that it fails over the report's period (SPEC §3.6); for a planned mitigation,
   * once in place. Absent when not estimated.
   */
  readonly probability?: number;
  /** Seconds between verifications (SPEC §8, `verifyEvery: 90d`); absent: never due. */
  readonly verifyEvery?: number;
  /** ISO 8601 instant it was last verified to work; absent: never. */
  readonly lastVerified?: string;
}

export interface CaseEvidence {
  readonly key: string;
  readonly title: string;
  readonly description: string | null;
  /** Only tokens with clearance may read its text (title or statement, description, notes). */
  readonly restricted?: boolean;
  /** Lineage (SPEC §6): the keys of the previous report's nodes this one replaces; absent: none. */
  readonly previousKeys?: readonly string[];
  readonly status: EvidenceStatus;
  /** ISO 8601 instant after which the evidence counts as stale; absent when it does not expire. */
  readonly validUntil?: string;
  /** Chance (0..1) that the evidence turns out wrong over the report's period; absent when unknown. */
  readonly probability?: number;
  /** Absent: model. */
  readonly scope?: EvidenceScope;
  /** Estimated cost to redo it (the re-establishment plan ranks by it); absent when not estimated. */
  readonly effort?: number;
}

/** What a response step does (SPEC §8). */
export const STEP_ACTIONS = ['detects', 'notifies', 'escalates', 'responds', 'contains'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** One step of a response chain: a mitigation (monitor, rota, process) acting within `latency`. */
export interface CaseStep {
  readonly mitigation: string;
  /** The team that acts; absent: the mitigation's team. */
  readonly team?: string;
  readonly action: StepAction;
  /** Seconds from the previous step (or from the behaviour, for the first). */
  readonly latency: number;
  /** Absent: false. */
  readonly automatic?: boolean;
  readonly paged?: boolean;
  /** The acting team's word that the step happens as written (SPEC §8); absent: unconfirmed. */
  readonly confirmed?: StepConfirmation;
}

/** Who confirmed a response step, when, and what they said. */
export interface StepConfirmation {
  /** The person or token that confirmed it. */
  readonly by: string;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly note: string | null;
}

/** A response chain holds when every step's mitigation holds and it is fast enough (SPEC §3.7). */
export interface CaseChain {
  readonly steps: readonly CaseStep[];
}

/**
 * A scenario (SPEC §8): a concrete behaviour illustrating a pathway, and the response chains that
 * would stop it. Claims and pathways name it in `supports`; it holds when some chain holds and
 * its total latency is at most `timeToHarm`.
 */
export interface CaseScenario {
  readonly key: string;
  /** The pathway it illustrates (documentation: not an argument link). */
  readonly pathway: string;
  readonly title: string;
  readonly description: string | null;
  /** Seconds until the harm can no longer be stopped. */
  readonly timeToHarm: number;
  readonly chains: readonly CaseChain[];
}

export interface Case {
  readonly report: CaseReport;
  readonly teams: readonly CaseTeam[];
  readonly pathways: readonly CasePathway[];
  readonly claims: readonly CaseClaim[];
  readonly mitigations: readonly CaseMitigation[];
  readonly evidence: readonly CaseEvidence[];
  /** Absent when the case has none, so cases without scenarios look as they always did. */
  readonly scenarios?: readonly CaseScenario[];
}

export type NodeKind = 'pathway' | 'claim' | 'mitigation' | 'evidence';

/** Every kind of node a case keys: the argument's four, and scenarios (which share their keys). */
export type CaseNodeKind = NodeKind | 'scenario';
