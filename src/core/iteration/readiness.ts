import {
  analyseCase,
  computeMargins,
  DEFAULT_MAX_ORDER,
  rankRoadmapItems,
  type CaseAnalysis,
} from '../analysis';
import { compareKeys } from '../analysis/graph/case-graph';
import type {
  Case,
  CaseMitigation,
  EvidenceScope,
  EvidenceStatus,
  ReportState,
} from '../case-model/case';

/**
 * SPEC §6 `readiness`: what stands between a draft and a report that holds, and the
 * re-establishment plan (which evidence to redo first).
 *
 * SPEC §6 also lists open review findings and requests (§7) and unconfirmed response steps (§8).
 * The case model has neither yet, so this answer has no fields for them: add them here when the
 * model gains them.
 */

export interface EvidenceToRedo {
  readonly key: string;
  readonly status: Exclude<EvidenceStatus, 'valid'>;
  /** Absent in the case: model. */
  readonly scope: EvidenceScope;
  /** As in the case; null when not estimated. */
  readonly effort: number | null;
}

/**
 * Redoing one evidence item (making it valid again), ranked and described exactly as a roadmap
 * item (SPEC §3.5), with the evidence's `effort` as the cost. "Restored" is the roadmap's
 * "strengthened": the margin rises (0 → ≥ 1 included; margins above maxOrder count as
 * maxOrder + 1).
 */
export interface ReestablishmentItem {
  /** 1-based, in roadmap order: arguments restored, pathways restored, cost, key. */
  readonly rank: number;
  readonly key: string;
  /** The item alone: evidence depends on nothing, so there is nothing else to redo with it. */
  readonly bundle: readonly string[];
  /** Its effort; 0 when not estimated (then `missingEffort` names it). */
  readonly cost: number;
  readonly missingEffort: readonly string[];
  /** Pathways plus claims restored. */
  readonly argumentsRestored: number;
  readonly pathwaysRestored: readonly string[];
  readonly claimsRestored: readonly string[];
  /** Did not hold now and hold once it is redone, by key. */
  readonly newlyHoldingPathways: readonly string[];
  readonly newlyHoldingClaims: readonly string[];
  /** False when the cut-set size limit made some comparison only a bound (as on the roadmap). */
  readonly exact: boolean;
}

export interface Readiness {
  readonly report: string;
  /** Absent in the case: draft. */
  readonly state: ReportState;
  /** Every pathway holds and every evidence item is valid. */
  readonly ready: boolean;
  /** By key. */
  readonly pathwaysNotHolding: readonly string[];
  /** By key; a claim not holding need not stop a pathway (`any`, `atLeast`). */
  readonly claimsNotHolding: readonly string[];
  /** Stale or invalidated evidence, by key. */
  readonly evidenceToRedo: readonly EvidenceToRedo[];
  /** Every item of `evidenceToRedo`, ranked. */
  readonly plan: readonly ReestablishmentItem[];
}

export interface ReadinessOptions {
  /** 1..MAX_SUPPORTED_ORDER; default DEFAULT_MAX_ORDER. */
  readonly maxOrder?: number;
}

export function assessReadiness(c: Case, options: ReadinessOptions = {}): Readiness {
  const { maxOrder = DEFAULT_MAX_ORDER } = options;
  const analysis = analyseCase({ case: c, maxOrder });
  const margins = computeMargins({ analysis });
  const notHolding = (kind: 'pathway' | 'claim') =>
    margins.filter((m) => m.kind === kind && !m.holds).map((m) => m.key);
  const evidenceToRedo = c.evidence
    .flatMap((e): EvidenceToRedo[] =>
      e.status === 'valid'
        ? []
        : [{ key: e.key, status: e.status, scope: e.scope ?? 'model', effort: e.effort ?? null }],
    )
    .sort((a, b) => compareKeys(a.key, b.key));
  const pathwaysNotHolding = notHolding('pathway');
  return {
    report: c.report.key,
    state: c.report.state ?? 'draft',
    ready: pathwaysNotHolding.length === 0 && evidenceToRedo.length === 0,
    pathwaysNotHolding,
    claimsNotHolding: notHolding('claim'),
    evidenceToRedo,
    plan: evidenceToRedo.length > 0 ? planReestablishment(c, maxOrder) : [],
  };
}

/**
 * The re-establishment plan: the roadmap (rankRoadmapItems, SPEC §3.5) of the same case with the
 * candidates swapped: every evidence item not valid becomes a `planned` mitigation with the
 * evidence's effort and no dependencies, and every planned or in-progress mitigation becomes
 * `failed`. Neither swap changes what holds or any cut set (a mitigation with no dependencies
 * holds exactly when in place, as evidence holds exactly when valid; a planned mitigation fails
 * as a failed one does), and keys stay, so ranking the swapped case is ranking the evidence by the
 * roadmap's own rules and code, with nothing of it duplicated here.
 */
function planReestablishment(c: Case, maxOrder: number): ReestablishmentItem[] {
  const toRedo = c.evidence.filter((e) => e.status !== 'valid');
  const swapped: Case = {
    ...c,
    mitigations: [
      ...c.mitigations.map((m): CaseMitigation =>
        m.status === 'planned' || m.status === 'in_progress' ? { ...m, status: 'failed' } : m,
      ),
      ...toRedo.map((e): CaseMitigation => ({
        key: e.key,
        title: e.title,
        kind: 'other',
        description: e.description,
        team: null,
        status: 'planned',
        dependsOn: [],
        effort: e.effort ?? null,
      })),
    ],
    evidence: c.evidence.filter((e) => e.status === 'valid'),
  };
  const analysis: CaseAnalysis = analyseCase({ case: swapped, maxOrder });
  return rankRoadmapItems({ analysis }).map((item) => ({
    rank: item.rank,
    key: item.key,
    bundle: item.bundle,
    cost: item.cost,
    missingEffort: item.missingEffort,
    argumentsRestored: item.argumentsStrengthened,
    pathwaysRestored: item.pathwaysStrengthened,
    claimsRestored: item.claimsStrengthened,
    newlyHoldingPathways: item.newlyHoldingPathways,
    newlyHoldingClaims: item.newlyHoldingClaims,
    exact: item.exact,
  }));
}
