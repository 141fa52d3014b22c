import { analyseCase, computeMargins, type MarginChange } from '../analysis';
import type { Case } from '../case-model/case';
import { applyDefeaters, type Defeater } from './apply-defeaters';

/** What a review's defeaters do to the argument (SPEC §7 reviewImpact). */
export interface ReviewImpact {
  /** Held without the defeaters and do not with them, by key. */
  readonly brokenPathways: readonly MarginChange[];
  readonly brokenClaims: readonly MarginChange[];
  /** Still hold, with a smaller margin (null, above maxOrder, counts as maxOrder + 1), by key. */
  readonly weakened: readonly MarginChange[];
}

/** A what-breaks (SPEC §3.4) from the case without findings to the case with `defeaters`. */
export function computeReviewImpact(
  c: Case,
  defeaters: readonly Defeater[],
  maxOrder: number,
): ReviewImpact {
  const margins = (x: Case) => computeMargins({ analysis: analyseCase({ case: x, maxOrder }) });
  const after = new Map(margins(applyDefeaters(c, defeaters)).map((m) => [m.key, m]));
  const rank = (m: number | null) => m ?? maxOrder + 1;
  const broken: MarginChange[] = [];
  const weakened: MarginChange[] = [];
  for (const was of margins(c)) {
    const now = after.get(was.key)!;
    const change: MarginChange = {
      key: was.key,
      kind: was.kind,
      before: was.margin,
      after: now.margin,
    };
    if (was.holds && !now.holds) broken.push(change);
    else if (now.holds && rank(now.margin) < rank(was.margin)) weakened.push(change);
  }
  return {
    brokenPathways: broken.filter((b) => b.kind === 'pathway'),
    brokenClaims: broken.filter((b) => b.kind === 'claim'),
    weakened,
  };
}
