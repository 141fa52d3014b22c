import type { FindingState } from './finding';
import type { Case, CaseClaim, CasePathway } from '../case-model/case';

/** A defeater as the analyses see it (SPEC §3.8): what it attacks and how. */
export type Defeater =
  | { readonly defeats: 'rebutting' | 'undermining'; readonly node: string }
  | {
      readonly defeats: 'undercutting';
      readonly link: { readonly from: string; readonly to: string };
    };

/** Which findings apply in an analysis (SPEC §3.8). */
export const FINDINGS_MODES = ['none', 'accepted', 'openAndAccepted'] as const;
export type FindingsMode = (typeof FINDINGS_MODES)[number];

/**
 * Whether a defeater in `state` applies under `mode`. An addressed defeater is still open: the
 * authors have answered, the reviewer has not yet agreed (resolved) or given it up (withdrawn).
 */
export function defeaterApplies(state: FindingState, mode: FindingsMode): boolean {
  if (mode === 'none') return false;
  return (
    state === 'accepted' ||
    (mode === 'openAndAccepted' && (state === 'open' || state === 'addressed'))
  );
}

/**
 * The case as the analyses see it with the defeaters applied (SPEC §3.8), so that holding,
 * margins, cut sets, load-bearing, what-breaks and the roadmap follow unchanged:
 * - undermining a mitigation or evidence item: it fails (failed, invalidated);
 * - rebutting a pathway or claim: it does not hold (no supports, not assumed);
 * - undercutting the link X ← Y: Y counts as not holding for X only, so X keeps its other
 *   supports and needs as many of them as before (an `all`, or an `atLeast K` left with fewer
 *   than K, cannot hold any more; an `any` left with none neither).
 * Defeaters naming nothing in the case (a node since deleted) change nothing.
 */
export function applyDefeaters(c: Case, defeaters: readonly Defeater[]): Case {
  if (defeaters.length === 0) return c;
  const undermined = new Set<string>();
  const rebutted = new Set<string>();
  const undercut = new Map<string, Set<string>>();
  for (const d of defeaters) {
    if (d.defeats === 'undercutting') {
      const cut = undercut.get(d.link.to) ?? new Set<string>();
      cut.add(d.link.from);
      undercut.set(d.link.to, cut);
    } else (d.defeats === 'undermining' ? undermined : rebutted).add(d.node);
  }
  const argument = <T extends CasePathway | CaseClaim>(node: T): T => {
    const cut = undercut.get(node.key);
    const kept = cut ? node.supports.filter((s) => !cut.has(s)) : node.supports;
    const stands =
      !rebutted.has(node.key) &&
      (kept.length === node.supports.length ||
        (node.requires.mode === 'any' && kept.length > 0) ||
        (node.requires.mode === 'atLeast' && node.requires.atLeast <= kept.length));
    if (!stands) return { ...node, supports: [], ...('assumed' in node ? { assumed: false } : {}) };
    return kept === node.supports ? node : { ...node, supports: kept };
  };
  return {
    ...c,
    pathways: c.pathways.map(argument),
    claims: c.claims.map(argument),
    mitigations: c.mitigations.map((m) => (undermined.has(m.key) ? { ...m, status: 'failed' } : m)),
    evidence: c.evidence.map((e) => (undermined.has(e.key) ? { ...e, status: 'invalidated' } : e)),
  };
}
