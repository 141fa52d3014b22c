import { describeCaseAnalysis, formatCaseAnalysis } from './case-analysis-report';
import {
  makeCase,
  makeClaim,
  makeMitigation,
  makePathway,
  makeScenario,
} from './testing/make-case';

/*
 * What `cli analyze` says about SPEC §8's scenario: the model copies a checkpoint to an external
 * bucket; harm after 2h (7200s).
 *   chain 1: egress-monitor detects (5m) → security-oncall responds (30m) → revocation (10m)
 *            = 45m = 2700s ≤ 7200s: fast enough; response margin 7200 − 2700 = 4500s = 75m.
 *   chain 2: weekly-audit detects (3d) → revocation (10m): too slow, never holds.
 * So every mitigation of chain 1 is load-bearing, and weekly-audit is not.
 * What-if the on-call is not paged (4h): chain 1 takes 5m + 4h + 10m = 4h15m > 2h, too slow too.
 */
const exampleCase = () =>
  makeCase({
    pathways: [makePathway({ key: 'self-exfiltration', supports: ['exfil-stopped'] })],
    claims: [makeClaim({ key: 'exfil-stopped', supports: ['weights-copied'] })],
    mitigations: ['credential-revocation', 'egress-monitor', 'security-oncall', 'weekly-audit'].map(
      (key) => makeMitigation({ key }),
    ),
    scenarios: [
      makeScenario({
        key: 'weights-copied',
        pathway: 'self-exfiltration',
        timeToHarm: 7200,
        chains: [
          {
            steps: [
              { mitigation: 'egress-monitor', action: 'detects', latency: 300 },
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

const CHAIN_1_MITIGATIONS = ['credential-revocation', 'egress-monitor', 'security-oncall'];

describe('describeCaseAnalysis with scenarios (SPEC §8)', () => {
  it('reports the fastest holding chain, its response margin, load-bearing steps and slow chains', () => {
    const report = describeCaseAnalysis({ case: exampleCase(), maxOrder: 4 });
    expect(report.scenarios).toEqual([
      {
        key: 'weights-copied',
        timeToHarm: 7200,
        holds: true,
        margin: 1,
        fastestChain: 0,
        latency: 2700,
        responseMargin: 4500,
        loadBearing: CHAIN_1_MITIGATIONS,
        slowChains: [1],
        chains: [
          { index: 0, latency: 2700, fastEnough: true, holds: true },
          { index: 1, latency: 259_800, fastEnough: false, holds: false },
        ],
      },
    ]);
    expect(report.pathways[0]).toMatchObject({ holds: true, margin: 1 });
  });

  it('prints durations in every unit they have (3d 10m)', () => {
    const lines = formatCaseAnalysis(describeCaseAnalysis({ case: exampleCase(), maxOrder: 4 }));
    const at = lines.indexOf('Scenarios');
    expect(lines.slice(at, at + 4)).toEqual([
      'Scenarios',
      '  weights-copied: holds: chain 1 responds in 45m (time to harm 2h, response margin 1h 15m); ' +
        `load-bearing: ${CHAIN_1_MITIGATIONS.join(', ')}; too slow: chain 2`,
      '      chain 1: 45m, holds',
      '      chain 2: 3d 10m, too slow',
    ]);
  });

  it('applies latency what-ifs to every answer, the pathways included', () => {
    const report = describeCaseAnalysis({
      case: exampleCase(),
      maxOrder: null,
      latencies: [{ mitigation: 'security-oncall', latency: '4h' }],
    });
    expect(report.scenarios![0]).toMatchObject({
      holds: false,
      fastestChain: null,
      responseMargin: null,
      slowChains: [0, 1],
      chains: [
        { index: 0, latency: 15_300, fastEnough: false, holds: false },
        { index: 1, latency: 259_800, fastEnough: false, holds: false },
      ],
    });
    expect(report.pathways[0]).toMatchObject({ holds: false, margin: 0, cutSets: [[]] });
    expect(formatCaseAnalysis(report)).toContain(
      '  weights-copied: DOES NOT HOLD (time to harm 2h); too slow: chain 1, chain 2',
    );
  });

  it('names a bad override', () => {
    expect(() =>
      describeCaseAnalysis({
        case: exampleCase(),
        maxOrder: 4,
        latencies: [{ mitigation: 'nobody', latency: '4h' }],
      }),
    ).toThrow("unknown key: 'nobody'");
    expect(() =>
      describeCaseAnalysis({
        case: exampleCase(),
        maxOrder: 4,
        latencies: [{ mitigation: 'security-oncall', latency: 'soon' }],
      }),
    ).toThrow(`'security-oncall': "soon" is not a duration`);
  });

  it('leaves the report of a case without scenarios as it was', () => {
    const plain = makeCase({
      pathways: [makePathway({ key: 'p', supports: ['m'] })],
      mitigations: [makeMitigation({ key: 'm' })],
    });
    expect(describeCaseAnalysis({ case: plain, maxOrder: 4 })).not.toHaveProperty('scenarios');
    expect(formatCaseAnalysis(describeCaseAnalysis({ case: plain, maxOrder: 4 }))).not.toContain(
      'Scenarios',
    );
  });
});
