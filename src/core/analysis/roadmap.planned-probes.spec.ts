import { buildAnalysisGraph } from './graph/case-graph';
import { analyseGraph } from './cut-sets';
import { planRoadmap, rankRoadmapItems } from './roadmap';
import { makeClaim, makeMitigation, makeSpecExampleCase } from './testing/make-case';

/*
 * The SPEC example case with two pieces of planned work:
 * - interp-probes (planned, effort 8) now depends on probe-infra (failed, effort 5);
 * - exfil-canary (in progress, no estimate) is a third way to detect exfiltration.
 * Before: no-coherent-goals has margin 1 ({alignment-audit}), exfil-detected 2
 * ({weight-file-permissions, egress-monitor}, {weight-file-permissions, log-pipeline}),
 * self-exfiltration 1 (the audit).
 */
const base = makeSpecExampleCase();
const c = {
  ...base,
  claims: base.claims.map((claim) =>
    claim.key === 'exfil-detected'
      ? makeClaim({ ...claim, supports: [...claim.supports, 'exfil-canary'] })
      : claim,
  ),
  mitigations: [
    ...base.mitigations.map((m) =>
      m.key === 'interp-probes' ? { ...m, dependsOn: ['probe-infra'] } : m,
    ),
    makeMitigation({ key: 'probe-infra', status: 'failed' as const, effort: 5 }),
    makeMitigation({ key: 'exfil-canary', status: 'in_progress' as const }),
  ],
};
const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }) });

describe('roadmap: planned probes and an exfiltration canary', () => {
  it('ranks the probes first: they strengthen the pathway and a claim', () => {
    // Probes: the bundle also puts the failed probe-infra back in place; cost 8 + 5 = 13.
    // no-coherent-goals: {audit, probes}, {audit, probe-infra}: margin 1 → 2.
    // self-exfiltration: the audit is no longer alone: margin 1 → 2.
    // Canary: exfil-detected needs three failures now: 2 → 3. self-exfiltration stays at 1
    // (the audit), so it is not strengthened. Cost 0, with the estimate missing.
    expect(rankRoadmapItems({ analysis })).toEqual([
      {
        rank: 1,
        key: 'interp-probes',
        bundle: ['interp-probes', 'probe-infra'],
        cost: 13,
        missingEffort: [],
        argumentsStrengthened: 2,
        pathwaysStrengthened: ['self-exfiltration'],
        claimsStrengthened: ['no-coherent-goals'],
        newlyHoldingPathways: [],
        newlyHoldingClaims: [],
        exact: true,
      },
      {
        rank: 2,
        key: 'exfil-canary',
        bundle: ['exfil-canary'],
        cost: 0,
        missingEffort: ['exfil-canary'],
        argumentsStrengthened: 1,
        pathwaysStrengthened: [],
        claimsStrengthened: ['exfil-detected'],
        newlyHoldingPathways: [],
        newlyHoldingClaims: [],
        exact: true,
      },
    ]);
  });

  it('ranks the free canary first per unit of effort (1/0 beats 2/13)', () => {
    expect(rankRoadmapItems({ analysis, order: 'perEffort' }).map((i) => i.key)).toEqual([
      'exfil-canary',
      'interp-probes',
    ]);
  });

  it('cannot afford the probes on a budget of 10, so the plan is the canary alone', () => {
    expect(planRoadmap({ analysis, budget: 10 })).toMatchObject({
      spent: 0,
      steps: [
        { step: 1, key: 'exfil-canary', cumulativeCost: 0, cumulativeArgumentsStrengthened: 1 },
      ],
    });
  });

  it('plans probes then canary on a budget of 13, re-evaluating the canary after the probes', () => {
    // After the probes, self-exfiltration's cut sets are all pairs; the canary lifts only
    // exfil-detected (2 → 3), so self-exfiltration stays at 2. Cumulatively: no-coherent-goals,
    // self-exfiltration and exfil-detected are above where they started.
    const plan = planRoadmap({ analysis, budget: 13 });
    expect(plan.spent).toBe(13);
    expect(
      plan.steps.map((s) => [
        s.key,
        s.cost,
        s.argumentsStrengthened,
        s.cumulativeCost,
        s.cumulativeArgumentsStrengthened,
      ]),
    ).toEqual([
      ['interp-probes', 13, 2, 13, 2],
      ['exfil-canary', 0, 1, 13, 3],
    ]);
  });
});
