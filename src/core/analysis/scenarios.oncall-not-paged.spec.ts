import { buildAnalysisGraph } from './graph/case-graph';
import { computeScenarioReports } from './scenarios';
import {
  makeCase,
  makeClaim,
  makeMitigation,
  makePathway,
  makeScenario,
} from './testing/make-case';
import { computeFailureImpact } from './what-breaks';
import { computeLoadBearingMap } from './load-bearing';
import { computeMargins } from './cut-sets';

/*
 * SPEC §8's scenario: the model copies a checkpoint to an external bucket; harm after 2h.
 *   chain 1: egress-monitor detects (5m) → security-oncall responds (30m) → revocation (10m)
 *            = 45m = 2700s ≤ 7200s: fast enough.
 *   chain 2: weekly-audit detects (3d) → revocation (10m): far too slow, never holds.
 * The claim "exfiltration is stopped in time" rests on the scenario alone.
 */
const exampleCase = () =>
  makeCase({
    pathways: [makePathway({ key: 'self-exfiltration', supports: ['exfil-stopped'] })],
    claims: [makeClaim({ key: 'exfil-stopped', supports: ['weights-copied'] })],
    mitigations: [
      makeMitigation({ key: 'egress-monitor', dependsOn: ['log-pipeline'] }),
      ...['log-pipeline', 'security-oncall', 'credential-revocation', 'weekly-audit'].map((key) =>
        makeMitigation({ key }),
      ),
    ],
    scenarios: [
      makeScenario({
        key: 'weights-copied',
        pathway: 'self-exfiltration',
        timeToHarm: 7200,
        chains: [
          {
            steps: [
              { mitigation: 'egress-monitor', action: 'detects', latency: 300, automatic: true },
              { mitigation: 'security-oncall', action: 'responds', latency: 1800, paged: true },
              { mitigation: 'credential-revocation', action: 'contains', latency: 600 },
            ],
          },
          {
            steps: [
              { mitigation: 'weekly-audit', action: 'detects', latency: 3 * 86_400 },
              { mitigation: 'credential-revocation', action: 'contains', latency: 600 },
            ],
          },
        ],
      }),
    ],
  });

describe('scenario: the on-call is not paged', () => {
  const graph = buildAnalysisGraph({ case: exampleCase() });

  it('reports the fast chain, its response margin, the load-bearing steps and the slow chain', () => {
    expect(computeScenarioReports({ graph })).toEqual([
      {
        key: 'weights-copied',
        timeToHarm: 7200,
        holds: true,
        // One chain holds, so any one of its four mitigations failing breaks the scenario.
        margin: 1,
        fastestChain: 0,
        latency: 2700,
        // 7200 − 2700 = 4500s: the response could be 75 minutes slower and still hold.
        responseMargin: 4500,
        // Its three steps plus the log pipeline the monitor depends on; not the audit (too slow).
        loadBearing: ['credential-revocation', 'egress-monitor', 'log-pipeline', 'security-oncall'],
        slowChains: [1],
        chains: [
          { index: 0, latency: 2700, fastEnough: true, holds: true },
          // 3 × 86400 + 600 = 259800s > 7200s.
          { index: 1, latency: 259_800, fastEnough: false, holds: false },
        ],
      },
    ]);
  });

  it('makes the steps load-bearing for the claim and pathway resting on the scenario', () => {
    const map = computeLoadBearingMap({ graph });
    expect(map.byArgument.find((a) => a.key === 'self-exfiltration')?.mitigations).toEqual([
      'credential-revocation',
      'egress-monitor',
      'log-pipeline',
      'security-oncall',
    ]);
    expect(computeMargins({ graph }).map((x) => [x.key, x.margin])).toEqual([
      ['exfil-stopped', 1],
      ['self-exfiltration', 1],
    ]);
  });

  it('breaks the argument when the on-call takes 4h instead of 30m (what-if latencies)', () => {
    // 300 + 14400 + 600 = 15300s > 7200s: no chain is fast enough any more.
    const latencies = [{ mitigation: 'security-oncall', latency: '4h' }];
    expect(computeFailureImpact({ graph, failed: [], latencies })).toEqual({
      failed: [],
      alsoFailed: [],
      brokenPathways: [{ key: 'self-exfiltration', kind: 'pathway', before: 1, after: 0 }],
      brokenClaims: [{ key: 'exfil-stopped', kind: 'claim', before: 1, after: 0 }],
      brokenScenarios: ['weights-copied'],
      weakened: [],
      exact: true,
    });
    const [report] = computeScenarioReports({ graph, latencies });
    expect(report).toMatchObject({
      holds: false,
      fastestChain: null,
      latency: null,
      responseMargin: null,
      loadBearing: [],
      slowChains: [0, 1],
    });
  });

  it('lets a what-if make a slow chain fast enough: the audit daily at 1h', () => {
    // 3600 + 600 = 4200s ≤ 7200s: now two chains share only the revocation step.
    const [report] = computeScenarioReports({
      graph,
      latencies: [{ mitigation: 'weekly-audit', latency: 3600 }],
    });
    expect(report).toMatchObject({
      holds: true,
      margin: 1,
      fastestChain: 0,
      loadBearing: ['credential-revocation'],
      slowChains: [],
    });
  });

  it('refuses latencies for unknown keys, evidence, or non-durations', () => {
    const whatIf = (latencies: { mitigation: string; latency: number | string }[]) => () =>
      computeFailureImpact({ graph, failed: [], latencies });
    expect(whatIf([{ mitigation: 'pager', latency: 60 }])).toThrow("unknown key: 'pager'");
    expect(whatIf([{ mitigation: 'weights-copied', latency: 60 }])).toThrow(
      "'weights-copied' is a scenario",
    );
    expect(whatIf([{ mitigation: 'security-oncall', latency: '4 hours' }])).toThrow(
      'is not a duration',
    );
    expect(whatIf([{ mitigation: 'security-oncall', latency: -1 }])).toThrow('is not a duration');
  });
});
