import { buildAnalysisGraph } from './graph/case-graph';
import { computeLoadBearingMap } from './load-bearing';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
} from './testing/make-case';
import { computeFailureImpact } from './what-breaks';

/*
 * The pilot report's lesson: a control nobody tracked is load-bearing for several pathways at
 * once. Here no argument names the log pipeline, but both monitors depend on it:
 *   exfiltration = all(exfil-detected);  exfil-detected = any(egress-monitor, weight-permissions)
 *   sabotage = all(sabotage-detected, code-review-works)
 *   sabotage-detected = any(access-monitor, code-audit);  code-review-works = all(code-review)
 * weight-permissions is degraded and code-audit stale, so each `any` rests on its monitor alone,
 * and each monitor fails with the pipeline: {log-pipeline} is a cut set of all four above it.
 */
const c = makeCase({
  pathways: [
    makePathway({ key: 'exfiltration', supports: ['exfil-detected'] }),
    makePathway({ key: 'sabotage', supports: ['sabotage-detected', 'code-review-works'] }),
  ],
  claims: [
    makeClaim({
      key: 'exfil-detected',
      requires: { mode: 'any' },
      supports: ['egress-monitor', 'weight-permissions'],
    }),
    makeClaim({
      key: 'sabotage-detected',
      requires: { mode: 'any' },
      supports: ['access-monitor', 'code-audit'],
    }),
    makeClaim({ key: 'code-review-works', supports: ['code-review'] }),
  ],
  mitigations: [
    makeMitigation({ key: 'log-pipeline' }),
    makeMitigation({ key: 'egress-monitor', dependsOn: ['log-pipeline'] }),
    makeMitigation({ key: 'access-monitor', dependsOn: ['log-pipeline'] }),
    makeMitigation({ key: 'weight-permissions', status: 'degraded' }),
    makeMitigation({ key: 'code-review' }),
  ],
  evidence: [makeEvidence({ key: 'code-audit', status: 'stale' })],
});
const graph = buildAnalysisGraph({ case: c });

describe('a shared dependency nobody named', () => {
  it('is load-bearing for both pathways through dependsOn', () => {
    expect(computeLoadBearingMap({ graph }).byEvent.find((e) => e.key === 'log-pipeline')).toEqual({
      key: 'log-pipeline',
      kind: 'mitigation',
      pathways: ['exfiltration', 'sabotage'],
      claims: ['exfil-detected', 'sabotage-detected'],
    });
  });

  it('breaks both pathways when it fails, taking both monitors with it', () => {
    // Every margin here was 1 and drops to 0; code-review-works does not rest on the pipeline.
    expect(computeFailureImpact({ graph, failed: ['log-pipeline'] })).toEqual({
      failed: ['log-pipeline'],
      alsoFailed: ['access-monitor', 'egress-monitor'],
      brokenPathways: [
        { key: 'exfiltration', kind: 'pathway', before: 1, after: 0 },
        { key: 'sabotage', kind: 'pathway', before: 1, after: 0 },
      ],
      brokenClaims: [
        { key: 'exfil-detected', kind: 'claim', before: 1, after: 0 },
        { key: 'sabotage-detected', kind: 'claim', before: 1, after: 0 },
      ],
      brokenScenarios: [],
      weakened: [],
      exact: true,
    });
  });

  it('only lists as also failed the mitigations that held before and are not among those failed', () => {
    const impact = computeFailureImpact({ graph, failed: ['log-pipeline', 'egress-monitor'] });
    expect(impact.alsoFailed).toEqual(['access-monitor']);
  });
});
